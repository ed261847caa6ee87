// Keys of the release-intake slice. Uniqueness constraints also give MERGE its lock,
// so two intake messages about the same person cannot create two nodes.
CREATE CONSTRAINT person_iin IF NOT EXISTS FOR (p:Person) REQUIRE p.iin IS UNIQUE;
CREATE CONSTRAINT institution_code IF NOT EXISTS FOR (i:Institution) REQUIRE i.code IS UNIQUE;
CREATE CONSTRAINT custody_episode_id IF NOT EXISTS FOR (e:CustodyEpisode) REQUIRE e.id IS UNIQUE;
CREATE CONSTRAINT planned_release_id IF NOT EXISTS FOR (r:PlannedRelease) REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT region_code IF NOT EXISTS FOR (r:Region) REQUIRE r.code IS UNIQUE;
CREATE CONSTRAINT jurisdiction_code IF NOT EXISTS FOR (j:Jurisdiction) REQUIRE j.code IS UNIQUE;
CREATE CONSTRAINT agency_code IF NOT EXISTS FOR (a:Agency) REQUIRE a.code IS UNIQUE;
CREATE CONSTRAINT dead_letter_id IF NOT EXISTS FOR (d:DeadLetter) REQUIRE d.id IS UNIQUE;
CREATE CONSTRAINT inbound_message_id IF NOT EXISTS FOR (m:InboundMessage) REQUIRE m.messageId IS UNIQUE;
