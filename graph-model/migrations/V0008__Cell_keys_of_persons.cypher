// Small cells (docs/adr/0007): every person gets a random record key, never shown by the API; a count
// shown to a party outside smallCells.exactFor is rounded by the sum of the keys of the persons counted.
// New persons get theirs when they are created (intake, registerPerson); this gives one to the others.
MATCH (p:Person) WHERE p.cellKey IS NULL SET p.cellKey = toInteger(rand() * 4294967296);
