package io.github.shaledb.engine.container;

import java.util.regex.Pattern;

/**
 * A Docker image reference as Docker reads it ({@code postgres:16}, {@code pgvector/pgvector:pg16},
 * {@code registry.example.com:5000/team/postgis:16-3.4}, {@code postgres@sha256:…}), checked without Testcontainers,
 * so that a wrong {@code docker:} URL fails before anything is started or loaded.
 */
public final class ImageReference {
    private static final String LABEL = "[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?";
    private static final String REGISTRY = "(?:" + LABEL + "(?:\\." + LABEL + ")*(?::[0-9]+)?/)?";
    private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final Pattern REFERENCE = Pattern.compile(REGISTRY + COMPONENT + "(?:/" + COMPONENT + ")*"
            + "(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?");

    private ImageReference() {
    }

    public static boolean valid(String image) {
        return image != null && REFERENCE.matcher(image).matches();
    }
}
