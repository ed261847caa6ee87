// A registration or an added identity whose identifier another person already holds, a person the
// caller cannot see, is filed as a claim on a record of the caller's own (IdentityClaim, and on the
// person the claimed IIN in claimedIin), never as a second holder: Identity.key and Person.iin stay
// unique. Claims are found by the same key and IIN as identities.
CREATE INDEX identity_claim_key IF NOT EXISTS FOR (c:IdentityClaim) ON (c.key);
CREATE INDEX person_claimed_iin IF NOT EXISTS FOR (p:Person) ON (p.claimedIin);
// Secrets the hub generates once and every instance shares, such as the key that seals cursors.
CREATE CONSTRAINT hub_secret_name IF NOT EXISTS FOR (s:HubSecret) REQUIRE s.name IS UNIQUE;
