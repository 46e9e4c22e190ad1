package io.github.shaledb.engine.introspect;

import io.github.shaledb.engine.schema.SchemaModel;
import io.github.shaledb.engine.testsupport.TestDatabase;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A connection that counts the statements executed through it, to show the introspector's query count. */
final class CountingConnection {
    record Result(SchemaModel model, int queries) {
    }

    private CountingConnection() {
    }

    static Result introspect(TestDatabase db, List<String> schemas) throws Exception {
        Counted<SchemaModel> counted = count(db, c -> Introspector.introspect(c, schemas));
        return new Result(counted.value(), counted.queries());
    }

    /** What a read over the connection returned, and how many statements it executed. */
    record Counted<T>(T value, int queries) {
    }

    interface Read<T> {
        T read(Connection connection) throws Exception;
    }

    static <T> Counted<T> count(TestDatabase db, Read<T> read) throws Exception {
        AtomicInteger executed = new AtomicInteger();
        try (Connection real = db.connect()) {
            Connection counting = proxy(Connection.class, real, (target, method, args) -> {
                Object result = invoke(target, method, args);
                return result instanceof Statement statement
                        ? proxy(method.getReturnType(), statement, (s, m, a) -> {
                            if (m.getName().startsWith("execute")) {
                                executed.incrementAndGet();
                            }
                            return invoke(s, m, a);
                        })
                        : result;
            });
            return new Counted<>(read.read(counting), executed.get());
        }
    }

    private interface Handler {
        Object handle(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<?> type, Object target, Handler handler) {
        InvocationHandler invocation = (self, method, args) -> handler.handle(target, method, args);
        return (T) Proxy.newProxyInstance(CountingConnection.class.getClassLoader(), new Class<?>[] {type}, invocation);
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
