package kz.reentry.hub.release;

/** Grounds of release (domain brief, "People and their states"). */
public enum ReleaseType {
    END_OF_TERM, PAROLE, MILDER_PUNISHMENT, ILLNESS, AMNESTY, PARDON
}
