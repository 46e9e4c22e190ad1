/**
 * The queries of {@code db:studio}'s pages as plain Java: the schema as the engine models it, rows with paging and
 * filters, row edits rendered as the SQL they run, the migrations' status and scripts, the next change, and a query
 * box. {@link io.github.shaledb.engine.studio.StudioSession} is the {@link io.github.shaledb.engine.api.Studio} the
 * API hands out; the web front end lives in the Maven plugin.
 */
package io.github.shaledb.engine.studio;
