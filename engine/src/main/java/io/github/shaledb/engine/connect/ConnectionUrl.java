package io.github.shaledb.engine.connect;

import io.github.shaledb.engine.api.ConfigurationException;
import io.github.shaledb.engine.api.Passwords;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A PostgreSQL URL split by position into what it says: hosts, database, user, password and the other parameters.
 * The password leaves the URL here, so no text that is printed later can hold it. Both forms:
 * {@code jdbc:postgresql:…?user=…&password=…} (values percent-encoded, {@code +} a space, as pgjdbc reads them) and
 * {@code postgres://user:password@host:port/db?param=value} (percent-encoded, {@code +} itself, as libpq reads them;
 * {@code @ : / ? #} may stay unencoded in the password where the URL is still unambiguous).
 */
final class ConnectionUrl {
    /** The JDBC URL without user and password, for a {@code jdbc:} URL; null for a libpq one. */
    String jdbcBase;
    /** libpq form: the host list as written ({@code h1:5432,h2}); empty or null when the URL names none. */
    String hosts;
    String port;
    String database;
    String user;
    String password;
    /** libpq form: the other parameters, decoded, by their libpq names. */
    final Map<String, String> params = new LinkedHashMap<>();

    private ConnectionUrl() {
    }

    static ConnectionUrl empty() {
        return new ConnectionUrl();
    }

    boolean jdbc() {
        return jdbcBase != null;
    }

    /** A {@code jdbc:postgresql:} URL: the {@code user} and {@code password} parameters taken out, the rest kept as written. */
    static ConnectionUrl jdbc(String url, String source) throws ConfigurationException {
        ConnectionUrl parsed = new ConnectionUrl();
        int query = url.indexOf('?');
        if (query < 0) {
            parsed.jdbcBase = url;
            return parsed;
        }
        StringJoiner kept = new StringJoiner("&");
        for (String pair : url.substring(query + 1).split("&", -1)) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equalsIgnoreCase("password")) {
                parsed.password = decode(pair.substring(eq + 1), true, source, "password parameter");
            } else if (key.equals("user")) {
                parsed.user = decode(eq < 0 ? "" : pair.substring(eq + 1), true, source, "user parameter");
            } else if (!pair.isEmpty()) {
                kept.add(pair);
            }
        }
        parsed.jdbcBase = url.substring(0, query) + (kept.length() == 0 ? "" : "?" + kept);
        return parsed;
    }

    /** A {@code postgres://} or {@code postgresql://} URL, as libpq reads it. */
    static ConnectionUrl libpq(String url, String source) throws ConfigurationException {
        ConnectionUrl parsed = new ConnectionUrl();
        String rest = url.substring(url.indexOf("://") + 3);
        int at = Passwords.userInfoEnd(rest);
        if (at < 0 && rest.indexOf('@') >= 0 && (rest.indexOf('?') < 0 || rest.indexOf('@') < rest.indexOf('?'))) {
            throw new ConfigurationException(source, source + " has an @ that ends no user info: Shale cannot tell"
                    + " the user and password from the host.", "percent-encode @ in the user or password as %40");
        }
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = userInfo.indexOf(':');
            parsed.user = emptyToNull(decode(colon >= 0 ? userInfo.substring(0, colon) : userInfo, false, source, "user"));
            parsed.password = colon >= 0 ? decode(userInfo.substring(colon + 1), false, source, "password") : null;
        }
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        int slash = rest.indexOf('/');
        parsed.hosts = slash >= 0 ? rest.substring(0, slash) : rest;
        parsed.database = emptyToNull(slash >= 0 ? decode(rest.substring(slash + 1), false, source, "database name") : "");
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq >= 0 ? pair.substring(0, eq) : pair, false, source, "parameters");
            String value = eq >= 0 ? decode(pair.substring(eq + 1), false, source, key.equals("password") ? "password" : "parameters") : "";
            switch (key) {
                case "user" -> parsed.user = value;
                case "password" -> parsed.password = value;
                case "dbname" -> parsed.database = value;
                case "host" -> {
                    if (value.startsWith("/")) {
                        throw new ConfigurationException(source, source + " names a Unix socket directory (" + value
                                + "), which the JDBC driver cannot use.", "connect over TCP: postgres://user@localhost:5432/db");
                    }
                    parsed.hosts = value;
                }
                case "port" -> parsed.port = value;
                default -> parsed.params.put(key, value);
            }
        }
        return parsed;
    }

    /**
     * Percent-decodes {@code text}, strictly: a {@code %} not followed by two hex digits, or bytes that are no UTF-8,
     * fail naming the URL's parameter and the part, and never the text, which may be a password.
     */
    static String decode(String text, boolean plusIsSpace, String source, String part) throws ConfigurationException {
        if (text.indexOf('%') < 0 && !(plusIsSpace && text.indexOf('+') >= 0)) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            if (c == '%') {
                int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                int low = high >= 0 ? Character.digit(text.charAt(i + 2), 16) : -1;
                if (low < 0) {
                    throw badEscape(source, part);
                }
                bytes.write(high * 16 + low);
                i += 3;
            } else {
                int end = i + Character.charCount(text.codePointAt(i));
                String literal = c == '+' && plusIsSpace ? " " : text.substring(i, end);
                bytes.writeBytes(literal.getBytes(StandardCharsets.UTF_8));
                i = end;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigurationException(source, "The " + part + " in " + source
                    + " has percent-escapes that are not UTF-8.", "percent-encode the UTF-8 bytes of each character");
        }
    }

    private static ConfigurationException badEscape(String source, String part) {
        return new ConfigurationException(source, "The " + part + " in " + source
                + " has a % that starts no percent-escape (% and two hex digits).",
                "write % as %25 (and @ as %40, : as %3A, / as %2F, ? as %3F, # as %23, & as %26), or give the password in"
                        + " db.password, a settings.xml <server> (db.serverId), PGPASSWORD or ~/.pgpass instead of the URL");
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
