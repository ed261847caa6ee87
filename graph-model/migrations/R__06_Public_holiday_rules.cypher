// Public holidays that a statute fixes for every year, as rules: the hub generates each year's holidays
// from them (kz.reentry.hub.obligation.WorkingDayCalendar), for any year, with no yearly data. What no rule
// can give (Kurban ait, which follows the lunar calendar, and the days a government moves each year) is
// dated data: R__04 (KZ) and R__07 (BY).
//   month, day               the holiday's date every year; or
//   daysAfterOrthodoxEaster  a day counted from Orthodox Easter, which the hub computes (Julian computus)
//   movesOffWeekend          a holiday on a Saturday or Sunday moves the day off to the next working day
//   fromYear, toYear         the years the rule is in force (null: open)
// A rule changed by law gets a toYear and a new rule its fromYear, so past years stay as they were.
// Repeatable: re-applied whenever this file changes; the rules of a jurisdiction are replaced whole.
MATCH (r:HolidayRule) DELETE r;

// Kazakhstan: Law "On holidays in the Republic of Kazakhstan" (art. 1, 5: the public holidays that are
// days off) and the Labour Code of the RK (art. 85: a day off that coincides with a holiday moves to the
// next working day after the holiday, except Orthodox Christmas and Kurban ait).
UNWIND [
  {key: 'new-year-1',        month: 1,  day: 1,  name: 'Новый год', moves: true},
  {key: 'new-year-2',        month: 1,  day: 2,  name: 'Новый год', moves: true},
  {key: 'orthodox-christmas', month: 1, day: 7,  name: 'Православное Рождество', moves: false},
  {key: 'womens-day',        month: 3,  day: 8,  name: 'Международный женский день', moves: true},
  {key: 'nauryz-1',          month: 3,  day: 21, name: 'Наурыз мейрамы', moves: true},
  {key: 'nauryz-2',          month: 3,  day: 22, name: 'Наурыз мейрамы', moves: true},
  {key: 'nauryz-3',          month: 3,  day: 23, name: 'Наурыз мейрамы', moves: true},
  {key: 'unity-day',         month: 5,  day: 1,  name: 'Праздник единства народа Казахстана', moves: true},
  {key: 'defenders-day',     month: 5,  day: 7,  name: 'День защитника Отечества', moves: true},
  {key: 'victory-day',       month: 5,  day: 9,  name: 'День Победы', moves: true},
  {key: 'capital-day',       month: 7,  day: 6,  name: 'День столицы', moves: true},
  {key: 'constitution-day',  month: 8,  day: 30, name: 'День Конституции', moves: true},
  {key: 'republic-day',      month: 10, day: 25, name: 'День Республики', moves: true, fromYear: 2022},
  {key: 'independence-day',  month: 12, day: 16, name: 'День Независимости', moves: true}
] AS rule
CREATE (:HolidayRule {jurisdiction: 'KZ', key: rule.key, name: rule.name, month: rule.month, day: rule.day,
                      movesOffWeekend: rule.moves, fromYear: rule.fromYear,
                      source: 'Закон РК «О праздниках в Республике Казахстан», ст. 5; Трудовой кодекс РК, ст. 85'});

// Belarus: Labour Code of the RB (art. 147: public holidays and holidays that are days off, as the
// President establishes them) and Presidential decree No. 157 of 26 March 1998 (the list; 2 January a
// day off since 2020). No holiday moves off a weekend in Belarus: the days the government moves each year
// to make bridges are dated data (R__07).
UNWIND [
  {key: 'new-year-1',         month: 1,  day: 1,  name: 'Новый год'},
  {key: 'new-year-2',         month: 1,  day: 2,  name: 'Новый год', fromYear: 2020},
  {key: 'orthodox-christmas', month: 1,  day: 7,  name: 'Рождество Христово (православное)'},
  {key: 'womens-day',         month: 3,  day: 8,  name: 'День женщин'},
  {key: 'labour-day',         month: 5,  day: 1,  name: 'Праздник труда'},
  {key: 'victory-day',        month: 5,  day: 9,  name: 'День Победы'},
  {key: 'independence-day',   month: 7,  day: 3,  name: 'День Независимости Республики Беларусь'},
  {key: 'october-revolution', month: 11, day: 7,  name: 'День Октябрьской революции'},
  {key: 'catholic-christmas', month: 12, day: 25, name: 'Рождество Христово (католическое)'}
] AS rule
CREATE (:HolidayRule {jurisdiction: 'BY', key: rule.key, name: rule.name, month: rule.month, day: rule.day,
                      movesOffWeekend: false, fromYear: rule.fromYear,
                      source: 'Трудовой кодекс РБ, ст. 147; Указ Президента РБ от 26.03.1998 № 157'});

// Radunitsa, the ninth day after Orthodox Easter (a Tuesday): computed, not listed year by year.
CREATE (:HolidayRule {jurisdiction: 'BY', key: 'radunitsa', name: 'Радуница', daysAfterOrthodoxEaster: 9,
                      movesOffWeekend: false,
                      source: 'Трудовой кодекс РБ, ст. 147; Указ Президента РБ от 26.03.1998 № 157'});
