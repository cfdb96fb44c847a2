package dev.secodasync.extract.snowflake;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A pooled session as its borrower sees it ({@link SessionPool#borrow()}): closing it gives the
 * session back, once; any other call after that fails rather than use a session lent again.
 */
final class SessionLease implements InvocationHandler {

    private final Connection session;

    private final String name;

    private final Consumer<Connection> giveBack;

    private final AtomicBoolean returned = new AtomicBoolean();

    private SessionLease(Connection session, String name, Consumer<Connection> giveBack) {
        this.session = session;
        this.name = name;
        this.giveBack = giveBack;
    }

    /** @param giveBack called with the session on the first {@code close()} */
    static Connection of(Connection session, String name, Consumer<Connection> giveBack) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new SessionLease(session, name, giveBack));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "close" -> {
                if (returned.compareAndSet(false, true)) {
                    giveBack.accept(session);
                }
                return null;
            }
            case "isClosed" -> {
                return returned.get() || session.isClosed();
            }
            case "equals" -> {
                return proxy == args[0];
            }
            case "hashCode" -> {
                return System.identityHashCode(proxy);
            }
            case "toString" -> {
                return "Snowflake session of " + name;
            }
            default -> {
                if (returned.get()) {
                    throw new SQLException("this Snowflake session went back to the pool");
                }
            }
        }
        try {
            return method.invoke(session, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
