-- itkontakt's store on PostgreSQL. Each record is kept whole as its JSON document (`doc`, read back
-- through the same zod schemas as the embedded store) beside the columns its questions filter and
-- order by. Times are ISO 8601 strings in UTC, as the services write them, so they order as text.

CREATE TABLE contacts (
  id text PRIMARY KEY,
  seq bigserial NOT NULL,
  municipality text NOT NULL,
  org_number text NOT NULL,
  email_lower text NOT NULL,
  phone text NOT NULL,
  active boolean NOT NULL,
  doc jsonb NOT NULL
);
CREATE INDEX contacts_municipality ON contacts (municipality, active);
CREATE INDEX contacts_email ON contacts (email_lower);
CREATE INDEX contacts_identities ON contacts USING gin ((doc -> 'identities') jsonb_path_ops);

CREATE TABLE staff (
  id text PRIMARY KEY,
  seq bigserial NOT NULL,
  role text NOT NULL,
  municipality text,
  doc jsonb NOT NULL
);
CREATE INDEX staff_identities ON staff USING gin ((doc -> 'identities') jsonb_path_ops);

CREATE TABLE registrations (
  id text PRIMARY KEY,
  seq bigserial NOT NULL,
  status text NOT NULL,
  municipality text NOT NULL,
  org_number text NOT NULL,
  email_lower text NOT NULL,
  doc jsonb NOT NULL
);
CREATE INDEX registrations_municipality ON registrations (municipality, status);

-- The audit log is append-only: the trigger below refuses every change and removal.
CREATE TABLE audit (
  seq bigserial PRIMARY KEY,
  at text NOT NULL,
  municipality text,
  doc jsonb NOT NULL
);
CREATE INDEX audit_municipality ON audit (municipality, seq);

CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only';
END;
$$;
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit FOR EACH ROW EXECUTE FUNCTION audit_append_only();

CREATE TABLE counters (
  series text PRIMARY KEY,
  value integer NOT NULL
);

CREATE TABLE tickets (
  id text PRIMARY KEY,
  municipality text NOT NULL,
  status text NOT NULL,
  created_at text NOT NULL,
  requester_label text NOT NULL,
  requester_contact_id text,
  doc jsonb NOT NULL
);
CREATE INDEX tickets_municipality ON tickets (municipality, status, created_at, id);
CREATE INDEX tickets_created ON tickets (created_at, id);
CREATE INDEX tickets_requester ON tickets (requester_label);
CREATE INDEX tickets_threads ON tickets USING gin ((doc -> 'staffThreads') jsonb_path_ops);

CREATE TABLE ticket_outbox (
  id text PRIMARY KEY,
  ticket_id text NOT NULL,
  channel text NOT NULL,
  status text NOT NULL,
  next_attempt_at text NOT NULL,
  doc jsonb NOT NULL
);
CREATE INDEX ticket_outbox_due ON ticket_outbox (status, next_attempt_at) WHERE status = 'pending';
CREATE INDEX ticket_outbox_ticket ON ticket_outbox (ticket_id);

CREATE TABLE notices (
  id text PRIMARY KEY,
  municipality text NOT NULL,
  kind text NOT NULL,
  state text NOT NULL,
  archived boolean NOT NULL,
  created_at text NOT NULL,
  doc jsonb NOT NULL
);
CREATE INDEX notices_municipality ON notices (municipality, created_at);

CREATE TABLE notice_deliveries (
  id text PRIMARY KEY,
  seq bigserial NOT NULL,
  notice_id text NOT NULL,
  recipient text NOT NULL,
  channel text NOT NULL,
  status text NOT NULL,
  revision integer NOT NULL,
  attempts integer NOT NULL,
  not_before text NOT NULL,
  claimed_until text,
  created_at text NOT NULL,
  doc jsonb NOT NULL
);
CREATE INDEX notice_deliveries_notice ON notice_deliveries (notice_id, seq);
CREATE INDEX notice_deliveries_thread ON notice_deliveries (notice_id, recipient, status);
CREATE INDEX notice_deliveries_due ON notice_deliveries (not_before) WHERE status = 'pending';

CREATE TABLE subscriptions (
  contact_id text PRIMARY KEY,
  doc jsonb NOT NULL
);

CREATE TABLE destinations (
  key text PRIMARY KEY,
  seq bigserial NOT NULL,
  platform text NOT NULL,
  kind text NOT NULL,
  municipality text,
  installed_by text NOT NULL,
  inactive boolean NOT NULL,
  doc jsonb NOT NULL
);
CREATE INDEX destinations_municipality ON destinations (municipality) WHERE NOT inactive;
CREATE INDEX destinations_installer ON destinations (installed_by) WHERE NOT inactive;

CREATE TABLE preferences (
  key text PRIMARY KEY,
  doc jsonb NOT NULL
);

CREATE TABLE feedback (
  seq bigserial PRIMARY KEY,
  municipality text,
  doc jsonb NOT NULL
);

CREATE TABLE staff_channels (
  municipality text PRIMARY KEY,
  destination_key text NOT NULL
);
