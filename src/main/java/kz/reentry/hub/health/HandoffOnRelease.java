package kz.reentry.hub.health;

import java.time.LocalDate;

import kz.reentry.hub.delivery.MessageTraces;
import kz.reentry.hub.release.ReleaseChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A release filed, corrected or recorded may move a person's handoffs: the receivers hear of the
 * recorded release, a new destination gets the handoff and the old one its cancellation, a handoff
 * whose day has come leaves. Done at once, off the sender's thread, after the commit; best effort:
 * if this hub stops first, the periodic run does it.
 */
@Component
class HandoffOnRelease {

    private static final Logger log = LoggerFactory.getLogger(HandoffOnRelease.class);

    private final HealthHandoffs handoffs;
    private final MessageTraces traces;

    HandoffOnRelease(HealthHandoffs handoffs, MessageTraces traces) {
        this.handoffs = handoffs;
        this.traces = traces;
    }

    @EventListener
    void releaseChanged(ReleaseChanged change) {
        // in the trace of the release's request, so the handoff's delivery is too
        Thread.ofVirtual().name("e3-after-release-" + change.personId()).start(traces.carried("E3 after a release", () -> {
            try {
                handoffs.personChanged(change.personId(), LocalDate.now());
            } catch (RuntimeException e) {
                log.warn("E3 messages for person {} not sent now ({}); the periodic run will", change.personId(),
                        e.getMessage());
            }
        }));
    }
}
