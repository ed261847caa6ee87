// E7: emergencies in institutions, reported by the penal system (003 cl. 4 (30), 17). The page of
// emergencies runs newest received first; the prosecutor's duties about one hang off it as Obligations
// (CONCERNS the Emergency) with an instant they fall due (dueAt), read by overdueObligations.
CREATE CONSTRAINT emergency_id IF NOT EXISTS FOR (e:Emergency) REQUIRE e.id IS UNIQUE;
CREATE INDEX emergency_received IF NOT EXISTS FOR (e:Emergency) ON (e.receivedAt);
CREATE INDEX obligation_due_at IF NOT EXISTS FOR (o:Obligation) ON (o.dueAt);
