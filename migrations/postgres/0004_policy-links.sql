-- Questions the policy owner attached to a policy section from "policy gaps", or marked out
-- of scope. One link per question: `question_key` is the question in lower case without
-- surrounding spaces, so a second link for the same question replaces the first.
-- Every save, replacement and removal takes a new number from `policy_links_revision`; each
-- instance compares the sequence's last number with the one it read to know when to read the
-- links again.

-- Up Migration
CREATE SEQUENCE policy_links_revision;
CREATE TABLE policy_links (
  id text PRIMARY KEY,
  question_key text NOT NULL,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  revision bigint NOT NULL DEFAULT nextval('policy_links_revision'),
  data jsonb NOT NULL
);
CREATE UNIQUE INDEX policy_links_question_key ON policy_links (question_key);

-- Down Migration
-- None: migrations never drop data. Restore from a backup to go back.
