package kz.reentry.hub.employment;

import java.util.List;

import kz.reentry.hub.disclosure.AboutPerson;

/**
 * An open vacancy suggested for a person, with its score and reasons: read from the person's
 * specialities, qualifications and destination, so a read of it is a disclosure about the person.
 */
record VacancyMatch(String personId, Vacancy vacancy, double score, List<VacancyMatching.Reason> reasons)
        implements AboutPerson {
}
