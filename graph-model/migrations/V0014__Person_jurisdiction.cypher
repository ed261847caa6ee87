// Every person belongs to one jurisdiction: that of the body that holds them (the penal system that
// reported them, the agency that registered them). The row rules (PersonScope) hold within the caller's
// jurisdiction only: a Belarus body never sees a Kazakh person, and the reverse.
// Persons filed before this migration came from Kazakh systems (keyed by the IIN) or were registered by
// an agency, whose jurisdiction they take.
MATCH (p:Person) WHERE p.jurisdiction IS NULL
OPTIONAL MATCH (a:Party {code: p.registeredBy})
SET p.jurisdiction = coalesce(a.jurisdiction, 'KZ');
