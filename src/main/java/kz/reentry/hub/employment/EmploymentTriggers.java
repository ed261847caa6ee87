package kz.reentry.hub.employment;

import java.time.LocalDate;

import jakarta.annotation.PreDestroy;
import kz.reentry.hub.delivery.MessageTraces;
import kz.reentry.hub.referral.ReferralEvents;
import kz.reentry.hub.referral.ReferralStatus;
import kz.reentry.hub.release.ReleaseChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

/**
 * E4 messages at once, after the commit that makes them due: an EMPLOYMENT referral opened when its
 * day has come, a release recorded or corrected (the gate day). Best effort, off the caller's
 * thread: the periodic run (EmploymentConfiguration) sends whatever an instance stopped before sending.
 */
@Component
class EmploymentTriggers {

    private static final Logger log = LoggerFactory.getLogger(EmploymentTriggers.class);

    private final ReferralEvents referralEvents;
    private final EmploymentReferrals referrals;
    private final MessageTraces traces;
    private Disposable subscription;

    EmploymentTriggers(ReferralEvents referralEvents, EmploymentReferrals referrals, MessageTraces traces) {
        this.referralEvents = referralEvents;
        this.referrals = referrals;
        this.traces = traces;
    }

    @EventListener(ApplicationReadyEvent.class)
    void listen() {
        subscription = referralEvents.changes()
                .filter(r -> "EMPLOYMENT".equals(r.kind()) && r.status() == ReferralStatus.REQUESTED)
                // taken before publishOn, on the thread that published the referral (its request's), so
                // the E4 message and its delivery are in the trace of the request that opened the referral
                .map(r -> traces.carried("E4 after a referral",
                        () -> quietly("referral " + r.id(), () -> referrals.sendIfDue(r.id(), LocalDate.now()))))
                .publishOn(Schedulers.boundedElastic())
                .subscribe(Runnable::run);
    }

    @EventListener
    void releaseChanged(ReleaseChanged change) {
        Thread.ofVirtual().name("e4-after-release-" + change.personId()).start(traces.carried("E4 after a release", () ->
                quietly("person " + change.personId(), () -> referrals.sendDueFor(change.personId(), LocalDate.now()))));
    }

    private static void quietly(String what, Runnable send) {
        try {
            send.run();
        } catch (RuntimeException e) {
            log.warn("E4 messages for {} not sent now ({}); the periodic run will", what, e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        if (subscription != null) {
            subscription.dispose();
        }
    }
}
