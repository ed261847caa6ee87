package kz.reentry.hub;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a hub does once it has started, for the days it was not running (the catch-up of a daily run:
 * E1 notices that fell due, E8 report duties, the disclosure log's head): on a thread of its own, not
 * on the thread that publishes the start's {@code ApplicationReadyEvent}. Spring Boot turns readiness
 * UP only after every listener of that event has returned, and on an empty data directory these runs,
 * each with its first, cold statements, kept readiness DOWN for about 5 s while nothing needed them
 * first: they do a daily run's work, which may run beside requests and beside another instance's run.
 */
public final class AfterStart {

    private static final Logger log = LoggerFactory.getLogger(AfterStart.class);

    private AfterStart() {
    }

    /** Runs the catch-up on a virtual thread named after it; a failure is logged and left to the daily run. */
    public static void catchUp(String what, Runnable work) {
        Thread.ofVirtual().name("catch-up " + what).start(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                log.error("The catch-up at start-up of {} failed; the daily run tries again", what, e);
            }
        });
    }
}
