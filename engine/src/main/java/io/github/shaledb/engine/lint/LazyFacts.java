package io.github.shaledb.engine.lint;

import io.github.shaledb.engine.api.ShaleException;
import java.util.List;

/**
 * Facts read only when a rule first asks (a snapshot file is parsed then, not for every migration linted); a failure
 * to read leaves every answer unknown.
 */
public final class LazyFacts implements SchemaFacts {

    /** Reads the facts; may return null or throw for "unknown". */
    @FunctionalInterface
    public interface Source {
        SchemaFacts read() throws ShaleException;
    }

    private final Source source;
    private SchemaFacts facts;

    public LazyFacts(Source source) {
        this.source = source;
    }

    private SchemaFacts facts() {
        if (facts == null) {
            try {
                SchemaFacts read = source.read();
                facts = read == null ? SchemaFacts.UNKNOWN : read;
            } catch (ShaleException unreadable) {
                // A snapshot that cannot be read is db:check's finding; lint judges without it.
                facts = SchemaFacts.UNKNOWN;
            }
        }
        return facts;
    }

    @Override
    public Boolean exists(String relation) {
        return facts().exists(relation);
    }

    @Override
    public String columnType(String table, String column) {
        return facts().columnType(table, column);
    }

    @Override
    public Boolean hasIndexLeadingWith(String table, List<String> columns) {
        return facts().hasIndexLeadingWith(table, columns);
    }

    @Override
    public Boolean hasValidatedNotNullCheck(String table, String column) {
        return facts().hasValidatedNotNullCheck(table, column);
    }

    @Override
    public List<String> enumLabels(String type) {
        return facts().enumLabels(type);
    }

    @Override
    public Boolean enumSorted(String type) {
        return facts().enumSorted(type);
    }

    @Override
    public String tableOfIndex(String index) {
        return facts().tableOfIndex(index);
    }

    @Override
    public Boolean domainInUse(String domain) {
        return facts().domainInUse(domain);
    }
}
