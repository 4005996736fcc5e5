-- Inbound events answered lately (a Slack event id, a Teams activity id), shared by every instance,
-- so one delivered again to another instance is not answered twice. Rows expire; expired ones are
-- taken over by a new sighting and removed now and then.
CREATE TABLE seen_inbound (
  key text PRIMARY KEY,
  expires_at text NOT NULL
);
CREATE INDEX seen_inbound_expires ON seen_inbound (expires_at);
