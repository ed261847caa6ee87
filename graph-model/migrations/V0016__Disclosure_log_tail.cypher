// The disclosure log's tail: one node whose write lock orders the batches of every hub instance, so
// each entry takes the next number of the one log when it is written to the graph (not a number an
// instance gave itself). Unique, so two instances writing the first batch at once find one tail. It is
// created by the first write; until then the log's last entry is where it ends.
CREATE CONSTRAINT disclosure_log_tail_id IF NOT EXISTS FOR (t:DisclosureLogTail) REQUIRE t.id IS UNIQUE;
// Each entry's own key, given by the journal that recorded it: an entry moved twice is written once.
CREATE CONSTRAINT disclosure_entry_id IF NOT EXISTS FOR (d:DisclosureEntry) REQUIRE d.entryId IS UNIQUE;
