// Kazakhstan's working-day calendar: the dated days no rule gives. The fixed public holidays, and the
// day off moved to the next working day when one falls on a weekend, are generated for every year from
// the rules of R__06_Public_holiday_rules.cypher; this file holds only:
//   HOLIDAY   a holiday without a fixed date: Kurban ait (first day), set each year by the Islamic calendar
//   DAY_OFF   a working day made a day off by the government's yearly transfer decree
//   WORKDAY   a Saturday or Sunday made a working day by that decree
// and, per year, a CalendarYear node saying the year's dated days are all here. A deadline counted in a
// year without one is counted with the rules alone and the obligation is marked dueDateProvisional.
//
// To add a year: when Kurban ait's date is announced and the government's transfer decree for the year is
// published, add the HOLIDAY row for Kurban ait, a DAY_OFF / WORKDAY row for each transfer of the decree
// (none when it moves nothing), and the year to the CalendarYear list with the decree's number. The hub
// applies this file again at its next start (it is repeatable); no release is needed.
//
// Repeatable: re-applied whenever this file changes; Kazakhstan's dated days are replaced whole.
MATCH (d:CalendarDay {jurisdiction: 'KZ'}) DELETE d;
MATCH (y:CalendarYear {jurisdiction: 'KZ'}) DELETE y;

UNWIND [
  {date: date('2026-05-27'), kind: 'HOLIDAY', name: 'Курбан айт'},
  {date: date('2027-05-16'), kind: 'HOLIDAY', name: 'Курбан айт'}
] AS day
CREATE (:CalendarDay {jurisdiction: 'KZ', date: day.date, kind: day.kind, name: day.name});

// The years whose dated days are complete (2026 and 2027: Kurban ait; no transfer beyond the weekend rule).
UNWIND [
  {year: 2026, source: 'Курбан айт 27.05.2026; переносов, кроме переносов по ст. 85 ТК РК, нет'},
  {year: 2027, source: 'Курбан айт 16.05.2027; переносов, кроме переносов по ст. 85 ТК РК, нет'}
] AS y
CREATE (:CalendarYear {jurisdiction: 'KZ', year: y.year, source: y.source});
