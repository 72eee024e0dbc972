package io.mcp.sessionstore.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.IntPredicate;

import javax.imageio.ImageIO;

/** What a person sees in a screenshot, reduced to the colours that carry the meaning. */
final class Pixels {

    private Pixels() {
    }

    /** The share of the image's pixels that match. */
    static double share(Path png, IntPredicate matches) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        long hits = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (matches.test(image.getRGB(x, y))) {
                    hits++;
                }
            }
        }
        return (double) hits / ((long) image.getWidth() * image.getHeight());
    }

    static boolean green(int rgb) {
        int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
        return g > 100 && g > r + 50 && g > b + 40;
    }

    static boolean red(int rgb) {
        int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
        return r > 150 && r > g + 80 && r > b + 80;
    }
}
