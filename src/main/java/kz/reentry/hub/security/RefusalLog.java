package kz.reentry.hub.security;

/**
 * Where the security chain records a request it refused (the disclosure log implements it): an
 * interface here, so that security, which the disclosure log depends on, does not depend on it back.
 */
public interface RefusalLog {

    /** A request refused before any operation ran: who (when known), for what, and why. */
    void refused(String client, String agency, String endUser, String purpose, String what);
}
