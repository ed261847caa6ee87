// Every person gets the hub's own id, a second federation key for persons without an IIN
// (foreigners, Belarus personal numbers) and for callers that must not pass IINs around.
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (p:Person) REQUIRE p.id IS UNIQUE;
MATCH (p:Person) WHERE p.id IS NULL SET p.id = randomUUID();
