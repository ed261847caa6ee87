package kz.reentry.hub.disclosure;

/** Implemented by records that belong to one person, so the disclosure log knows whose data was read. */
public interface AboutPerson {

    String personId();
}
