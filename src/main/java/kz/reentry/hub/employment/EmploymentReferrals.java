package kz.reentry.hub.employment;

import java.time.LocalDate;

import kz.reentry.hub.delivery.NewOutboundMessage;
import kz.reentry.hub.delivery.Outbox;
import kz.reentry.hub.obligation.Deadlines;
import kz.reentry.hub.obligation.ObligationKind;
import kz.reentry.hub.obligation.ObligationRepository;
import org.neo4j.driver.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * E4 out (decree 912 items 2, 25, 28): an EMPLOYMENT referral reaches the employment centre it names
 * through the outbox (retries, circuit breaker, DEAD, replay; JSON or the e-government bus envelope,
 * as the receiver is configured) twice: a year before release, with the E1 notice, and on the day
 * the person walks out, "meet at the gate". The first message opens the centre's duty to answer
 * within hub.employment.answer-working-days; the first outcome meets it.
 */
@Service
public class EmploymentReferrals {

    static final String EXCHANGE = "E4";
    static final String SCHEDULE_END_USER = "system:e4-schedule";
    static final String SCHEDULE_PURPOSE = "E4 employment referral, decree 912 items 2, 25, 28";

    private static final Logger log = LoggerFactory.getLogger(EmploymentReferrals.class);

    private final Driver driver;
    private final EmploymentReferralRepository referrals;
    private final EmploymentMessages messages;
    private final Outbox outbox;
    private final ObligationRepository obligations;
    private final Deadlines deadlines;
    private final EmploymentProperties properties;

    EmploymentReferrals(Driver driver, EmploymentReferralRepository referrals, EmploymentMessages messages, Outbox outbox,
                        ObligationRepository obligations, Deadlines deadlines, EmploymentProperties properties) {
        this.driver = driver;
        this.referrals = referrals;
        this.messages = messages;
        this.outbox = outbox;
        this.obligations = obligations;
        this.deadlines = deadlines;
        this.properties = properties;
    }

    /** Every message whose day has come; returns how many went into the outbox. */
    public int sendAllDue(LocalDate today) {
        return send(today, null, null);
    }

    /** The messages of one person whose release was filed, corrected or recorded. */
    public int sendDueFor(String personId, LocalDate today) {
        return send(today, personId, null);
    }

    /** The messages of one referral (just opened), if their day has come. */
    public int sendIfDue(String referralId, LocalDate today) {
        return send(today, null, referralId);
    }

    private int send(LocalDate today, String personId, String referralId) {
        int sent = 0;
        for (var kind : EmploymentMessageKind.values()) {
            for (var due : referrals.due(kind, today, personId, referralId)) {
                if (enqueue(kind, due, today)) {
                    sent++;
                }
            }
        }
        return sent;
    }

    private boolean enqueue(EmploymentMessageKind kind, EmploymentReferralRepository.Due due, LocalDate today) {
        String payload = messages.payload(kind, due);
        String obligationId = due.referralId() + "/E4";
        LocalDate answerDue = deadlines.workingDaysAfter(due.jurisdiction(), today, properties.answerWorkingDays());
        boolean sent;
        try (var session = driver.session()) {
            sent = session.executeWrite(tx -> {
                if (!referrals.claim(tx, due.referralId(), kind)) {
                    return false;
                }
                // delivery does not answer the referral: the duty is met by the centre's first outcome
                String outboundId = outbox.enqueue(tx, new NewOutboundMessage(EXCHANGE, due.centre(), due.personId(), null,
                        payload, SCHEDULE_END_USER, SCHEDULE_PURPOSE, SCHEDULE_END_USER));
                if (kind == EmploymentMessageKind.REFERRAL) {
                    obligations.open(tx, obligationId, ObligationKind.E4_REFERRAL_ANSWER, due.personId(), due.centre(),
                            due.region() != null ? due.region() : due.residenceRegion(), answerDue);
                }
                referrals.mark(tx, due.referralId(), kind, outboundId);
                return true;
            });
        }
        if (sent) {
            log.info("E4 {} of referral {} to {} put in the outbox", kind, due.referralId(), due.centre());
        }
        return sent;
    }
}
