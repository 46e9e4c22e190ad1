package io.github.shaledb.engine.schema;

import java.util.List;

/**
 * An event trigger whose function is in a managed schema. Event triggers belong to the database, not to
 * a schema; their name is unique in it.
 *
 * @param event    {@code ddl_command_start}, {@code ddl_command_end}, {@code sql_drop}, {@code table_rewrite}, …
 * @param tags     the {@code WHEN TAG IN (…)} list in the order given (as pg_dump prints it); empty for none
 * @param function the function it runs (it takes no arguments)
 */
public record EventTrigger(String name, String event, List<String> tags, QualifiedName function, TriggerState state,
                           String comment) {
    public EventTrigger {
        tags = Sorted.kept(tags);
    }
}
