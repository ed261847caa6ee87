// A record of a batch file keeps its batch and place in the file on what it became (InboundMessage or
// DeadLetter), so a file read again after the hub stopped carries on from what its batch had done.
CREATE INDEX inbound_message_batch IF NOT EXISTS FOR (m:InboundMessage) ON (m.batchFile);
CREATE INDEX dead_letter_batch IF NOT EXISTS FOR (d:DeadLetter) ON (d.batchFile);
// A claim on an outbox message names the hub instance that made it, so a restarted hub takes back
// its own claims at once instead of waiting out the lease.
CREATE INDEX outbound_message_claimed IF NOT EXISTS FOR (m:OutboundMessage) ON (m.claimedBy);
