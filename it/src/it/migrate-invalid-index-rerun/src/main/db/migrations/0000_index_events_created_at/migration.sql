CREATE INDEX CONCURRENTLY IF NOT EXISTS events_created_at_idx ON events (created_at);
