// The dispatcher takes a recipient's due messages in the order they fell due, as many as its receiver
// has calls free: with (status, recipient, nextAttemptAt) that is one seek per recipient, read in
// order and stopped at the limit. With (status, nextAttemptAt) alone every claim read every message due
// for anyone (a receiver down for a while leaves thousands due: 5,941 index entries read for each
// commit's wake-up in the intake benchmark, whose receivers were absent).
CREATE INDEX outbound_message_due_for IF NOT EXISTS FOR (m:OutboundMessage) ON (m.status, m.recipient, m.nextAttemptAt);
