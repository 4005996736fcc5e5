-- The servers sharing this database, so that together they keep the platforms' send limits, and
-- so that a command on any host can tell whether a server is running. Each server beats its row
-- every second (seen_at); one not seen within the lease is gone. counted_at is when it last counted
-- the live instances (its part of every limit is 1 / that count); visible_since is when it (re)joined:
-- an instance sends only once every other live one has counted since then.
CREATE TABLE instances (
  id text PRIMARY KEY,
  hostname text NOT NULL,
  pid integer NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  seen_at timestamptz NOT NULL DEFAULT now(),
  visible_since timestamptz,
  counted_at timestamptz
);
CREATE INDEX instances_seen_at ON instances (seen_at);

-- A 429's pause of a rate-limit key (a Slack channel, a Teams conversation), told by the instance
-- that got it and honoured by every instance until it ends.
CREATE TABLE rate_pauses (
  key text PRIMARY KEY,
  until timestamptz NOT NULL
);
