package kz.reentry.hub.referral;

import java.util.Set;

/** The common lifecycle of referrals to health organisations, employment centres and NGOs. */
public enum ReferralStatus {
    REQUESTED, RECEIVED, ACCEPTED, REJECTED, IN_PROGRESS, COMPLETED, CANCELLED,
    /** An NGO case the NGO handed back after accepting it (E6); only NgoCaseWork moves a case here. */
    HANDED_BACK;

    public boolean isOpen() {
        return !Set.of(REJECTED, COMPLETED, CANCELLED, HANDED_BACK).contains(this);
    }

    /** The moves the receiver makes. */
    public boolean receiverMayMoveTo(ReferralStatus next) {
        return switch (this) {
            case REQUESTED -> Set.of(RECEIVED, ACCEPTED, REJECTED).contains(next);
            case RECEIVED -> Set.of(ACCEPTED, REJECTED).contains(next);
            case ACCEPTED -> Set.of(IN_PROGRESS, COMPLETED).contains(next);
            case IN_PROGRESS -> next == COMPLETED;
            default -> false;
        };
    }

    /** The sender may only withdraw a referral that is still open. */
    public boolean senderMayMoveTo(ReferralStatus next) {
        return next == CANCELLED && isOpen();
    }
}
