// The outbox: messages to other agencies' systems, committed with the graph change that causes them
// and delivered by the dispatcher. The index serves the dispatcher's "what is due now" query.
CREATE CONSTRAINT outbound_message_id IF NOT EXISTS FOR (m:OutboundMessage) REQUIRE m.id IS UNIQUE;
CREATE INDEX outbound_message_due IF NOT EXISTS FOR (m:OutboundMessage) ON (m.status, m.nextAttemptAt);
// Batch files of the intake channels, newest first.
CREATE CONSTRAINT batch_file_id IF NOT EXISTS FOR (b:BatchFile) REQUIRE b.id IS UNIQUE;
CREATE INDEX batch_file_started IF NOT EXISTS FOR (b:BatchFile) ON (b.startedAt);
