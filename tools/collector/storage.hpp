// Where the collector keeps proofs and pageviews: one small interface, with an
// SQLite implementation (one file, the default) and a PostgreSQL one. Every
// write is durable when the call returns. Implementations are thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace kjeks::collector {

struct ProofRow {
    std::string consent_id;
    std::int64_t updated_ms = 0;
    std::string day;        // UTC day of updated_ms
    std::string method;
    bool analytics = false;  // the beacon's category was granted
    std::string json;        // the canonical proof (kjeks::proof_json)
};

struct PageviewRow {
    std::string day;  // UTC day it arrived; no finer time is kept
    std::string path;
    std::string referrer;
    std::string screen;
    std::string visitor;
};

struct KeyCount {
    std::string day;
    std::string key;  // a path or a method; empty where only the day counts
    std::int64_t count = 0;
};

struct Stats {
    std::vector<KeyCount> pageviews_per_day;   // day order
    std::vector<KeyCount> top_paths;           // most viewed first
    std::vector<KeyCount> decisions_per_day;   // day, then method
    std::int64_t deciders = 0;                 // consent ids with a decision since the day
    std::int64_t analytics_accepters = 0;      // of them, whose latest decision granted analytics
};

struct Counts {
    std::int64_t proofs = 0;
    std::int64_t pageviews = 0;
};

class Storage {
public:
    virtual ~Storage() = default;
    // Idempotent: a second proof with the same consent id and updatedAt is ignored.
    virtual void add_proof(const ProofRow& row) = 0;
    virtual void add_pageview(const PageviewRow& row) = 0;
    // The proofs of one consent id, in updatedAt order.
    virtual std::vector<std::string> history(const std::string& consent_id) = 0;
    // Proofs with from_ms <= updatedAt < to_ms, in updatedAt order.
    virtual std::vector<std::string> proofs_between(std::int64_t from_ms, std::int64_t to_ms) = 0;
    virtual Stats stats(const std::string& since_day, int top_paths) = 0;
    virtual Counts counts() = 0;
    // Retention: returns how many rows went.
    virtual std::int64_t delete_pageviews_before(const std::string& day) = 0;
    virtual std::int64_t delete_proofs_before(std::int64_t ms) = 0;
};

// "postgresql://…" or "postgres://…" opens PostgreSQL, anything else is an
// SQLite file name. Creates the tables when missing. Throws on failure.
std::unique_ptr<Storage> open_storage(const std::string& database);

}  // namespace kjeks::collector
