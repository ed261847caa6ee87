package kz.reentry.hub.referral;

import java.util.List;

import kz.reentry.hub.security.Caller;
import org.springframework.stereotype.Component;

/**
 * Moves a referral forward on its receiver's word when that word comes from another system (E3: a
 * health organisation's FHIR acknowledgement or Task update), not from a GraphQL mutation. Only the
 * receiver named on the referral moves it; a word that is not news (the referral is already there
 * or further) changes nothing, so a message applied twice or late moves nothing back.
 */
@Component
public class ReferralMoves {

    private static final List<ReferralStatus> FORWARD = List.of(ReferralStatus.REQUESTED, ReferralStatus.RECEIVED,
            ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS, ReferralStatus.COMPLETED);

    private final ReferralRepository referrals;
    private final ReferralEvents events;

    ReferralMoves(ReferralRepository referrals, ReferralEvents events) {
        this.referrals = referrals;
        this.events = events;
    }

    /**
     * Moves the referral towards {@code target} through the receiver's allowed steps; returns the
     * referral as it is afterwards, or null when it does not exist or the caller is not its receiver.
     */
    public Referral byReceiver(String referralId, ReferralStatus target, String note, String outcome, Caller caller) {
        Referral referral = referrals.byIds(List.of(referralId)).get(referralId);
        if (referral == null || !caller.agency().equals(referral.toCode())) {
            return null;
        }
        while (referral.status() != target && referral.status().isOpen()) {
            ReferralStatus next;
            if (referral.status().receiverMayMoveTo(target)) {
                next = target;
            } else {
                int at = FORWARD.indexOf(referral.status());
                if (at < 0 || FORWARD.indexOf(target) <= at) {
                    break;
                }
                next = FORWARD.get(at + 1);
                if (!referral.status().receiverMayMoveTo(next)) {
                    break;
                }
            }
            Referral moved = referrals.move(referralId, referral.status(), next, note,
                    next == ReferralStatus.COMPLETED ? outcome : null, caller);
            if (moved == null) {
                referral = referrals.byIds(List.of(referralId)).get(referralId);
                continue;
            }
            events.published(moved);
            referral = moved;
        }
        return referral;
    }

    /**
     * The person's destination changed and {@code to} takes the referral over from {@code from} (E3:
     * the health organisation of the new destination): the referral starts again as REQUESTED with
     * its new receiver. Null when the referral no longer goes to {@code from} (already rerouted).
     */
    public Referral reroute(String referralId, String from, String to, String destination, String note, Caller caller) {
        Referral moved = referrals.reroute(referralId, from, to, destination, note, caller);
        if (moved != null) {
            events.published(moved);
        }
        return moved;
    }
}
