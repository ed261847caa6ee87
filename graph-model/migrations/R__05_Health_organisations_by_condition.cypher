// Reference data for E3 (decree 912 item 13): in each region of Kazakhstan, which health
// organisation takes over the treatment of each condition category when a person comes out of
// prison. `takesOver` lists the categories of kz.reentry.hub.health.ConditionCategory; a HEALTH
// referral opened without a receiver goes to the organisation that serves the person's destination
// and takes over its condition (referral.ReferralReceivers). Primary care (viral hepatitis, other
// serious disease, a referral without a category) goes through the regional health department,
// which attaches the person to a polyclinic. Since 2019 narcology is part of the regional mental
// health centres, so drug dependence and mental disorder go to the same centre.
UNWIND [
  {prefix: 'KZ-TB',   short: 'ПТД',  name: 'Противотуберкулёзный диспансер',             takesOver: ['TUBERCULOSIS']},
  {prefix: 'KZ-AIDS', short: 'ЦСПИД', name: 'Центр по профилактике и борьбе со СПИД',   takesOver: ['HIV']},
  {prefix: 'KZ-CPZ',  short: 'ЦПЗ',  name: 'Центр психического здоровья',                takesOver: ['DRUG_DEPENDENCE', 'MENTAL_DISORDER']}
] AS org
MATCH (region:Region)-[:IN_JURISDICTION]->(:Jurisdiction {code: 'KZ'})
MATCH (department:Agency {code: 'KZ-UZ-' + substring(region.code, 3)})
MERGE (a:Agency {code: org.prefix + '-' + substring(region.code, 3)})
SET a:Party, a.kind = 'HEALTH', a.shortName = org.short, a.name = org.name + ' — ' + region.name,
    a.jurisdiction = 'KZ', a.takesOver = org.takesOver
MERGE (a)-[:PART_OF]->(department)
MERGE (a)-[:SERVES]->(region);

MATCH (region:Region)-[:IN_JURISDICTION]->(:Jurisdiction {code: 'KZ'})
MATCH (department:Agency {code: 'KZ-UZ-' + substring(region.code, 3)})
SET department.takesOver = ['VIRAL_HEPATITIS', 'OTHER_SERIOUS'], department.primaryCare = true;
