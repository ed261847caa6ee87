package kz.reentry.hub.release;

/**
 * Published after a commit that filed, corrected or recorded a person's release: where the person
 * goes and when may have changed, so whoever expects the person (E3's health organisations) looks
 * again. A hint for promptness only: the exchanges that listen also find the change on their own
 * periodic run, so an event lost in a crash loses nothing.
 */
public record ReleaseChanged(String personId) {
}
