package kz.reentry.hub.api;

/** The caller asked for something the hub does not hold (or, later, may not show them). */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what) {
        super(what);
    }
}
