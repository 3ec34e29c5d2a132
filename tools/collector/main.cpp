// kjeks-collector: the site's own first-party API for proofs of consent and
// pageviews, on the same C++ core as the runtime. See README "kjeks-collector".
#include <fstream>
#include <iostream>
#include <sstream>

#include "dates.hpp"
#include "kjeks/config.hpp"
#include "kjeks/default_config.hpp"
#include "options.hpp"
#include "proof_export.hpp"
#include "retention.hpp"
#include "server.hpp"
#include "storage.hpp"

namespace kjeks::collector {
namespace {

bool load_config(const std::string& path, Config& config) {
    if (path.empty()) {
        config = default_config();
        return true;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::cerr << "kjeks-collector: cannot read " << path << '\n';
        return false;
    }
    std::ostringstream text;
    text << in.rdbuf();
    ConfigResult result = parse_config(text.str());
    if (!result.ok()) {
        // The runtime would fall back to the default config; a collector
        // validating against it would reject every proof, so refuse to start.
        for (const ConfigError& error : result.errors) std::cerr << path << ": " << error.to_string() << '\n';
        return false;
    }
    config = std::move(result.config);
    return true;
}

int run(const Options& options) {
    std::unique_ptr<Storage> storage = open_storage(options.database);
    if (options.command == Options::Command::Count) {
        const Counts counts = storage->counts();
        std::cout << "{\"proofs\":" << counts.proofs << ",\"pageviews\":" << counts.pageviews << "}\n";
        return 0;
    }
    if (options.command == Options::Command::Export) {
        const std::int64_t from = options.from_day.empty() ? 0 : *day_start_ms(options.from_day);
        const std::int64_t to =
            options.to_day.empty() ? INT64_MAX : *day_start_ms(options.to_day) + ms_per_day;
        write_export(std::cout, storage->proofs_between(from, to), options.format);
        return std::cout.flush() ? 0 : 1;
    }
    Config config;
    if (!load_config(options.config_path, config)) return 1;
    ServerSettings settings;
    settings.host = options.host;
    settings.port = options.port;
    settings.stats_token = options.stats_token;
    settings.retention = {pageview_retention_days(config), options.proof_retention_days};
    settings.collect_rate = options.collect_rate;
    settings.client_ip_header = options.client_ip_header;
    std::cerr << "kjeks-collector: revision " << config.revision << ", pageviews kept "
              << settings.retention.pageview_days << " days, proofs " << settings.retention.proof_days << " days\n";
    return run_server(settings, config, *storage);
}

}  // namespace
}  // namespace kjeks::collector

int main(int argc, char** argv) {
    using namespace kjeks::collector;
    std::string error;
    const std::optional<Options> options = parse_options(argc, argv, error);
    if (!options) {
        std::cerr << "kjeks-collector: " << error << '\n' << usage_text;
        return 2;
    }
    try {
        return run(*options);
    } catch (const std::exception& e) {
        std::cerr << "kjeks-collector: " << e.what() << '\n';
        return 1;
    }
}
