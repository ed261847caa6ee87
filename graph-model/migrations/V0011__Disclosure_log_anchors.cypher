// The disclosure log's head, signed and published outside the hub (ADR 0010): each head published
// is kept, so the verifier can tell a log cut short from one that never grew.
CREATE CONSTRAINT disclosure_log_head_seq IF NOT EXISTS FOR (h:DisclosureLogHead) REQUIRE h.seq IS UNIQUE;
// What each journal (by host and path) had moved into the graph, and whether its hub stopped cleanly:
// a journal that comes back shorter than that was deleted or cut, and its unmoved entries may be lost.
CREATE CONSTRAINT disclosure_journal_mark_key IF NOT EXISTS FOR (m:DisclosureJournalMark) REQUIRE m.key IS UNIQUE;
