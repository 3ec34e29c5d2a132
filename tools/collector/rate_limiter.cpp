#include "rate_limiter.hpp"

#include <algorithm>

namespace kjeks::collector {

bool RateLimiter::allow(const std::string& client, Clock::time_point now) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (buckets_.size() >= max_clients && buckets_.find(client) == buckets_.end()) forget_full_buckets(now);
    auto [it, inserted] = buckets_.try_emplace(client, Bucket{burst_, now});
    Bucket& bucket = it->second;
    if (!inserted) {
        const double elapsed = std::chrono::duration<double>(now - bucket.last).count();
        bucket.tokens = std::min(burst_, bucket.tokens + std::max(0.0, elapsed) * per_second_);
        bucket.last = now;
    }
    if (bucket.tokens < 1.0) return false;
    bucket.tokens -= 1.0;
    return true;
}

void RateLimiter::forget_full_buckets(Clock::time_point now) {
    for (auto it = buckets_.begin(); it != buckets_.end();) {
        const double elapsed = std::chrono::duration<double>(now - it->second.last).count();
        if (it->second.tokens + elapsed * per_second_ >= burst_) it = buckets_.erase(it);
        else ++it;
    }
    // Everyone is busy: start over rather than grow without bound.
    if (buckets_.size() >= max_clients) buckets_.clear();
}

}  // namespace kjeks::collector
