// The outbox: messages to other agencies' systems, committed with the graph change that causes them
// and delivered by the dispatcher. The index serves the dispatcher's "what is due now" query.
CREATE CONSTRAINT outbound_message_id IF NOT EXISTS FOR (m:OutboundMessage) REQUIRE m.id IS UNIQUE;
CREATE INDEX outbound_message_due IF NOT EXISTS FOR (m:OutboundMessage) ON (m.status, m.nextAttemptAt);
