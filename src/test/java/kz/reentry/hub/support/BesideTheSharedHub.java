package kz.reentry.hub.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A test class whose hubs run in JVMs of their own ({@link HubProcess}) and that shares nothing with
 * the suite's one application context: it runs beside the classes that use that context instead of
 * after them. Those processes spend much of their time starting, waiting on the disk (each commit is
 * forced) and on sockets, so the two lanes share the machine's two cores well; run one after the other
 * they were half of the suite's time. Classes so marked still run one at a time among themselves (the
 * lock), and a class's tests in order (a node holding a lock runs its children in its own thread).
 * Configured in junit-platform.properties: everything else runs in one lane, as before.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock("hub-processes")
public @interface BesideTheSharedHub {
}
