package io.mcp.sessionstore.testing;

import java.beans.PropertyChangeListener;

import org.apache.catalina.Context;
import org.apache.catalina.Loader;

/**
 * Tomcat's loader for {@link JavaSdkUpstream}'s servlet: the tests' own class loader, instead of a
 * webapp class loader of its own. That one would become the context class loader of every thread
 * the SDK's Reactor starts from a request, and stay so, stopped, after a restart. Nothing here is
 * ever reloaded.
 */
final class CallerClassLoader implements Loader {

    private Context context;

    @Override
    public ClassLoader getClassLoader() {
        return JavaSdkUpstream.class.getClassLoader();
    }

    @Override
    public Context getContext() {
        return context;
    }

    @Override
    public void setContext(Context context) {
        this.context = context;
    }

    @Override
    public boolean getDelegate() {
        return true;
    }

    @Override
    public void setDelegate(boolean delegate) {
        // always the caller's classes
    }

    @Override
    public boolean modified() {
        return false;
    }

    @Override
    public void backgroundProcess() {
        // nothing to reload
    }

    @Override
    public void addPropertyChangeListener(PropertyChangeListener listener) {
        // no property ever changes
    }

    @Override
    public void removePropertyChangeListener(PropertyChangeListener listener) {
        // no property ever changes
    }
}
