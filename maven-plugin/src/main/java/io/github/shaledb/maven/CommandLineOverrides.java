package io.github.shaledb.maven;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoFailureException;
import org.codehaus.plexus.configuration.PlexusConfiguration;

import java.io.File;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Lets a {@code -Ddb.…} on the command line win over the POM's {@code <configuration>}, as Flyway does (Maven itself
 * prefers the POM), for every goal: each parameter of the mojo's descriptor bound to a {@code db.} property that the
 * session's user properties set is set again from them, converted as Maven would.
 */
final class CommandLineOverrides {
    private CommandLineOverrides() {
    }

    /**
     * @param basedir what a relative {@code File} parameter is resolved against
     * @return by property, where each {@code db.} parameter came from: "the command line" or "the POM"
     */
    static Map<String, String> apply(AbstractMojo mojo, MojoExecution execution, MavenSession session, File basedir)
            throws MojoFailureException {
        Map<String, String> origins = new HashMap<>();
        if (execution == null || session == null) {
            return origins;
        }
        Properties commandLine = session.getUserProperties();
        for (org.apache.maven.plugin.descriptor.Parameter parameter : execution.getMojoDescriptor().getParameters()) {
            String expression = parameter.getExpression();
            if (expression == null || !expression.startsWith("${db.") || !expression.endsWith("}")) {
                continue;
            }
            String property = expression.substring(2, expression.length() - 1);
            Field field = field(mojo, parameter.getName());
            if (field == null) {
                continue;
            }
            String given = commandLine.getProperty(property);
            try {
                if (given != null) {
                    field.set(mojo, convert(given, field, property, basedir));
                    origins.put(property, "the command line");
                } else if (field.get(mojo) != null) {
                    origins.put(property, "the POM");
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return origins;
    }

    private static Field field(Object mojo, String name) {
        for (Class<?> type = mojo.getClass(); type != null && type != AbstractMojo.class; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return field;
            } catch (NoSuchFieldException e) {
                // declared higher up
            }
        }
        return null;
    }

    /** A command-line value as Maven would have converted it for the field. */
    private static Object convert(String value, Field field, String property, File basedir) throws MojoFailureException {
        Class<?> type = field.getType();
        try {
            if (type == String.class) {
                return value;
            } else if (type == PlexusConfiguration.class) {
                return new AbstractShaleMojo.Literal(field.getName(), value);
            } else if (type == Boolean.class || type == boolean.class) {
                return Boolean.parseBoolean(value.trim());
            } else if (type == Integer.class || type == int.class) {
                return Integer.valueOf(value.trim());
            } else if (type == Long.class || type == long.class) {
                return Long.valueOf(value.trim());
            } else if (type == File.class) {
                File file = new File(value);
                return file.isAbsolute() ? file : new File(basedir, value);
            } else if (type == List.class) {
                List<String> items = new ArrayList<>();
                for (String item : value.split(",")) {
                    if (!item.isBlank()) {
                        items.add(item.trim());
                    }
                }
                return items;
            }
        } catch (NumberFormatException e) {
            throw new MojoFailureException("-D" + property + "=" + value + " is not a number.");
        }
        throw new IllegalStateException("No conversion of -D" + property + " to " + type);
    }
}
