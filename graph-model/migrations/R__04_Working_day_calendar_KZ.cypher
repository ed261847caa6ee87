// Kazakhstan's working-day calendar as data (domain brief: E2's "2 working days").
// HOLIDAY: a public holiday of the law on holidays. DAY_OFF: a working day made a day off, because
// a holiday fell on a weekend (the law moves it to the next working day; not for Orthodox
// Christmas and Kurban Ait) or by the government's yearly transfer decree. WORKDAY: a weekend
// day made a working day by decree. Saturdays and Sundays are days off unless listed as WORKDAY.
// Add each year's decree here when it is published; the hub needs no release for it.
UNWIND [
  {date: date('2026-01-01'), kind: 'HOLIDAY', name: 'Новый год'},
  {date: date('2026-01-02'), kind: 'HOLIDAY', name: 'Новый год'},
  {date: date('2026-01-07'), kind: 'HOLIDAY', name: 'Православное Рождество'},
  {date: date('2026-03-08'), kind: 'HOLIDAY', name: 'Международный женский день'},
  {date: date('2026-03-09'), kind: 'DAY_OFF', name: 'перенос с 8 марта'},
  {date: date('2026-03-21'), kind: 'HOLIDAY', name: 'Наурыз мейрамы'},
  {date: date('2026-03-22'), kind: 'HOLIDAY', name: 'Наурыз мейрамы'},
  {date: date('2026-03-23'), kind: 'HOLIDAY', name: 'Наурыз мейрамы'},
  {date: date('2026-03-24'), kind: 'DAY_OFF', name: 'перенос с 21 марта'},
  {date: date('2026-03-25'), kind: 'DAY_OFF', name: 'перенос с 22 марта'},
  {date: date('2026-05-01'), kind: 'HOLIDAY', name: 'Праздник единства народа Казахстана'},
  {date: date('2026-05-07'), kind: 'HOLIDAY', name: 'День защитника Отечества'},
  {date: date('2026-05-09'), kind: 'HOLIDAY', name: 'День Победы'},
  {date: date('2026-05-11'), kind: 'DAY_OFF', name: 'перенос с 9 мая'},
  {date: date('2026-05-27'), kind: 'HOLIDAY', name: 'Курбан айт'},
  {date: date('2026-07-06'), kind: 'HOLIDAY', name: 'День столицы'},
  {date: date('2026-08-30'), kind: 'HOLIDAY', name: 'День Конституции'},
  {date: date('2026-08-31'), kind: 'DAY_OFF', name: 'перенос с 30 августа'},
  {date: date('2026-10-25'), kind: 'HOLIDAY', name: 'День Республики'},
  {date: date('2026-10-26'), kind: 'DAY_OFF', name: 'перенос с 25 октября'},
  {date: date('2026-12-16'), kind: 'HOLIDAY', name: 'День Независимости'},
  {date: date('2027-01-01'), kind: 'HOLIDAY', name: 'Новый год'},
  {date: date('2027-01-02'), kind: 'HOLIDAY', name: 'Новый год'},
  {date: date('2027-01-04'), kind: 'DAY_OFF', name: 'перенос с 2 января'},
  {date: date('2027-01-07'), kind: 'HOLIDAY', name: 'Православное Рождество'},
  {date: date('2027-03-08'), kind: 'HOLIDAY', name: 'Международный женский день'},
  {date: date('2027-03-21'), kind: 'HOLIDAY', name: 'Наурыз мейрамы'},
  {date: date('2027-03-22'), kind: 'HOLIDAY', name: 'Наурыз мейрамы'},
  {date: date('2027-03-23'), kind: 'HOLIDAY', name: 'Наурыз мейрамы'},
  {date: date('2027-03-24'), kind: 'DAY_OFF', name: 'перенос с 21 марта'},
  {date: date('2027-05-01'), kind: 'HOLIDAY', name: 'Праздник единства народа Казахстана'},
  {date: date('2027-05-03'), kind: 'DAY_OFF', name: 'перенос с 1 мая'},
  {date: date('2027-05-07'), kind: 'HOLIDAY', name: 'День защитника Отечества'},
  {date: date('2027-05-09'), kind: 'HOLIDAY', name: 'День Победы'},
  {date: date('2027-05-10'), kind: 'DAY_OFF', name: 'перенос с 9 мая'},
  {date: date('2027-05-16'), kind: 'HOLIDAY', name: 'Курбан айт'},
  {date: date('2027-07-06'), kind: 'HOLIDAY', name: 'День столицы'},
  {date: date('2027-08-30'), kind: 'HOLIDAY', name: 'День Конституции'},
  {date: date('2027-10-25'), kind: 'HOLIDAY', name: 'День Республики'},
  {date: date('2027-12-16'), kind: 'HOLIDAY', name: 'День Независимости'}
] AS day
MERGE (d:CalendarDay {jurisdiction: 'KZ', date: day.date})
SET d.kind = day.kind, d.name = day.name;
