package kz.reentry.hub.health;

import java.time.LocalDate;

import jakarta.annotation.PreDestroy;
import kz.reentry.hub.delivery.MessageTraces;
import kz.reentry.hub.referral.ReferralEvents;
import kz.reentry.hub.referral.ReferralStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

/**
 * A HEALTH referral opened when its person's handoff day has already come (less than
 * days-before-release left) is handed over at once, after the referral's commit, off the
 * caller's thread. Best effort: if this hub stops first, the periodic run sends it.
 */
@Component
class HandoffOnReferral {

    private static final Logger log = LoggerFactory.getLogger(HandoffOnReferral.class);

    private final ReferralEvents referrals;
    private final HealthHandoffs handoffs;
    private final MessageTraces traces;
    private Disposable subscription;

    HandoffOnReferral(ReferralEvents referrals, HealthHandoffs handoffs, MessageTraces traces) {
        this.referrals = referrals;
        this.handoffs = handoffs;
        this.traces = traces;
    }

    @EventListener(ApplicationReadyEvent.class)
    void listen() {
        subscription = referrals.changes()
                .filter(r -> r.healthRelated() && r.status() == ReferralStatus.REQUESTED)
                // taken before publishOn, on the thread that published the referral (its request's), so
                // the handoff and its delivery are in the trace of the request that opened the referral
                .map(r -> traces.carried("E3 after a referral", () -> {
                    try {
                        handoffs.handOverIfDue(r.id(), LocalDate.now());
                    } catch (RuntimeException e) {
                        log.warn("E3 handoff of referral {} not sent now ({}); the periodic run will", r.id(), e.getMessage());
                    }
                }))
                .publishOn(Schedulers.boundedElastic())
                .subscribe(Runnable::run);
    }

    @PreDestroy
    void stop() {
        if (subscription != null) {
            subscription.dispose();
        }
    }
}
