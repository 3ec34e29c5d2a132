// The HTTP API: POST /api/consent, POST /api/collect, GET /api/consent/<id>, GET /stats.
#pragma once

#include <string>

#include "kjeks/config.hpp"
#include "retention.hpp"
#include "storage.hpp"

namespace kjeks::collector {

inline constexpr std::size_t max_body_bytes = 8192;
inline constexpr std::size_t worker_threads = 32;

struct ServerSettings {
    std::string host = "127.0.0.1";
    int port = 8081;
    std::string stats_token;
    Retention retention;
    double collect_rate = 2;
    std::string client_ip_header;
};

// Serves until SIGINT or SIGTERM; sweeps at start and every day. Prints
// "kjeks-collector listening on http://HOST:PORT" once it accepts requests.
int run_server(const ServerSettings& settings, const Config& config, Storage& storage);

}  // namespace kjeks::collector
