package io.github.shaledb.engine.lock;

import io.github.shaledb.engine.api.ConfigurationException;
import io.github.shaledb.engine.api.ShaleEvent;
import io.github.shaledb.engine.testsupport.TestDatabase;
import io.github.shaledb.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What happens once the migration lock turns out to be taken outside the proven server session — cases a
 * pool produces only by chance, staged here on direct connections.
 */
@ExtendWith(TestPostgres.class)
class SessionPinningTest {
    private static final long KEY = 77;
    private final List<ShaleEvent> events = new CopyOnWriteArrayList<>();

    @Test
    void aLockAlreadyHeldByTheServerSessionIsNotReentered(TestDatabase db) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("select pg_advisory_lock(" + KEY + ")"); // as another client of the pool left it
            assertThatThrownBy(() -> AdvisoryLock.acquire(c, KEY, null, events::add, db::connect))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("goes through a transaction-pooling proxy (server process pid " + pid(c)
                            + " already held the migration lock for another client")
                    .hasMessageContaining("Nothing was locked or run");
            s.execute("select pg_advisory_unlock(" + KEY + ")");
            assertThat(advisoryLocks(db)).isEqualTo("0"); // held once: the run did not take it a second time
        }
    }

    @Test
    void aLockTakenAfterAnotherClientUsedTheSessionIsReleased(TestDatabase db) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            SessionPinning pinning = SessionPinning.prove(c, db::connect, events::add);
            s.execute("select pg_advisory_lock(" + KEY + ")");
            assertThatThrownBy(() -> pinning.requireLockedHere(KEY, true, pid(c), "another client's mark", events::add))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("another client was given its server session")
                    .hasMessageContaining("The lock taken there has been released; nothing was run.");
            assertThat(advisoryLocks(db)).isEqualTo("0");
        }
    }

    @Test
    void aLockTakenInAnUnreachableServerProcessIsNamedWithHowToFreeIt(TestDatabase db) throws Exception {
        try (Connection c = db.connect(); Connection pooled = db.connect(); Statement s = pooled.createStatement()) {
            SessionPinning pinning = SessionPinning.prove(c, db::connect, events::add);
            s.execute("select pg_advisory_lock(" + KEY + ")");
            int elsewhere = pid(pooled);
            assertThatThrownBy(() -> pinning.requireLockedHere(KEY, true, elsewhere, null, events::add))
                    .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                        assertThat(e.parameter()).isEqualTo("db.url");
                        assertThat(e.getMessage())
                                .contains("the migration lock was taken in server process pid " + elsewhere)
                                .contains("server process pid " + elsewhere + " still holds the migration lock (key " + KEY + ")")
                                .contains("RECONNECT").contains("mvn db:unlock -Ddb.force=true");
                        assertThat(e.fix()).contains("point db.url at the server or a session-pooled port");
                    });
            assertThat(advisoryLocks(db)).isEqualTo("1");
        }
    }

    @Test
    void aDirectConnectionKeepsItsSession(TestDatabase db) throws Exception {
        try (Connection c = db.connect(); AdvisoryLock lock = AdvisoryLock.acquire(c, KEY, null, events::add, db::connect)) {
            assertThat(advisoryLocks(db)).isEqualTo("1");
        }
        assertThat(advisoryLocks(db)).isEqualTo("0");
        assertThat(events).extracting(ShaleEvent::message).anySatisfy(m ->
                assertThat(m).contains("keeps its server session").contains("checked with a second connection"));
    }

    private static int pid(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String advisoryLocks(TestDatabase db) throws Exception {
        return db.queryStrings("select count(*)::text from pg_locks where locktype = 'advisory'").get(0);
    }
}
