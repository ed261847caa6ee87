package kz.reentry.hub.api;

/**
 * A caller whose roles allow the operation but who may not do it to this record (another party's
 * measure or referral): FORBIDDEN with the reason in the caller's terms. Refusals by role come from
 * {@code @PreAuthorize} and say so.
 */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String reason) {
        super(reason);
    }
}
