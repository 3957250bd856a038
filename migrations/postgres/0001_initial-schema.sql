-- The bot's tables. Every record is kept whole as JSON in `data` (the same shape the lowdb
-- store writes); the columns beside it are what queries and unique keys need. `seq` keeps
-- the order records were first stored in.
-- Migrations only ever add: a newer bot never drops or rewrites what an older one stored.

-- Up Migration
CREATE TABLE profiles (
  aad_object_id text PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  data jsonb NOT NULL
);

CREATE TABLE employees (
  employee_id text PRIMARY KEY,
  aad_object_id text,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  data jsonb NOT NULL
);
CREATE INDEX employees_aad_object_id ON employees (lower(aad_object_id));

CREATE TABLE reports (
  id text PRIMARY KEY,
  -- A retried or repeated submission of one card, to any instance, stores once.
  submission_id text NOT NULL UNIQUE,
  kind text NOT NULL,
  reporter_id text NOT NULL,
  status text NOT NULL,
  submitted_at timestamptz NOT NULL,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  data jsonb NOT NULL
);
CREATE INDEX reports_reporter ON reports (reporter_id, seq);
CREATE INDEX reports_submitted_at ON reports (submitted_at);

-- The last reference number given per series (e.g. DC-2026); numbers only go up.
CREATE TABLE report_sequences (
  series text PRIMARY KEY,
  last_number integer NOT NULL
);

CREATE TABLE conversations (
  aad_object_id text PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  data jsonb NOT NULL
);

CREATE TABLE feedback (
  id text PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  data jsonb NOT NULL
);

CREATE TABLE audit (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- A hash of the entry, for finding equal entries.
  fingerprint text NOT NULL,
  data jsonb NOT NULL
);
CREATE INDEX audit_fingerprint ON audit (fingerprint);

CREATE TABLE role_grants (
  aad_object_id text NOT NULL,
  role text NOT NULL,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  data jsonb NOT NULL,
  PRIMARY KEY (aad_object_id, role)
);

CREATE TABLE summary_runs (
  run_key text PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  started_at text NOT NULL,
  finished_at text
);

CREATE TABLE summary_deliveries (
  run_key text NOT NULL REFERENCES summary_runs (run_key) ON DELETE CASCADE,
  manager_id text NOT NULL,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  data jsonb NOT NULL,
  PRIMARY KEY (run_key, manager_id)
);

-- Bot Framework conversation and user state, shared by every instance.
CREATE TABLE bot_state (
  key text PRIMARY KEY,
  etag bigint NOT NULL,
  data jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
-- None: migrations never drop data. Restore from a backup to go back.
