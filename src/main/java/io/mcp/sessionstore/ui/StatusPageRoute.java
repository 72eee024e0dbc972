package io.mcp.sessionstore.ui;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;

/**
 * The status page is static (META-INF/resources/ui: a page, a script, a style sheet) and reads the
 * service's own JSON endpoints with the API key the person enters. It needs no key itself: it holds
 * no data. This route only sends {@code /ui} to {@code /ui/}, where its relative links resolve.
 */
@ApplicationScoped
public class StatusPageRoute {

    static final String PATH = "/ui";

    void routes(@Observes Router router) {
        router.get(PATH).handler(context -> { // Vert.x routes /ui/ here too: that one goes on to the static files
            if (context.request().path().equals(PATH)) {
                context.redirect(PATH + "/");
            } else {
                context.next();
            }
        });
    }
}
