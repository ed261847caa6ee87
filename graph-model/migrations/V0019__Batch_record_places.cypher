// A batch file read again after the hub stopped no longer loads every record its stopped batches had
// done: it looks them up a window of places at a time as the reading gets there (BatchFiles), "batch
// in these ids and place in (from, to]", one seek of these indexes each, so the hub's heap does not grow
// with the file. The counts of a stopped batch (count, max place) walk the same indexes.
CREATE INDEX inbound_message_batch_record IF NOT EXISTS FOR (m:InboundMessage) ON (m.batchFile, m.batchRecord);
CREATE INDEX dead_letter_batch_record IF NOT EXISTS FOR (d:DeadLetter) ON (d.batchFile, d.batchRecord);
