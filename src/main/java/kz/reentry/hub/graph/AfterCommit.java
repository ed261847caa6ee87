package kz.reentry.hub.graph;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Query;
import org.neo4j.driver.Record;
import org.neo4j.driver.Result;
import org.neo4j.driver.Session;
import org.neo4j.driver.TransactionCallback;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Neo4j driver lacks and Spring's transaction synchronisation gives: code that runs once the
 * transaction of a transaction function has committed, such as waking the outbox dispatcher for the
 * message just queued (it cannot see the message before). The hub's {@link Driver} is wrapped
 * ({@link #wrap}): the write transaction functions of its sessions ({@code executeWrite},
 * {@code executeWriteWithoutResult}) hand their callback a context that collects such actions, and run
 * them after the driver has committed, in the calling thread; an attempt the driver retries drops
 * its actions, and a transaction that fails runs none. Only hints may be run this way: on a
 * transaction the hub's driver did not start (another driver, an explicit {@code beginTransaction})
 * the action never runs, and one that throws is logged and forgotten, the commit standing.
 */
public final class AfterCommit {

    private static final Logger log = LoggerFactory.getLogger(AfterCommit.class);

    private AfterCommit() {
    }

    /** Runs the action once the transaction of this transaction function has committed (see the class). */
    public static void run(TransactionContext tx, Runnable action) {
        if (tx instanceof CollectingContext collecting) {
            collecting.actions.add(action);
        }
    }

    /** The driver whose sessions' write transaction functions run their after-commit actions. */
    public static Driver wrap(Driver driver) {
        if (Proxy.isProxyClass(driver.getClass()) && Proxy.getInvocationHandler(driver) instanceof Sessions) {
            return driver;
        }
        return (Driver) Proxy.newProxyInstance(AfterCommit.class.getClassLoader(), new Class<?>[] {Driver.class},
                new Sessions(driver));
    }

    /** equals, hashCode and toString of a proxy: its own identity, named after what it wraps. */
    private static Object ofTheProxy(Object proxy, Method method, Object[] args, Object wrapped) {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> "AfterCommit(" + wrapped + ")";
        };
    }

    /** Every session the driver opens (its {@code session(...)} methods) is wrapped; the rest goes straight through. */
    private record Sessions(Driver driver) implements InvocationHandler {

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return ofTheProxy(proxy, method, args, driver);
            }
            Object result = invokeOn(driver, method, args);
            return result instanceof Session session && method.getName().equals("session")
                    ? Proxy.newProxyInstance(AfterCommit.class.getClassLoader(), new Class<?>[] {Session.class},
                    new WriteFunctions(session))
                    : result;
        }
    }

    /** A session whose write transaction functions run their after-commit actions. */
    private record WriteFunctions(Session session) implements InvocationHandler {

        @Override
        @SuppressWarnings("unchecked")
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return ofTheProxy(proxy, method, args, session);
            }
            boolean function = method.getName().equals("executeWrite");
            boolean consumer = method.getName().equals("executeWriteWithoutResult");
            if (!function && !consumer) {
                return invokeOn(session, method, args);
            }
            List<Runnable> committed = new ArrayList<>();
            Object[] wrapped = args.clone();
            if (function) {
                var callback = (TransactionCallback<Object>) args[0];
                wrapped[0] = (TransactionCallback<Object>) tx -> attempt(tx, committed, callback::execute);
            } else {
                var callback = (Consumer<TransactionContext>) args[0];
                wrapped[0] = (Consumer<TransactionContext>) tx -> attempt(tx, committed, inner -> {
                    callback.accept(inner);
                    return null;
                });
            }
            Object result = invokeOn(session, method, wrapped);
            for (Runnable action : committed) {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    log.warn("An action after a commit failed (the commit stands): {}", e.toString());
                }
            }
            return result;
        }

        /** One attempt of the callback: the actions of an earlier, retried attempt are dropped. */
        private static Object attempt(TransactionContext tx, List<Runnable> committed,
                                      TransactionCallback<Object> callback) {
            committed.clear();
            var collecting = new CollectingContext(tx);
            Object result = callback.execute(collecting);
            committed.addAll(collecting.actions);
            return result;
        }
    }

    private static Object invokeOn(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The driver's transaction context, collecting the actions to run after its commit. */
    private static final class CollectingContext implements TransactionContext {

        private final TransactionContext tx;
        private final List<Runnable> actions = new ArrayList<>();

        CollectingContext(TransactionContext tx) {
            this.tx = tx;
        }

        @Override
        public Result run(String query, Value parameters) {
            return tx.run(query, parameters);
        }

        @Override
        public Result run(String query, Map<String, Object> parameters) {
            return tx.run(query, parameters);
        }

        @Override
        public Result run(String query, Record parameters) {
            return tx.run(query, parameters);
        }

        @Override
        public Result run(String query) {
            return tx.run(query);
        }

        @Override
        public Result run(Query query) {
            return tx.run(query);
        }
    }
}
