// The command line of kjeks-collector.
#pragma once

#include <optional>
#include <string>

#include "proof_export.hpp"

namespace kjeks::collector {

inline constexpr const char* usage_text =
    "usage: kjeks-collector [--listen HOST:PORT] --database FILE|postgresql://... [--config kjeks-config.json]\n"
    "                       [--stats-token T] [--proof-retention-days N] [--collect-rate N]\n"
    "                       [--client-ip-header NAME]\n"
    "       kjeks-collector export --database ... --format jsonl|csv [--from YYYY-MM-DD] [--to YYYY-MM-DD]\n"
    "       kjeks-collector count --database ...\n";

struct Options {
    enum class Command { Serve, Export, Count } command = Command::Serve;
    std::string database;
    // serve
    std::string host = "127.0.0.1";
    int port = 8081;  // 0: any free port (printed at start)
    std::string config_path;   // empty: the embedded default config
    std::string stats_token;   // empty: /stats is off
    int proof_retention_days = 1826;
    double collect_rate = 2;   // pageviews per second per client, bursts of ten times that
    std::string client_ip_header;  // set by the reverse proxy; empty: the socket's peer
    // export
    ExportFormat format = ExportFormat::Jsonl;
    std::string from_day;  // inclusive, UTC
    std::string to_day;    // inclusive, UTC
};

// nullopt (with `error` set) for anything it does not understand.
std::optional<Options> parse_options(int argc, char** argv, std::string& error);

}  // namespace kjeks::collector
