import com.sun.management.GarbageCollectionNotificationInfo;
import io.github.shaledb.engine.diff.RenameDecider;
import io.github.shaledb.engine.diff.SchemaDiff;
import io.github.shaledb.engine.introspect.Introspector;
import io.github.shaledb.engine.schema.SchemaModel;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The Java half of bench/schema-benchmark.sh: times Shale's introspection of one database and, given a
 * second one, the diff between the two models, and reports the heap they needed. Launched as a single
 * source file with the engine on the class path:
 *
 * <pre>
 * java -Xmx512m -cp ENGINE_CLASSPATH bench/SchemaBench.java --url jdbc:postgresql://HOST:PORT/ --user U \
 *      --db bench_t2000 --tables 2000 [--changed bench_t2000_changed --changed-tables 2050] \
 *      [--warmup 2] [--runs 5]
 * </pre>
 *
 * The password, if any, comes from PGPASSWORD. Prints one {@code key=value} per line for the script.
 */
public final class SchemaBench {
    private static final List<String> SCHEMAS = List.of("public");

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String url = required(options, "url");
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "2"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "5"));

        HeapWatch heap = HeapWatch.start();
        Properties credentials = new Properties();
        credentials.setProperty("user", required(options, "user"));
        String password = System.getenv("PGPASSWORD");
        if (password != null && !password.isEmpty()) {
            credentials.setProperty("password", password);
        }

        SchemaModel from;
        try (Connection connection = DriverManager.getConnection(url + required(options, "db"), credentials)) {
            Timings introspection = time(warmup, runs, () -> Introspector.introspect(connection, SCHEMAS));
            from = Introspector.introspect(connection, SCHEMAS);
            expectTables(from, options.get("tables"), options.get("db"));
            print("tables", from.tables().size());
            introspection.print("introspect");
        }

        String changedDb = options.get("changed");
        if (changedDb != null) {
            SchemaModel to;
            try (Connection connection = DriverManager.getConnection(url + changedDb, credentials)) {
                to = Introspector.introspect(connection, SCHEMAS);
            }
            expectTables(to, options.get("changed-tables"), changedDb);
            diff(from, to, warmup, runs);
            // Both models stay reachable up to here, so the live heap below includes them.
            heap.print(from, to);
        } else {
            heap.print(from);
        }
    }

    private static void diff(SchemaModel from, SchemaModel to, int warmup, int runs) throws Exception {
        SchemaDiff diff;
        try {
            diff = SchemaDiff.between(from, to, RenameDecider.NONE);
        } catch (UnsupportedOperationException e) {
            print("diff", "not available (" + e.getMessage() + ")");
            return;
        }
        if (diff.isEmpty()) {
            throw new IllegalStateException("the diff found no change between the two databases");
        }
        print("diff_changes", diff.changes().size());
        print("diff_undecided", diff.undecided().size());
        print("diff_sql_lines", diff.render().lines().count());
        // The call above was the first (cold) one; time() starts a new series.
        time(warmup, runs, () -> SchemaDiff.between(from, to, RenameDecider.NONE)).print("diff");
    }

    private static void expectTables(SchemaModel model, String expected, String db) {
        if (expected != null && model.tables().size() != Integer.parseInt(expected)) {
            throw new IllegalStateException("expected " + expected + " tables in " + db + ", the model has "
                    + model.tables().size());
        }
    }

    /** The first call, {@code warmup} more unmeasured calls, then {@code runs} measured calls. */
    private static Timings time(int warmup, int runs, Callable<?> call) throws Exception {
        long first = millisOf(call);
        for (int i = 0; i < warmup; i++) {
            millisOf(call);
        }
        List<Long> measured = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            measured.add(millisOf(call));
        }
        return new Timings(first, measured);
    }

    private static long millisOf(Callable<?> call) throws Exception {
        long start = System.nanoTime();
        Object result = call.call();
        long elapsed = System.nanoTime() - start;
        if (result == null) {
            throw new IllegalStateException("no result");
        }
        return Math.round(elapsed / 1e6);
    }

    private record Timings(long first, List<Long> runs) {
        long median() {
            List<Long> sorted = runs.stream().sorted().toList();
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : Math.round((sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0);
        }

        void print(String what) {
            SchemaBench.print(what + "_first_ms", first);
            SchemaBench.print(what + "_median_ms", runs.isEmpty() ? first : median());
            SchemaBench.print(what + "_runs_ms", String.join(",", runs.stream().map(String::valueOf).toList()));
        }
    }

    /**
     * Peak heap from the driver's own start (the source compilation before main is left out): the sum of the
     * heap pools' peaks, an upper bound since the pools need not peak together, and the largest heap
     * occupancy right after a collection, which is what the program really held at its worst.
     */
    private static final class HeapWatch {
        private final AtomicLong maxAfterGc = new AtomicLong();
        private final AtomicLong collections = new AtomicLong();

        static HeapWatch start() {
            System.gc();
            HeapWatch watch = new HeapWatch();
            for (MemoryPoolMXBean pool : heapPools()) {
                pool.resetPeakUsage();
            }
            // Notifications come late, on another thread: those of the compiler's collections must not count.
            long since = ManagementFactory.getRuntimeMXBean().getUptime();
            Set<String> heapPoolNames = heapPools().stream().map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        GarbageCollectionNotificationInfo info =
                                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                        if (info.getGcInfo().getStartTime() < since) {
                            return;
                        }
                        // The map holds every pool, Metaspace and code cache too: count the heap only.
                        long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                                .filter(e -> heapPoolNames.contains(e.getKey()))
                                .mapToLong(e -> e.getValue().getUsed()).sum();
                        watch.maxAfterGc.accumulateAndGet(used, Math::max);
                        watch.collections.incrementAndGet();
                    }
                }, null, null);
            }
            return watch;
        }

        /** @param models kept reachable until the live size is read */
        void print(Object... models) {
            long peak = heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            System.gc();
            long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            // Notifications arrive on another thread; give the last ones a moment.
            sleep(200);
            SchemaBench.print("heap_peak_mb", mb(peak));
            SchemaBench.print("heap_peak_after_gc_mb", mb(Math.max(maxAfterGc.get(), live)));
            SchemaBench.print("heap_models_live_mb", mb(live));
            SchemaBench.print("heap_max_mb", mb(Runtime.getRuntime().maxMemory()));
            SchemaBench.print("gc_count", collections.get());
            SchemaBench.print("models", models.length);
        }

        private static List<MemoryPoolMXBean> heapPools() {
            return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
        }

        private static long mb(long bytes) {
            return Math.round(bytes / (1024.0 * 1024.0));
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + String.join(" ", args));
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing --" + name);
        }
        return value;
    }

    private static void print(String key, Object value) {
        System.out.println(key + "=" + value);
    }
}
