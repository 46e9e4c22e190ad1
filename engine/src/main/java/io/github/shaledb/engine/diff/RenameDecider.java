package io.github.shaledb.engine.diff;

/** Decides rename candidates: from hints, an interactive answer, or not at all (batch mode without a hint). */
@FunctionalInterface
public interface RenameDecider {
    enum Decision { RENAME, DROP_AND_CREATE, UNDECIDED }

    RenameDecider NONE = candidate -> Decision.UNDECIDED;

    Decision decide(RenameCandidate candidate);
}
