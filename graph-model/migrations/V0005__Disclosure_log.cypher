// The disclosure log: one node per recorded operation, chained by hash in sequence order.
CREATE CONSTRAINT disclosure_seq IF NOT EXISTS FOR (d:DisclosureEntry) REQUIRE d.seq IS UNIQUE;
CREATE INDEX disclosure_at IF NOT EXISTS FOR (d:DisclosureEntry) ON (d.at);
CREATE INDEX disclosure_agency IF NOT EXISTS FOR (d:DisclosureEntry) ON (d.agency, d.at);
