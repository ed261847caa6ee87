// The exchange's health over time (intakeHistory, outboxDepth): duplicates received are kept as
// DuplicateArrival nodes by time; the outbox is counted from the messages' creation on.
CREATE INDEX duplicate_arrival_received IF NOT EXISTS FOR (d:DuplicateArrival) ON (d.receivedAt);
CREATE INDEX outbound_message_created IF NOT EXISTS FOR (m:OutboundMessage) ON (m.createdAt);
