package kz.reentry.hub.state;

import java.util.List;

/** The states a person moves through (domain brief, "People and their states"). */
public enum PersonStateKind {
    SUSPECT, ACCUSED, REMAND_PRISONER, IN_CUSTODY, PROBATIONER, PAROLEE, ADMINISTRATIVE_SUPERVISION, RELEASED,
    WANTED, ELECTRONIC_MONITORING;

    /** The states that end when this one begins: custody ends a release, a release ends custody. */
    public List<PersonStateKind> ends() {
        return switch (this) {
            case ACCUSED -> List.of(SUSPECT);
            case REMAND_PRISONER -> List.of(SUSPECT, RELEASED);
            case IN_CUSTODY -> List.of(SUSPECT, ACCUSED, REMAND_PRISONER, RELEASED, PROBATIONER);
            case RELEASED -> List.of(IN_CUSTODY, REMAND_PRISONER);
            default -> List.of();
        };
    }
}
