#include "sqlite_storage.hpp"

#include <mutex>
#include <stdexcept>
#include <utility>

#include <sqlite3.h>

#include "schema_sql.hpp"

namespace kjeks::collector {
namespace {

class Statement {
public:
    Statement(sqlite3* db, const char* sql) : db_(db) {
        if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) fail();
    }
    ~Statement() { sqlite3_finalize(stmt_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(const std::string& text) {
        check(sqlite3_bind_text(stmt_, ++bound_, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT));
        return *this;
    }
    Statement& bind(std::int64_t value) {
        check(sqlite3_bind_int64(stmt_, ++bound_, value));
        return *this;
    }
    // True while there is a row.
    bool step() {
        const int rc = sqlite3_step(stmt_);
        if (rc == SQLITE_ROW) return true;
        if (rc != SQLITE_DONE) fail();
        return false;
    }
    std::string text(int column) const {
        const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
        return data == nullptr ? std::string() : std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
    }
    std::int64_t integer(int column) const { return sqlite3_column_int64(stmt_, column); }

private:
    void check(int rc) {
        if (rc != SQLITE_OK) fail();
    }
    [[noreturn]] void fail() { throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(db_)); }

    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
    int bound_ = 0;
};

class SqliteStorage final : public Storage {
public:
    explicit SqliteStorage(const std::string& path) {
        if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                            nullptr) != SQLITE_OK) {
            const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
            sqlite3_close(db_);
            throw std::runtime_error("sqlite: cannot open " + path + ": " + message);
        }
        sqlite3_busy_timeout(db_, 5000);
        execute("PRAGMA journal_mode=WAL");
        execute("PRAGMA synchronous=FULL");
        execute(schema_sql);
    }
    ~SqliteStorage() override { sqlite3_close(db_); }

    void add_proof(const ProofRow& row) override {
        std::lock_guard<std::mutex> lock(mutex_);
        Statement(db_,
                  "INSERT INTO proofs (consent_id, updated_at, day, method, analytics, proof) VALUES (?, ?, ?, ?, ?, ?) "
                  "ON CONFLICT (consent_id, updated_at) DO NOTHING")
            .bind(row.consent_id).bind(row.updated_ms).bind(row.day).bind(row.method)
            .bind(std::int64_t{row.analytics ? 1 : 0}).bind(row.json).step();
    }

    void add_pageview(const PageviewRow& row) override {
        std::lock_guard<std::mutex> lock(mutex_);
        Statement(db_, "INSERT INTO pageviews (day, path, referrer, screen, visitor) VALUES (?, ?, ?, ?, ?)")
            .bind(row.day).bind(row.path).bind(row.referrer).bind(row.screen).bind(row.visitor).step();
    }

    std::vector<std::string> history(const std::string& consent_id) override {
        std::lock_guard<std::mutex> lock(mutex_);
        Statement statement(db_, "SELECT proof FROM proofs WHERE consent_id = ? ORDER BY updated_at");
        statement.bind(consent_id);
        std::vector<std::string> out;
        while (statement.step()) out.push_back(statement.text(0));
        return out;
    }

    std::vector<std::string> proofs_between(std::int64_t from_ms, std::int64_t to_ms) override {
        std::lock_guard<std::mutex> lock(mutex_);
        Statement statement(db_,
                            "SELECT proof FROM proofs WHERE updated_at >= ? AND updated_at < ? "
                            "ORDER BY updated_at, consent_id");
        statement.bind(from_ms).bind(to_ms);
        std::vector<std::string> out;
        while (statement.step()) out.push_back(statement.text(0));
        return out;
    }

    Stats stats(const std::string& since_day, int top_paths) override {
        std::lock_guard<std::mutex> lock(mutex_);
        Stats stats;
        {
            Statement s(db_, "SELECT day, COUNT(*) FROM pageviews WHERE day >= ? GROUP BY day ORDER BY day");
            s.bind(since_day);
            while (s.step()) stats.pageviews_per_day.push_back({s.text(0), "", s.integer(1)});
        }
        {
            Statement s(db_,
                        "SELECT path, COUNT(*) AS n FROM pageviews WHERE day >= ? GROUP BY path "
                        "ORDER BY n DESC, path LIMIT ?");
            s.bind(since_day).bind(std::int64_t{top_paths});
            while (s.step()) stats.top_paths.push_back({"", s.text(0), s.integer(1)});
        }
        {
            Statement s(db_,
                        "SELECT day, method, COUNT(*) FROM proofs WHERE day >= ? GROUP BY day, method "
                        "ORDER BY day, method");
            s.bind(since_day);
            while (s.step()) stats.decisions_per_day.push_back({s.text(0), s.text(1), s.integer(2)});
        }
        {
            Statement s(db_,
                        "SELECT COUNT(*), COALESCE(SUM(analytics), 0) FROM proofs p WHERE day >= ? AND "
                        "updated_at = (SELECT MAX(updated_at) FROM proofs q WHERE q.consent_id = p.consent_id)");
            s.bind(since_day);
            if (s.step()) {
                stats.deciders = s.integer(0);
                stats.analytics_accepters = s.integer(1);
            }
        }
        return stats;
    }

    Counts counts() override {
        std::lock_guard<std::mutex> lock(mutex_);
        Statement s(db_, "SELECT (SELECT COUNT(*) FROM proofs), (SELECT COUNT(*) FROM pageviews)");
        s.step();
        return {s.integer(0), s.integer(1)};
    }

    std::int64_t delete_pageviews_before(const std::string& day) override {
        std::lock_guard<std::mutex> lock(mutex_);
        Statement(db_, "DELETE FROM pageviews WHERE day < ?").bind(day).step();
        return sqlite3_changes64(db_);
    }

    std::int64_t delete_proofs_before(std::int64_t ms) override {
        std::lock_guard<std::mutex> lock(mutex_);
        Statement(db_, "DELETE FROM proofs WHERE updated_at < ?").bind(ms).step();
        return sqlite3_changes64(db_);
    }

private:
    void execute(const char* sql) {
        char* error = nullptr;
        if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
            std::string message = error ? error : "unknown error";
            sqlite3_free(error);
            throw std::runtime_error("sqlite: " + message);
        }
    }

    sqlite3* db_ = nullptr;
    std::mutex mutex_;
};

}  // namespace

std::unique_ptr<Storage> open_sqlite_storage(const std::string& path) { return std::make_unique<SqliteStorage>(path); }

}  // namespace kjeks::collector
