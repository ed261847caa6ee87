package kz.reentry.hub.institution;

public enum InstitutionType {
    CORRECTIONAL_INSTITUTION, REMAND_CENTRE, SETTLEMENT_COLONY, JUVENILE_INSTITUTION, OPEN_TYPE
}
