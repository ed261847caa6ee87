package kz.reentry.hub.release;

/** What the institution's medical and social staff found about the person's capacity to work (E1 notice). */
public enum CapacityToWork {
    FULL,
    LIMITED,
    NONE
}
