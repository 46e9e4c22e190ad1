/**
 * The types of Shale's library API, used with {@link io.github.shaledb.engine.Shale}: the settings
 * ({@link io.github.shaledb.engine.api.ShaleSettings}, built with a builder; unset values are null and the engine
 * owns their {@link io.github.shaledb.engine.api.Defaults}), one immutable result record per verb, the
 * {@link io.github.shaledb.engine.api.ShaleEvent}s a {@link io.github.shaledb.engine.api.ShaleListener} receives, and
 * the {@link io.github.shaledb.engine.api.ShaleException} family.
 *
 * <p><strong>Stability.</strong> API: from 1.0, semantic versioning (see {@link io.github.shaledb.engine}); before
 * 1.0, may change in any release. Records may gain components in a minor release after 1.0 only through added
 * constructors that keep the existing ones. Constructors of the exceptions and result records are public so that
 * front ends and tests can create them; a library user normally only reads them.
 *
 * <p><strong>Nullability.</strong> Unless a member says otherwise: settings getters return null for "unset";
 * result records and their lists are never null (lists are immutable copies); exception fields other than the
 * message may be null where the member's comment says so.
 *
 * <p><strong>Thread safety.</strong> Settings, results, events and exceptions are immutable and safe to share;
 * a {@link io.github.shaledb.engine.api.ShaleSettings.Builder} is not (build on one thread).
 */
package io.github.shaledb.engine.api;
