package kz.reentry.hub.security;

/**
 * The claims the hub reads from every access token, whoever issued it. A ministry identity provider
 * in production must put the same three claims in the tokens it issues to the hub's clients.
 */
public final class HubClaims {

    /** The agency or party code, for example KZ-KUIS, KZ-MIO or an NGO's registration code. */
    public static final String AGENCY = "agency";
    /** Where the agency acts: a region code (KZ-75) or a whole jurisdiction (KZ). */
    public static final String REGION = "region";
    /** The hub roles granted to the client, such as RELEASE_INTAKE or PERSON_READ. */
    public static final String ROLES = "roles";

    private HubClaims() {
    }
}
