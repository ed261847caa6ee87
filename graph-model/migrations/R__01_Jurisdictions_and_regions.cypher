// Reference data: jurisdictions and their first-level territories.
// Region codes are those of ISO 3166-2 (KZ: the numeric KATO-based codes; BY: letter codes).
// Repeatable: re-applied whenever this file changes; MERGE keeps it idempotent.
UNWIND [
  {code: 'KZ', name: 'Қазақстан Республикасы / Республика Казахстан'},
  {code: 'BY', name: 'Рэспубліка Беларусь / Республика Беларусь'}
] AS j
MERGE (n:Jurisdiction {code: j.code})
SET n.name = j.name;

UNWIND [
  {code: 'KZ-10', name: 'Абайская область', kind: 'REGION'},
  {code: 'KZ-11', name: 'Акмолинская область', kind: 'REGION'},
  {code: 'KZ-15', name: 'Актюбинская область', kind: 'REGION'},
  {code: 'KZ-19', name: 'Алматинская область', kind: 'REGION'},
  {code: 'KZ-23', name: 'Атырауская область', kind: 'REGION'},
  {code: 'KZ-27', name: 'Западно-Казахстанская область', kind: 'REGION'},
  {code: 'KZ-31', name: 'Жамбылская область', kind: 'REGION'},
  {code: 'KZ-33', name: 'Жетысуская область', kind: 'REGION'},
  {code: 'KZ-35', name: 'Карагандинская область', kind: 'REGION'},
  {code: 'KZ-39', name: 'Костанайская область', kind: 'REGION'},
  {code: 'KZ-43', name: 'Кызылординская область', kind: 'REGION'},
  {code: 'KZ-47', name: 'Мангистауская область', kind: 'REGION'},
  {code: 'KZ-55', name: 'Павлодарская область', kind: 'REGION'},
  {code: 'KZ-59', name: 'Северо-Казахстанская область', kind: 'REGION'},
  {code: 'KZ-61', name: 'Туркестанская область', kind: 'REGION'},
  {code: 'KZ-62', name: 'Улытауская область', kind: 'REGION'},
  {code: 'KZ-63', name: 'Восточно-Казахстанская область', kind: 'REGION'},
  {code: 'KZ-71', name: 'город Астана', kind: 'CITY'},
  {code: 'KZ-75', name: 'город Алматы', kind: 'CITY'},
  {code: 'KZ-79', name: 'город Шымкент', kind: 'CITY'}
] AS r
MATCH (kz:Jurisdiction {code: 'KZ'})
MERGE (n:Region {code: r.code})
SET n.name = r.name, n.kind = r.kind
MERGE (n)-[:IN_JURISDICTION]->(kz);

UNWIND [
  {code: 'BY-BR', name: 'Брестская область', kind: 'REGION'},
  {code: 'BY-HO', name: 'Гомельская область', kind: 'REGION'},
  {code: 'BY-HR', name: 'Гродненская область', kind: 'REGION'},
  {code: 'BY-MA', name: 'Могилёвская область', kind: 'REGION'},
  {code: 'BY-MI', name: 'Минская область', kind: 'REGION'},
  {code: 'BY-VI', name: 'Витебская область', kind: 'REGION'},
  {code: 'BY-HM', name: 'город Минск', kind: 'CITY'}
] AS r
MATCH (by:Jurisdiction {code: 'BY'})
MERGE (n:Region {code: r.code})
SET n.name = r.name, n.kind = r.kind
MERGE (n)-[:IN_JURISDICTION]->(by);
