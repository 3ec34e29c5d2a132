#include "options.hpp"

#include <charconv>
#include <string_view>

#include "dates.hpp"

namespace kjeks::collector {
namespace {

std::optional<long> parse_number(std::string_view text, long low, long high) {
    long value = 0;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (result.ec != std::errc() || result.ptr != text.data() + text.size() || value < low || value > high) {
        return std::nullopt;
    }
    return value;
}

bool parse_listen(std::string_view text, Options& options) {
    const std::size_t colon = text.rfind(':');
    if (colon == std::string_view::npos || colon == 0) return false;
    const auto port = parse_number(text.substr(colon + 1), 0, 65535);
    if (!port) return false;
    options.host = std::string(text.substr(0, colon));
    options.port = static_cast<int>(*port);
    return true;
}

}  // namespace

std::optional<Options> parse_options(int argc, char** argv, std::string& error) {
    Options options;
    int i = 1;
    if (i < argc && std::string_view(argv[i]) == "export") {
        options.command = Options::Command::Export;
        ++i;
    } else if (i < argc && std::string_view(argv[i]) == "count") {
        options.command = Options::Command::Count;
        ++i;
    }
    const bool serving = options.command == Options::Command::Serve;
    bool have_format = false;
    for (; i < argc; ++i) {
        const std::string_view flag = argv[i];
        if (i + 1 >= argc) {
            error = "missing value for " + std::string(flag);
            return std::nullopt;
        }
        const std::string value = argv[++i];
        if (flag == "--database") {
            options.database = value;
        } else if (serving && flag == "--listen") {
            if (!parse_listen(value, options)) error = "--listen needs HOST:PORT";
        } else if (serving && flag == "--config") {
            options.config_path = value;
        } else if (serving && flag == "--stats-token") {
            options.stats_token = value;
        } else if (serving && flag == "--proof-retention-days") {
            const auto days = parse_number(value, 1, 36500);
            if (days) options.proof_retention_days = static_cast<int>(*days);
            else error = "--proof-retention-days needs a number of days (1-36500)";
        } else if (serving && flag == "--collect-rate") {
            const auto rate = parse_number(value, 1, 1'000'000'000);
            if (rate) options.collect_rate = static_cast<double>(*rate);
            else error = "--collect-rate needs a whole number of requests per second";
        } else if (serving && flag == "--client-ip-header") {
            options.client_ip_header = value;
        } else if (!serving && flag == "--format") {
            have_format = value == "jsonl" || value == "csv";
            options.format = value == "csv" ? ExportFormat::Csv : ExportFormat::Jsonl;
            if (!have_format) error = "--format must be jsonl or csv";
        } else if (!serving && (flag == "--from" || flag == "--to")) {
            if (!day_start_ms(value)) error = std::string(flag) + " needs a date YYYY-MM-DD";
            (flag == "--from" ? options.from_day : options.to_day) = value;
        } else {
            error = "unknown option " + std::string(flag);
        }
        if (!error.empty()) return std::nullopt;
    }
    if (options.database.empty()) error = "--database is required";
    else if (options.command == Options::Command::Export && !have_format) error = "--format is required";
    if (!error.empty()) return std::nullopt;
    return options;
}

}  // namespace kjeks::collector
