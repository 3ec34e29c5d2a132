// The tables, the same in SQLite and PostgreSQL. No column holds an address.
#pragma once

namespace kjeks::collector {

inline constexpr const char* schema_sql = R"sql(
CREATE TABLE IF NOT EXISTS proofs (
  consent_id TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  day TEXT NOT NULL,
  method TEXT NOT NULL,
  analytics INTEGER NOT NULL,
  proof TEXT NOT NULL,
  PRIMARY KEY (consent_id, updated_at)
);
CREATE INDEX IF NOT EXISTS proofs_by_time ON proofs (updated_at);
CREATE TABLE IF NOT EXISTS pageviews (
  day TEXT NOT NULL,
  path TEXT NOT NULL,
  referrer TEXT NOT NULL,
  screen TEXT NOT NULL,
  visitor TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS pageviews_by_day ON pageviews (day);
)sql";

}  // namespace kjeks::collector
