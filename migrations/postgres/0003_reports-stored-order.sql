-- Reports are read in the order they were stored (FOI figures stream every one of them):
-- an index on that order lets the read start at once, without sorting the whole table.

-- Up Migration
CREATE INDEX reports_seq ON reports (seq);

-- Down Migration
-- None: migrations never drop data. Restore from a backup to go back.
