-- FOI figures are counted in SQL: each report keeps, beside its JSON, the few things the
-- counting reads, kept in step with `data` by PostgreSQL itself (generated columns), and two
-- partial indexes hold exactly the reports questions e and g can count, in submission order,
-- with those columns, so the counts are read from the index alone.
-- `person_key` is who a report is about for counting: the reporter of a device complaint or a
-- self report, the named colleague of a colleague report (null when unnamed); in lower case,
-- as the figures compare ids.
-- Adding stored generated columns rewrites the reports table once, while this runs.

-- Up Migration
ALTER TABLE reports
  ADD COLUMN in_cohort boolean NOT NULL GENERATED ALWAYS AS (
    coalesce(data->'cohort'->>'worksWithChildrenOrVulnerable' = 'yes' AND data->'cohort'->>'remoteOrFlexible' = 'yes', false)
  ) STORED,
  ADD COLUMN source text GENERATED ALWAYS AS (data->>'source') STORED,
  ADD COLUMN cause text GENERATED ALWAYS AS (data->>'cause') STORED,
  ADD COLUMN device text GENERATED ALWAYS AS (data->>'device') STORED,
  ADD COLUMN told_not_to text GENERATED ALWAYS AS (data->>'toldNotTo') STORED,
  ADD COLUMN subject text GENERATED ALWAYS AS (data->>'subject') STORED,
  ADD COLUMN person_key text GENERATED ALWAYS AS (
    lower(CASE WHEN data->>'kind' = 'number-sharing' AND data->>'subject' IS DISTINCT FROM 'self' THEN nullif(data->>'sharerId', '') ELSE data->>'reporterId' END)
  ) STORED;

CREATE INDEX reports_foi_complaints ON reports (submitted_at) INCLUDE (status, cause, device, source, person_key)
  WHERE kind = 'device-complaint' AND in_cohort;
CREATE INDEX reports_foi_sharing ON reports (submitted_at) INCLUDE (status, source, person_key)
  WHERE kind = 'number-sharing' AND in_cohort AND told_not_to = 'yes';

-- Down Migration
-- None: migrations never drop data. Restore from a backup to go back.
