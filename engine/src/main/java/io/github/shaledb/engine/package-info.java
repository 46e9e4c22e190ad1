/**
 * Shale's engine, used as a library: {@link io.github.shaledb.engine.Shale} is the one entry point; its settings,
 * results, events, listener and exceptions are in {@link io.github.shaledb.engine.api}. These two packages are the
 * API; every other package of the engine is internal.
 *
 * <p><strong>Stability.</strong> From 1.0 the API follows semantic versioning: a minor or patch release does not
 * remove or change a public type or member of these two packages (it may add ones: new verbs, settings, result
 * components, exception subclasses, event texts). Before 1.0 (0.x), any release may change the API; changes are
 * named in the release notes. The text of messages and events is for people and may change in any release; match on
 * exception types and their fields ({@code parameter()}, {@code file()}, {@code sqlState()}), not on message text.
 *
 * <p>{@code Shale} stays in this root package rather than in {@code api} because it calls the verbs in the internal
 * {@code run} package, which depends on {@code api}: placed in {@code api}, it would make the two packages depend on
 * each other.
 *
 * <p>The jar's module name is {@code io.github.shaledb.engine} ({@code Automatic-Module-Name}).
 */
package io.github.shaledb.engine;
