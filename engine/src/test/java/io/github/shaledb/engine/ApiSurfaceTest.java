package io.github.shaledb.engine;

import io.github.shaledb.engine.api.ShaleSettings;
import io.github.shaledb.engine.run.RunSettings;
import io.github.shaledb.engine.sql.SqlStatement;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The library API is {@link Shale} and the {@code api} package: no public or protected member of theirs may name a
 * type from an internal package (or from a library the engine happens to use), or a library user would compile
 * against internals that change in any release.
 */
class ApiSurfaceTest {
    private static final String ROOT = "io.github.shaledb.engine";
    private static final Set<String> API_PACKAGES = Set.of(ROOT, ROOT + ".api");

    @Test
    void noPublicMemberOfTheApiNamesAnInternalType() throws Exception {
        List<Class<?>> api = apiClasses();

        assertThat(api).as("the API's public types, found on the class path").contains(Shale.class, ShaleSettings.class,
                ShaleSettings.Builder.class, io.github.shaledb.engine.api.MigrateResult.AppliedMigration.class);
        assertThat(leaks(api)).as("public API members that name a type outside the API and java.*").isEmpty();
    }

    @Test
    void aLeakIsReportedNamingTheMember() {
        assertThat(leaks(List.of(Leaky.class))).containsExactlyInAnyOrder(
                Leaky.class.getName() + "#settings(): return type names " + RunSettings.class.getName(),
                Leaky.class.getName() + "#Leaky(java.util.List): parameter names " + SqlStatement.class.getName(),
                Leaky.class.getName() + ".statements: field type names " + SqlStatement.class.getName());
        assertThat(leaks(List.of(LeakyRecord.class))).contains(
                LeakyRecord.class.getName() + " component settings: type names " + RunSettings.class.getName());
    }

    /** Stands for an API type that leaks, to show the check fails on one. */
    public static final class Leaky {
        public final List<? extends SqlStatement> statements;

        public Leaky(List<SqlStatement> statements) {
            this.statements = statements;
        }

        public RunSettings settings() {
            return null;
        }

        @SuppressWarnings("unused")
        private RunSettings notApi() {
            return null;
        }
    }

    /** A record whose component type leaks. */
    public record LeakyRecord(RunSettings settings) {
    }

    /** Every public type in the API packages, nested ones included, read from the compiled classes. */
    private static List<Class<?>> apiClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(Shale.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> found = new ArrayList<>();
        for (String pkg : API_PACKAGES) {
            Path dir = classes.resolve(pkg.replace('.', '/'));
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                    String name = file.getFileName().toString();
                    if (name.equals("package-info.class")) {
                        continue;
                    }
                    Class<?> type = Class.forName(pkg + "." + name.substring(0, name.length() - ".class".length()));
                    if (exported(type)) {
                        found.add(type);
                    }
                }
            }
        }
        return found;
    }

    private static boolean exported(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
            if (!Modifier.isPublic(t.getModifiers()) || t.isAnonymousClass() || t.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    /** One line per public or protected member that names a type a library user must not depend on. */
    static Set<String> leaks(List<Class<?>> types) {
        Set<String> leaks = new TreeSet<>();
        for (Class<?> type : types) {
            String name = type.getName();
            check(leaks, name + ": superclass", type.getGenericSuperclass());
            for (Type i : type.getGenericInterfaces()) {
                check(leaks, name + ": interface", i);
            }
            if (type.isRecord()) {
                for (RecordComponent c : type.getRecordComponents()) {
                    check(leaks, name + " component " + c.getName() + ": type", c.getGenericType());
                }
            }
            for (Field f : type.getDeclaredFields()) {
                if (visible(f.getModifiers()) && !f.isSynthetic()) {
                    check(leaks, name + "." + f.getName() + ": field type", f.getGenericType());
                }
            }
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (visible(c.getModifiers()) && !c.isSynthetic()) {
                    String member = name + "#" + type.getSimpleName() + signature(c.getParameterTypes());
                    checkAll(leaks, member + ": parameter", c.getGenericParameterTypes());
                    checkAll(leaks, member + ": throws", c.getGenericExceptionTypes());
                }
            }
            for (Method m : type.getDeclaredMethods()) {
                if (visible(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
                    String member = name + "#" + m.getName() + signature(m.getParameterTypes());
                    check(leaks, member + ": return type", m.getGenericReturnType());
                    checkAll(leaks, member + ": parameter", m.getGenericParameterTypes());
                    checkAll(leaks, member + ": throws", m.getGenericExceptionTypes());
                }
            }
        }
        return leaks;
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static String signature(Class<?>[] parameters) {
        return "(" + String.join(", ", Arrays.stream(parameters).map(Class::getName).toList()) + ")";
    }

    private static void checkAll(Set<String> leaks, String where, Type[] types) {
        for (Type t : types) {
            check(leaks, where, t);
        }
    }

    private static void check(Set<String> leaks, String where, Type type) {
        for (Class<?> named : named(type, new ArrayList<>())) {
            if (!allowed(named)) {
                leaks.add(where + " names " + named.getName());
            }
        }
    }

    /** The classes a generic type mentions: itself, its type arguments, bounds and array components. */
    private static List<Class<?>> named(Type type, List<Class<?>> into) {
        if (type instanceof Class<?> c) {
            if (c.isArray()) {
                named(c.getComponentType(), into);
            } else {
                into.add(c);
            }
        } else if (type instanceof ParameterizedType p) {
            named(p.getRawType(), into);
            for (Type argument : p.getActualTypeArguments()) {
                named(argument, into);
            }
        } else if (type instanceof WildcardType w) {
            Stream.concat(Arrays.stream(w.getUpperBounds()), Arrays.stream(w.getLowerBounds())).forEach(b -> named(b, into));
        } else if (type instanceof GenericArrayType a) {
            named(a.getGenericComponentType(), into);
        } else if (type instanceof TypeVariable<?> v) {
            for (Type bound : v.getBounds()) {
                named(bound, into);
            }
        }
        return into;
    }

    private static boolean allowed(Class<?> type) {
        if (type.isPrimitive()) {
            return true;
        }
        Class<?> outer = type;
        while (outer.getEnclosingClass() != null) {
            outer = outer.getEnclosingClass();
        }
        String pkg = outer.getPackageName();
        return pkg.equals("java") || pkg.startsWith("java.") || API_PACKAGES.contains(pkg) && exported(type);
    }
}
