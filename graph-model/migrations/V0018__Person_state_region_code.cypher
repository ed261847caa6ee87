// A state's region is also kept on the state (regionCode, beside its IN_REGION relationship), so that
// "released into region R in the period" is one index seek on (kind, regionCode, from): the indicators
// of one region walked every release of the country in the period, each to its region (184,000 of the
// 289,000 db hits of Almaty's indicators at the national scale).
MATCH (s:PersonState)-[:IN_REGION]->(r:Region) WHERE s.regionCode IS NULL
SET s.regionCode = r.code;
CREATE INDEX person_state_kind_region_from IF NOT EXISTS FOR (s:PersonState) ON (s.kind, s.regionCode, s.from);
