package io.github.shaledb.engine.api;

import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * Keeps passwords out of anything printed. A URL is split where its parts are (the user info of a libpq URL, the
 * {@code password=} parameter of either form) and rebuilt without the password; no text is ever searched for the
 * password itself, which would mangle messages that happen to contain its characters.
 */
public final class Passwords {
    /** What a libpq URL's host list may hold: names, IPv4 and [IPv6] addresses, ports, commas, escapes. */
    private static final Pattern HOST_LIST = Pattern.compile(
            "((\\[[0-9A-Fa-f:.%]*]|[A-Za-z0-9._\\-%]*)(:[0-9]+)?)(,(\\[[0-9A-Fa-f:.%]*]|[A-Za-z0-9._\\-%]*)(:[0-9]+)?)*");

    private Passwords() {
    }

    /**
     * The URL as it would be printed: without the password of its user info or of a {@code password=} parameter
     * (nor the key password of {@code sslpassword=}).
     * Text that is no {@code postgres://}, {@code postgresql://} or {@code jdbc:} URL is returned as it is; a
     * libpq URL whose user info cannot be told from its host is cut after its scheme.
     */
    public static String mask(String url) {
        if (url == null) {
            return null;
        }
        int scheme = url.indexOf("://");
        boolean libpq = url.startsWith("postgres://") || url.startsWith("postgresql://");
        if (!libpq && !url.startsWith("jdbc:")) {
            return url;
        }
        String rest = libpq ? url.substring(scheme + 3) : url;
        String prefix = libpq ? url.substring(0, scheme + 3) : "";
        if (libpq) {
            int at = userInfoEnd(rest);
            if (at < 0 && rest.indexOf('@') >= 0) {
                return prefix + "…";
            }
            if (at >= 0) {
                String userInfo = rest.substring(0, at);
                int colon = userInfo.indexOf(':');
                prefix += (colon >= 0 ? userInfo.substring(0, colon) : userInfo) + "@";
                rest = rest.substring(at + 1);
            }
        }
        int query = rest.indexOf('?');
        if (query < 0) {
            return prefix + rest;
        }
        StringJoiner kept = new StringJoiner("&");
        for (String pair : rest.substring(query + 1).split("&", -1)) {
            String key = pair.toLowerCase(java.util.Locale.ROOT);
            if (!key.startsWith("password=") && !key.startsWith("sslpassword=") && !pair.isEmpty()) {
                kept.add(pair);
            }
        }
        return prefix + rest.substring(0, query) + (kept.length() == 0 ? "" : "?" + kept);
    }

    /**
     * Where the user info of a libpq URL ends: the index, in the text after {@code ://}, of the {@code @} that is
     * followed by a host list and then {@code /}, {@code ?} or the end, with no {@code @} before the query; -1 when
     * the URL has no user info. So a password may hold {@code @ : / ? #} unencoded as long as that position is
     * unambiguous; only {@code %} must be written {@code %25}.
     */
    public static int userInfoEnd(String afterScheme) {
        for (int at = afterScheme.indexOf('@'); at >= 0; at = afterScheme.indexOf('@', at + 1)) {
            String tail = afterScheme.substring(at + 1);
            int hostEnd = indexOfAny(tail, "/?");
            String hosts = hostEnd < 0 ? tail : tail.substring(0, hostEnd);
            if (!HOST_LIST.matcher(hosts).matches()) {
                continue;
            }
            String path = hostEnd < 0 ? "" : tail.substring(hostEnd);
            int query = path.indexOf('?');
            if ((query < 0 ? path : path.substring(0, query)).indexOf('@') < 0) {
                return at;
            }
        }
        return -1;
    }

    private static int indexOfAny(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
