package io.github.shaledb.engine.api;

import java.util.regex.Pattern;

/** Keeps passwords out of anything printed: URLs, messages, logs. */
public final class Passwords {
    private static final Pattern USERINFO = Pattern.compile("(://[^:/@?#]*:)([^@/?#]*)(@)");
    private static final Pattern PARAM = Pattern.compile("(?i)([?&;]password=)([^&;]*)");

    private Passwords() {
    }

    /** The text with any password in a URL's user info or {@code password=} parameter replaced by ***. */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = USERINFO.matcher(text).replaceAll("$1***$3");
        return PARAM.matcher(masked).replaceAll("$1***");
    }

    /** The text with every occurrence of the given secret replaced by ***. */
    public static String scrub(String text, String secret) {
        if (text == null || secret == null || secret.isEmpty()) {
            return mask(text);
        }
        return mask(text.replace(secret, "***"));
    }
}
