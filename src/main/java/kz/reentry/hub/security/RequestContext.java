package kz.reentry.hub.security;

/** Keys of what the hub puts into each GraphQL request's context: who calls, for whom and why. */
public final class RequestContext {

    public static final String CLIENT = "hub.client";
    public static final String AGENCY = "hub.agency";
    public static final String PARTY_KIND = "hub.partyKind";
    public static final String END_USER = "hub.endUser";
    public static final String PURPOSE = "hub.purpose";

    private RequestContext() {
    }
}
