package kz.reentry.hub.release;

/**
 * Published after a commit that corrected or recorded a person's release (not after a first
 * filing, which nobody can expect yet): where the person goes and when may have changed, so whoever
 * expects the person (E3's health organisations, E4's employment centre) looks again. A hint for
 * promptness only: the exchanges that listen also find the change on their own periodic run, so an
 * event lost in a crash, or a new term of a person already referred, loses nothing.
 */
public record ReleaseChanged(String personId) {
}
