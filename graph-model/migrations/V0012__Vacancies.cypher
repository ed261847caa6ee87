// E4 vacancies: the labour ministry's open vacancies as its feed last sent them, keyed by the
// ministry's own id (a closed one is removed). Matches for a person read those of the person's
// regions newest first, and when these are too few, the newest of the others.
CREATE CONSTRAINT vacancy_id IF NOT EXISTS FOR (v:Vacancy) REQUIRE v.id IS UNIQUE;
CREATE INDEX vacancy_region_opened IF NOT EXISTS FOR (v:Vacancy) ON (v.regionCode, v.openedOn);
CREATE INDEX vacancy_opened IF NOT EXISTS FOR (v:Vacancy) ON (v.openedOn);
