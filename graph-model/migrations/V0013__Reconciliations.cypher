// E8 (instruction No. 7, 003 cl. 29, 49, 52): the sources' lists for the prosecutor's reconciliations, and the
// convictions that make a repeat crime. A list is found by region, category and period, its latest per source;
// a conviction by its id (derived from the reporting system's message id, so a report sent twice is one).
CREATE CONSTRAINT reconciliation_statement_id IF NOT EXISTS FOR (s:ReconciliationStatement) REQUIRE s.id IS UNIQUE;
CREATE INDEX reconciliation_statement_period IF NOT EXISTS FOR (s:ReconciliationStatement) ON (s.regionCode, s.category, s.from, s.to);
CREATE CONSTRAINT conviction_id IF NOT EXISTS FOR (c:Conviction) REQUIRE c.id IS UNIQUE;
CREATE INDEX conviction_convicted_on IF NOT EXISTS FOR (c:Conviction) ON (c.convictedOn);
