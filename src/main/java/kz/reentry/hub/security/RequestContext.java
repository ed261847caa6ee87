package kz.reentry.hub.security;

/** Keys of what the hub puts into each GraphQL request's context: who calls, for whom and why. */
public final class RequestContext {

    public static final String CLIENT = "hub.client";
    public static final String AGENCY = "hub.agency";
    public static final String PARTY_KIND = "hub.partyKind";
    public static final String END_USER = "hub.endUser";
    public static final String PURPOSE = "hub.purpose";

    /**
     * The HTTP headers (and graphql-ws connection_init keys) that name the person at the keyboard and the
     * purpose, like X-Road's user-id and issue; passed on in every exchange a request causes.
     */
    public static final String END_USER_HEADER = "X-End-User";
    public static final String PURPOSE_HEADER = "X-Purpose";

    private RequestContext() {
    }
}
