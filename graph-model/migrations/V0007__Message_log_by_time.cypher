// The log of received messages (inboundMessages) is read newest first; rejected ones are dead letters.
CREATE INDEX inbound_message_received IF NOT EXISTS FOR (m:InboundMessage) ON (m.receivedAt);
CREATE INDEX dead_letter_received IF NOT EXISTS FOR (d:DeadLetter) ON (d.receivedAt);
