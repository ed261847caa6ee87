package kz.reentry.hub.security;

/** Which persons a party sees (schema/access-policy.yaml, "persons"). */
public enum PersonRows {
    ALL, REGION, RELEASED_INTO_TERRITORY, REFERRED_TO_IT, ASSIGNED_TO_IT, NONE
}
