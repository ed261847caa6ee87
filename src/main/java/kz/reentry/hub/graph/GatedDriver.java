package kz.reentry.hub.graph;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.neo4j.driver.Driver;

/**
 * A driver that is there before the graph is: every call waits until the future gives the real
 * driver (the embedded Neo4j started, the migrations applied), so the rest of the hub can start
 * beside the graph instead of after it. A graph that could not be started fails every call with the
 * reason. Closing does not wait: it closes the driver once there is one.
 */
final class GatedDriver {

    private GatedDriver() {
    }

    static Driver until(CompletableFuture<Driver> ready, String what) {
        return (Driver) Proxy.newProxyInstance(GatedDriver.class.getClassLoader(), new Class<?>[] {Driver.class},
                new Gate(ready, what));
    }

    private record Gate(CompletableFuture<Driver> ready, String what) implements InvocationHandler {

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "GatedDriver(" + what + ")";
                };
            }
            if (method.getName().equals("close") && method.getParameterCount() == 0) {
                ready.thenAccept(Driver::close);
                return null;
            }
            try {
                return method.invoke(driver(), args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        private Driver driver() {
            try {
                return ready.join();
            } catch (CompletionException e) {
                throw new IllegalStateException("The graph is not available: " + what + " failed", e.getCause());
            }
        }
    }
}
