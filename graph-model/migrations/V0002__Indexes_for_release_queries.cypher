// upcomingReleases pages by (date, id); dead letters are listed by status in arrival order.
CREATE INDEX planned_release_date IF NOT EXISTS FOR (r:PlannedRelease) ON (r.date, r.id);
CREATE INDEX dead_letter_status IF NOT EXISTS FOR (d:DeadLetter) ON (d.status, d.receivedAt);
