// Reference data: the bodies that act in each territory, the districts of the three cities of
// republican significance, and the demo NGOs with their memoranda. Parties (agencies, NGOs,
// institutions) share the label :Party and a unique code.

// Regional bodies of Kazakhstan, one of each kind per region, under their national agency.
UNWIND [
  {prefix: 'KZ-MIO',  kind: 'LOCAL_EXECUTIVE',    short: 'МИО',   name: 'Акимат',                          parent: 'KZ-MIO'},
  {prefix: 'KZ-OVD',  kind: 'POLICE',             short: 'ДП',    name: 'Департамент полиции',             parent: 'KZ-MVD'},
  {prefix: 'KZ-SP',   kind: 'PROBATION',          short: 'СП',    name: 'Служба пробации',                 parent: 'KZ-SP'},
  {prefix: 'KZ-DUIS', kind: 'PENAL_SYSTEM',       short: 'ДУИС',  name: 'Департамент УИС',                 parent: 'KZ-KUIS'},
  {prefix: 'KZ-CZN',  kind: 'EMPLOYMENT_CENTRE',  short: 'ЦЗН',   name: 'Центр занятости населения',       parent: 'KZ-MTSZN'},
  {prefix: 'KZ-UZ',   kind: 'HEALTH',             short: 'УЗ',    name: 'Управление здравоохранения',      parent: 'KZ-MZ'},
  {prefix: 'KZ-PR',   kind: 'PROSECUTOR',         short: 'Прокуратура', name: 'Прокуратура',               parent: 'KZ-GP'}
] AS body
MATCH (region:Region)-[:IN_JURISDICTION]->(:Jurisdiction {code: 'KZ'})
MATCH (parent:Agency {code: body.parent})
MERGE (a:Agency {code: body.prefix + '-' + substring(region.code, 3)})
SET a:Party, a.kind = body.kind, a.shortName = body.short, a.name = body.name + ' — ' + region.name,
    a.jurisdiction = 'KZ'
MERGE (a)-[:PART_OF]->(parent)
MERGE (a)-[:SERVES]->(region);

// Regional bodies of Belarus: the penal directorates of the ДИН and the executive committees.
UNWIND [
  {prefix: 'BY-DIN', kind: 'PENAL_SYSTEM',    short: 'УДИН',        name: 'Управление ДИН',          parent: 'BY-DIN'},
  {prefix: 'BY-MIO', kind: 'LOCAL_EXECUTIVE', short: 'Исполком',    name: 'Исполнительный комитет',  parent: null}
] AS body
MATCH (region:Region)-[:IN_JURISDICTION]->(:Jurisdiction {code: 'BY'})
MERGE (a:Agency {code: body.prefix + '-' + substring(region.code, 3)})
SET a:Party, a.kind = body.kind, a.shortName = body.short, a.name = body.name + ' — ' + region.name,
    a.jurisdiction = 'BY'
MERGE (a)-[:SERVES]->(region)
WITH a, body
MATCH (parent:Agency {code: coalesce(body.parent, '-')})
MERGE (a)-[:PART_OF]->(parent);

// Districts of Astana, Almaty and Shymkent, each with its district akimat.
UNWIND [
  {region: 'KZ-71', code: 'KZ-71-ALM', name: 'район Алматы'},
  {region: 'KZ-71', code: 'KZ-71-BAI', name: 'район Байқоңыр'},
  {region: 'KZ-71', code: 'KZ-71-ESL', name: 'район Есиль'},
  {region: 'KZ-71', code: 'KZ-71-SAR', name: 'район Сарыарка'},
  {region: 'KZ-71', code: 'KZ-71-NUR', name: 'район Нура'},
  {region: 'KZ-75', code: 'KZ-75-ALA', name: 'Алатауский район'},
  {region: 'KZ-75', code: 'KZ-75-ALM', name: 'Алмалинский район'},
  {region: 'KZ-75', code: 'KZ-75-AUE', name: 'Ауэзовский район'},
  {region: 'KZ-75', code: 'KZ-75-BOS', name: 'Бостандыкский район'},
  {region: 'KZ-75', code: 'KZ-75-ZHE', name: 'Жетысуский район'},
  {region: 'KZ-75', code: 'KZ-75-MED', name: 'Медеуский район'},
  {region: 'KZ-75', code: 'KZ-75-NAU', name: 'Наурызбайский район'},
  {region: 'KZ-75', code: 'KZ-75-TUR', name: 'Турксибский район'},
  {region: 'KZ-79', code: 'KZ-79-ABA', name: 'Абайский район'},
  {region: 'KZ-79', code: 'KZ-79-FAR', name: 'Аль-Фарабийский район'},
  {region: 'KZ-79', code: 'KZ-79-ENB', name: 'Енбекшинский район'},
  {region: 'KZ-79', code: 'KZ-79-KAR', name: 'Каратауский район'},
  {region: 'KZ-79', code: 'KZ-79-TRN', name: 'Туранский район'}
] AS d
MATCH (region:Region {code: d.region})
MERGE (district:District {code: d.code})
SET district.name = d.name
MERGE (district)-[:PART_OF]->(region)
MERGE (akimat:Agency {code: 'KZ-MIO-' + substring(d.code, 3)})
SET akimat:Party, akimat.kind = 'LOCAL_EXECUTIVE', akimat.shortName = 'МИО',
    akimat.name = 'Акимат — ' + d.name, akimat.jurisdiction = 'KZ'
