-- Per-person message counts for the rate limit, shared by every instance so a person's limit
-- holds whichever instance their messages reach. Rows are short-lived: the limiter deletes
-- those that expired over an hour ago. The shape is the one rate-limiter-flexible's
-- RateLimiterPostgres reads and writes.

-- Up Migration
CREATE TABLE rate_limits (
  key varchar(255) PRIMARY KEY,
  points integer NOT NULL DEFAULT 0,
  expire bigint
);

-- Down Migration
-- None: migrations never drop data. Restore from a backup to go back.
