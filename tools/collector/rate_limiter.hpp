// A token bucket per client, in memory only (never written anywhere): each
// client may send `burst` requests at once and `per_second` more each second.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace kjeks::collector {

class RateLimiter {
public:
    using Clock = std::chrono::steady_clock;

    RateLimiter(double per_second, double burst) : per_second_(per_second), burst_(burst) {}

    // Takes one token for `client`; false when its bucket is empty.
    bool allow(const std::string& client, Clock::time_point now = Clock::now());

private:
    struct Bucket {
        double tokens;
        Clock::time_point last;
    };
    // Beyond this many clients, full buckets are dropped (they hold nothing a
    // new bucket would not), so memory stays bounded.
    static constexpr std::size_t max_clients = 10000;

    void forget_full_buckets(Clock::time_point now);

    double per_second_;
    double burst_;
    std::mutex mutex_;
    std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace kjeks::collector
