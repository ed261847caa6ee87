// Keys and indexes for the whole domain (issue 3): parties, identities, person states,
// programmes, assessments, referrals, obligations, the working-day calendar.
CREATE CONSTRAINT party_code IF NOT EXISTS FOR (p:Party) REQUIRE p.code IS UNIQUE;
CREATE CONSTRAINT district_code IF NOT EXISTS FOR (d:District) REQUIRE d.code IS UNIQUE;
CREATE CONSTRAINT agreement_id IF NOT EXISTS FOR (a:Agreement) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT identity_key IF NOT EXISTS FOR (i:Identity) REQUIRE i.key IS UNIQUE;
CREATE CONSTRAINT person_state_id IF NOT EXISTS FOR (s:PersonState) REQUIRE s.id IS UNIQUE;
CREATE CONSTRAINT programme_id IF NOT EXISTS FOR (p:Programme) REQUIRE p.id IS UNIQUE;
CREATE CONSTRAINT measure_id IF NOT EXISTS FOR (m:Measure) REQUIRE m.id IS UNIQUE;
CREATE CONSTRAINT assessment_id IF NOT EXISTS FOR (a:Assessment) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT referral_id IF NOT EXISTS FOR (r:Referral) REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT obligation_id IF NOT EXISTS FOR (o:Obligation) REQUIRE o.id IS UNIQUE;
CREATE CONSTRAINT calendar_day IF NOT EXISTS FOR (d:CalendarDay) REQUIRE (d.jurisdiction, d.date) IS UNIQUE;
// "How many were X on date D": states are found by kind and start, then filtered by end.
CREATE INDEX person_state_kind_from IF NOT EXISTS FOR (s:PersonState) ON (s.kind, s.from);
CREATE INDEX referral_status IF NOT EXISTS FOR (r:Referral) ON (r.status, r.updatedAt);
CREATE INDEX obligation_open_due IF NOT EXISTS FOR (o:Obligation) ON (o.status, o.dueOn);
// Name search that tolerates Cyrillic/Latin spelling and typos: one ASCII-folded field per person.
CREATE FULLTEXT INDEX person_names IF NOT EXISTS FOR (p:Person) ON EACH [p.searchName, p.variantSearchNames];
// NGO case sync: every referral change takes the next number of a sequence in its own transaction,
// so changes are numbered in commit order and a cursor on the number misses none.
CREATE CONSTRAINT sequence_name IF NOT EXISTS FOR (s:Sequence) REQUIRE s.name IS UNIQUE;
CREATE INDEX referral_change IF NOT EXISTS FOR (r:Referral) ON (r.change);