MERGE (akimat)-[:SERVES]->(district)
WITH akimat, region
MATCH (cityAkimat:Agency {code: 'KZ-MIO-' + substring(region.code, 3)})
MERGE (akimat)-[:PART_OF]->(cityAkimat);

// The district police departments (управления полиции районов) of the same districts, under the
// city's police department: order 392 cl. 50 addresses the notice to the police of the residence.
MATCH (district:District)-[:PART_OF]->(region:Region)
MATCH (cityPolice:Agency {code: 'KZ-OVD-' + substring(region.code, 3)})
MERGE (police:Agency {code: 'KZ-OVD-' + substring(district.code, 3)})
SET police:Party, police.kind = 'POLICE', police.shortName = 'УП',
    police.name = 'Управление полиции — ' + district.name, police.jurisdiction = 'KZ'
MERGE (police)-[:SERVES]->(district)
MERGE (police)-[:PART_OF]->(cityPolice);

// Demo NGOs with their memoranda with the city akimats (decree 912, items 22-27). The first is
// the party of the ngo-demo client of the embedded token issuer.
UNWIND [
  {code: 'NGO-KZ-75-0001', name: 'ОФ «Жаңа жол» (демо)', capacity: 40, regions: ['KZ-75', 'KZ-19'],
   agreement: 'MEM-KZ-75-2026-01', kind: 'MEMORANDUM', with: 'KZ-MIO-75', from: date('2026-01-15'), to: date('2028-12-31')},
  {code: 'NGO-KZ-71-0001', name: 'ОО «Қамқор» (демо)', capacity: 25, regions: ['KZ-71'],
   agreement: 'SSO-KZ-71-2026-07', kind: 'STATE_SOCIAL_ORDER', with: 'KZ-MIO-71', from: date('2026-03-01'), to: date('2026-12-31')}
] AS n
MATCH (kz:Jurisdiction {code: 'KZ'}), (counterpart:Agency {code: n.with})
MERGE (ngo:Ngo {code: n.code})
SET ngo:Party, ngo.kind = 'NGO', ngo.name = n.name, ngo.capacity = n.capacity, ngo.jurisdiction = 'KZ'
MERGE (ngo)-[:IN_JURISDICTION]->(kz)
MERGE (agreement:Agreement {id: n.agreement})
SET agreement.kind = n.kind, agreement.validFrom = n.from, agreement.validTo = n.to
MERGE (ngo)-[:PARTY_TO]->(agreement)
MERGE (counterpart)-[:PARTY_TO]->(agreement)
WITH ngo, n
UNWIND n.regions AS regionCode
MATCH (region:Region {code: regionCode})
MERGE (ngo)-[:SERVES]->(region);

// The territory each demo agreement covers: a case goes to an NGO only for a person whose
// destination lies there (a region, or a district of it) while the agreement is in force (E6).
UNWIND [
  {agreement: 'MEM-KZ-75-2026-01', covers: ['KZ-75']},
  {agreement: 'SSO-KZ-71-2026-07', covers: ['KZ-71']}
] AS a
MATCH (agreement:Agreement {id: a.agreement})
UNWIND a.covers AS code
MATCH (territory:Region {code: code})
MERGE (agreement)-[:COVERS]->(territory);
