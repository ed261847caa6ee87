// Reference data: the national agencies that take part in the exchange (domain brief, "Agencies and parties").
// Repeatable scripts run in name order, after R__01 (jurisdictions); MERGE on the jurisdiction keeps
// this file correct even if run alone.
// Regional and district bodies (МИО per region, ОВД, employment centres) hang under these in later migrations.
UNWIND [
  {code: 'KZ-GP',     jurisdiction: 'KZ', kind: 'PROSECUTOR',       short: 'ГП',     name: 'Генеральная прокуратура Республики Казахстан'},
  {code: 'KZ-KPSISU', jurisdiction: 'KZ', kind: 'PROSECUTOR',       short: 'КПСиСУ', name: 'Комитет по правовой статистике и специальным учетам ГП'},
  {code: 'KZ-MVD',    jurisdiction: 'KZ', kind: 'INTERIOR',         short: 'МВД',    name: 'Министерство внутренних дел Республики Казахстан'},
  {code: 'KZ-KUIS',   jurisdiction: 'KZ', kind: 'PENAL_SYSTEM',     short: 'КУИС',   name: 'Комитет уголовно-исполнительной системы МВД'},
  {code: 'KZ-SP',     jurisdiction: 'KZ', kind: 'PROBATION',        short: 'СП',     name: 'Служба пробации КУИС'},
  {code: 'KZ-OVD',    jurisdiction: 'KZ', kind: 'POLICE',           short: 'ОВД',    name: 'Органы внутренних дел'},
  {code: 'KZ-MIO',    jurisdiction: 'KZ', kind: 'LOCAL_EXECUTIVE',  short: 'МИО',    name: 'Местные исполнительные органы (акиматы)'},
  {code: 'KZ-MTSZN',  jurisdiction: 'KZ', kind: 'LABOUR',           short: 'МТСЗН',  name: 'Министерство труда и социальной защиты населения'},
  {code: 'KZ-MZ',     jurisdiction: 'KZ', kind: 'HEALTH',           short: 'МЗ',     name: 'Министерство здравоохранения'},
  {code: 'KZ-MON',    jurisdiction: 'KZ', kind: 'EDUCATION',        short: 'МОН',    name: 'Министерство образования'},
  {code: 'KZ-COURT',  jurisdiction: 'KZ', kind: 'COURT',            short: 'Суд',    name: 'Суды Республики Казахстан'},
  {code: 'BY-MVD',    jurisdiction: 'BY', kind: 'INTERIOR',         short: 'МВД',    name: 'Министерство внутренних дел Республики Беларусь'},
  {code: 'BY-DIN',    jurisdiction: 'BY', kind: 'PENAL_SYSTEM',     short: 'ДИН',    name: 'Департамент исполнения наказаний МВД'}
] AS a
MERGE (j:Jurisdiction {code: a.jurisdiction})
MERGE (n:Agency {code: a.code})
SET n:Party, n.kind = a.kind, n.shortName = a.short, n.name = a.name, n.jurisdiction = a.jurisdiction
MERGE (n)-[:IN_JURISDICTION]->(j);

MATCH (kuis:Agency {code: 'KZ-KUIS'}), (mvd:Agency {code: 'KZ-MVD'}) MERGE (kuis)-[:PART_OF]->(mvd);
MATCH (sp:Agency {code: 'KZ-SP'}), (kuis:Agency {code: 'KZ-KUIS'}) MERGE (sp)-[:PART_OF]->(kuis);
MATCH (k:Agency {code: 'KZ-KPSISU'}), (gp:Agency {code: 'KZ-GP'}) MERGE (k)-[:PART_OF]->(gp);
MATCH (din:Agency {code: 'BY-DIN'}), (mvd:Agency {code: 'BY-MVD'}) MERGE (din)-[:PART_OF]->(mvd);
