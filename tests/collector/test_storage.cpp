// Both storage implementations against the same expectations: SQLite in a
// temporary file always, PostgreSQL when KJEKS_TEST_POSTGRESQL holds a URL
// (scripts/test-collector starts a server for it).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <unistd.h>

#include "dates.hpp"
#include "retention.hpp"
#include "storage.hpp"

using namespace kjeks::collector;

namespace {

std::string random_id() {
    static std::mt19937_64 random{std::random_device{}()};
    static const char digits[] = "0123456789abcdef";
    std::string id;
    for (int i = 0; i < 32; ++i) id += digits[random() % 16];
    return id;
}

ProofRow proof(const std::string& id, std::int64_t updated_ms, bool analytics) {
    return {id, updated_ms, day_of(updated_ms), analytics ? "accept_all" : "decline_all", analytics,
            "{\"consentId\":\"" + id + "\",\"updatedAt\":" + std::to_string(updated_ms) + "}"};
}

// A fixed noon, not the clock: a run that crosses midnight would otherwise
// date the proofs on one day and ask for the stats of the next.
constexpr std::int64_t noon_ms = 1781524800000;  // 2026-06-15T12:00:00Z

void check_storage(Storage& storage) {
    const std::int64_t now = noon_ms;
    const std::string id = random_id();
    const Counts before = storage.counts();

    storage.add_proof(proof(id, now - 2000, false));
    storage.add_proof(proof(id, now - 1000, true));
    storage.add_proof(proof(id, now - 2000, false));  // a retry
    CHECK(storage.counts().proofs == before.proofs + 2);
    const auto history = storage.history(id);
    REQUIRE(history.size() == 2);
    CHECK(history[0].find(std::to_string(now - 2000)) != std::string::npos);
    CHECK(history[1].find(std::to_string(now - 1000)) != std::string::npos);
    CHECK(storage.history(random_id()).empty());
    CHECK(storage.proofs_between(now - 1500, now).size() >= 1);

    const std::string today = day_of(now);
    storage.add_pageview({today, "/a", "", "m", random_id()});
    storage.add_pageview({today, "/a", "https://example.com", "xs", random_id()});
    storage.add_pageview({"2000-01-01", "/old", "", "l", random_id()});
    CHECK(storage.counts().pageviews == before.pageviews + 3);

    const Stats stats = storage.stats(today, 10);
    REQUIRE_FALSE(stats.top_paths.empty());
    CHECK(stats.top_paths[0].key == "/a");
    const auto& days = stats.pageviews_per_day;
    CHECK(std::any_of(days.begin(), days.end(), [&](const auto& row) { return row.day == today; }));
    CHECK(stats.deciders >= 1);
    CHECK(stats.analytics_accepters >= 1);

    const std::string old_id = random_id();
    storage.add_proof(proof(old_id, now - 2000LL * ms_per_day, true));
    const SweepResult swept = sweep(storage, Retention{182, 1826}, now);
    CHECK(swept.pageviews >= 1);
    CHECK(swept.proofs >= 1);
    CHECK(storage.history(old_id).empty());
    CHECK(storage.history(id).size() == 2);
    CHECK(storage.counts().pageviews == before.pageviews + 2);
}

}  // namespace

TEST_CASE("SQLite storage") {
    char path[] = "/tmp/kjeks-collector-test-XXXXXX";
    const int fd = mkstemp(path);
    REQUIRE(fd >= 0);
    close(fd);
    {
        auto storage = open_storage(path);
        check_storage(*storage);
    }
    {
        // Reopened, everything is still there.
        auto storage = open_storage(path);
        CHECK(storage->counts().proofs == 2);
    }
    for (const std::string suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
}

TEST_CASE("PostgreSQL storage") {
    const char* url = std::getenv("KJEKS_TEST_POSTGRESQL");
    if (url == nullptr || *url == '\0') {
        MESSAGE("KJEKS_TEST_POSTGRESQL not set: PostgreSQL storage not tested here");
        return;
    }
    auto storage = open_storage(url);
    check_storage(*storage);
}
