package kz.reentry.hub.release;

/** Whether an E5 record announces a release ahead or reports one that happened. */
public enum ReleaseStatus {
    PLANNED, RELEASED
}
