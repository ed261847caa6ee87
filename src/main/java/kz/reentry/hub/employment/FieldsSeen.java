package kz.reentry.hub.employment;

import kz.reentry.hub.security.AccessPolicy;

/**
 * What the access table lets a kind of party see of a field whatever object it belongs to, for what
 * E4 builds out of fields outside a GraphQL read: the message to a centre, the inputs of a match.
 */
final class FieldsSeen {

    private FieldsSeen() {
    }

    /** Visible when no rule names the field, or an unconditional one lets this kind of party see it. */
    static boolean always(AccessPolicy policy, String type, String field, String partyKind) {
        return policy.fieldRule(type, field).map(rule -> rule.when() == null && !rule.hidesFrom(partyKind)).orElse(true);
    }
}
