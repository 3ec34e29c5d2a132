#include "postgres_storage.hpp"

#include <mutex>

#include <pqxx/pqxx>

#include "schema_sql.hpp"

namespace kjeks::collector {
namespace {

// One connection, used by one request at a time: enough for a site's own
// collector, where the database's commit (not the client) is the bottleneck.
class PostgresStorage final : public Storage {
public:
    explicit PostgresStorage(const std::string& url) : connection_(url) {
        pqxx::work work(connection_);
        work.exec(schema_sql);
        work.commit();
    }

    void add_proof(const ProofRow& row) override {
        write("INSERT INTO proofs (consent_id, updated_at, day, method, analytics, proof) VALUES ($1, $2, $3, $4, $5, $6) "
              "ON CONFLICT (consent_id, updated_at) DO NOTHING",
              row.consent_id, row.updated_ms, row.day, row.method, row.analytics ? 1 : 0, row.json);
    }

    void add_pageview(const PageviewRow& row) override {
        write("INSERT INTO pageviews (day, path, referrer, screen, visitor) VALUES ($1, $2, $3, $4, $5)", row.day,
              row.path, row.referrer, row.screen, row.visitor);
    }

    std::vector<std::string> history(const std::string& consent_id) override {
        return first_column(read("SELECT proof FROM proofs WHERE consent_id = $1 ORDER BY updated_at", consent_id));
    }

    std::vector<std::string> proofs_between(std::int64_t from_ms, std::int64_t to_ms) override {
        return first_column(read(
            "SELECT proof FROM proofs WHERE updated_at >= $1 AND updated_at < $2 ORDER BY updated_at, consent_id",
            from_ms, to_ms));
    }

    Stats stats(const std::string& since_day, int top_paths) override {
        Stats stats;
        for (const auto& row :
             read("SELECT day, COUNT(*) FROM pageviews WHERE day >= $1 GROUP BY day ORDER BY day", since_day)) {
            stats.pageviews_per_day.push_back({row[0].as<std::string>(), "", row[1].as<std::int64_t>()});
        }
        for (const auto& row : read("SELECT path, COUNT(*) AS n FROM pageviews WHERE day >= $1 GROUP BY path "
                                    "ORDER BY n DESC, path LIMIT $2",
                                    since_day, top_paths)) {
            stats.top_paths.push_back({"", row[0].as<std::string>(), row[1].as<std::int64_t>()});
        }
        for (const auto& row : read("SELECT day, method, COUNT(*) FROM proofs WHERE day >= $1 GROUP BY day, method "
                                    "ORDER BY day, method",
                                    since_day)) {
            stats.decisions_per_day.push_back(
                {row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::int64_t>()});
        }
        const pqxx::result share =
            read("SELECT COUNT(*), COALESCE(SUM(analytics), 0) FROM proofs p WHERE day >= $1 AND "
                 "updated_at = (SELECT MAX(updated_at) FROM proofs q WHERE q.consent_id = p.consent_id)",
                 since_day);
        stats.deciders = share[0][0].as<std::int64_t>();
        stats.analytics_accepters = share[0][1].as<std::int64_t>();
        return stats;
    }

    Counts counts() override {
        const pqxx::result r = read("SELECT (SELECT COUNT(*) FROM proofs), (SELECT COUNT(*) FROM pageviews)");
        return {r[0][0].as<std::int64_t>(), r[0][1].as<std::int64_t>()};
    }

    std::int64_t delete_pageviews_before(const std::string& day) override {
        return write("DELETE FROM pageviews WHERE day < $1", day);
    }

    std::int64_t delete_proofs_before(std::int64_t ms) override {
        return write("DELETE FROM proofs WHERE updated_at < $1", ms);
    }

private:
    template <typename... Args>
    std::int64_t write(const char* sql, const Args&... args) {
        std::lock_guard<std::mutex> lock(mutex_);
        pqxx::work work(connection_);
        const pqxx::result result = work.exec_params(sql, args...);
        work.commit();
        return static_cast<std::int64_t>(result.affected_rows());
    }

    template <typename... Args>
    pqxx::result read(const char* sql, const Args&... args) {
        std::lock_guard<std::mutex> lock(mutex_);
        pqxx::read_transaction work(connection_);
        pqxx::result result = work.exec_params(sql, args...);
        work.commit();
        return result;
    }

    static std::vector<std::string> first_column(const pqxx::result& result) {
        std::vector<std::string> out;
        out.reserve(result.size());
        for (const auto& row : result) out.push_back(row[0].as<std::string>());
        return out;
    }

    pqxx::connection connection_;
    std::mutex mutex_;
};

}  // namespace

std::unique_ptr<Storage> open_postgres_storage(const std::string& url) {
    return std::make_unique<PostgresStorage>(url);
}

}  // namespace kjeks::collector
