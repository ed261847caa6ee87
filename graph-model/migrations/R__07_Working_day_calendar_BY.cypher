// Belarus's working-day calendar: the dated days no rule gives. The public holidays (Labour Code art. 147,
// decree No. 157), Radunitsa included (computed from Orthodox Easter), are generated for every year from
// R__06_Public_holiday_rules.cypher; no holiday moves off a weekend in Belarus. This file holds only the
// days the Council of Ministers moves each year by resolution (to bridge a holiday):
//   DAY_OFF   a working day made a day off
//   WORKDAY   the Saturday made a working day in exchange
// and, per year, a CalendarYear node saying the year's transfers are all here. Until a year is listed, a
// deadline counted in it uses the holidays alone and the obligation is marked dueDateProvisional.
//
// To add a year: when the Council of Ministers' resolution on the transfer of working days for the year
// is published, add a DAY_OFF row and a WORKDAY row for each transfer it makes, and the year with the
// resolution's number to the CalendarYear list (a year without transfers gets its CalendarYear row only).
// The hub applies this file again at its next start (it is repeatable); no release is needed.
//
// No year is listed yet: the transfers of 2026 and later are to be entered from the published resolutions.
//
// Repeatable: re-applied whenever this file changes; Belarus's dated days are replaced whole.
MATCH (d:CalendarDay {jurisdiction: 'BY'}) DELETE d;
MATCH (y:CalendarYear {jurisdiction: 'BY'}) DELETE y;

UNWIND [] AS day
CREATE (:CalendarDay {jurisdiction: 'BY', date: day.date, kind: day.kind, name: day.name});

UNWIND [] AS y
CREATE (:CalendarYear {jurisdiction: 'BY', year: y.year, source: y.source});
