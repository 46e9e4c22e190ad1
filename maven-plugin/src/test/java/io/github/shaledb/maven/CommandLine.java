package io.github.shaledb.maven;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The {@code -D} options of a {@link GoalTestSupport} test, {@code "db.url=…"}: the session's user properties. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface CommandLine {
    String[] value();
}
