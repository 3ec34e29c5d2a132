#include "server.hpp"

#include <atomic>
#include <condition_variable>
#include <csignal>
#include <iostream>
#include <mutex>
#include <thread>

#include <httplib.h>

#include "constant_time.hpp"
#include "dates.hpp"
#include "kjeks/record.hpp"
#include "pageview_validation.hpp"
#include "proof_validation.hpp"
#include "rate_limiter.hpp"
#include "stats_page.hpp"

namespace kjeks::collector {
namespace {

void reply(httplib::Response& res, int status, const std::string& line = "") {
    res.status = status;
    if (!line.empty()) res.set_content(line + "\n", "text/plain; charset=utf-8");
}

bool is_json(const httplib::Request& req) {
    std::string type = req.get_header_value("Content-Type");
    for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return type.rfind("application/json", 0) == 0 &&
           (type.size() == 16 || type[16] == ';' || type[16] == ' ');
}

std::string history_json(const std::vector<std::string>& proofs) {
    std::string out = "[";
    for (std::size_t i = 0; i < proofs.size(); ++i) {
        if (i > 0) out += ',';
        out += proofs[i];
    }
    return out + "]";
}

void log_sweep(Storage& storage, const Retention& retention) {
    const SweepResult swept = sweep(storage, retention, now_ms());
    std::cerr << "kjeks-collector: retention sweep deleted " << swept.pageviews << " pageviews and " << swept.proofs
              << " proofs\n";
}

class DailySweep {
public:
    DailySweep(Storage& storage, const Retention& retention)
        : thread_([this, &storage, retention] {
              std::unique_lock<std::mutex> lock(mutex_);
              while (!cv_.wait_for(lock, std::chrono::hours(24), [this] { return stopping_; })) {
                  try {
                      log_sweep(storage, retention);
                  } catch (const std::exception& e) {
                      std::cerr << "kjeks-collector: retention sweep failed: " << e.what() << '\n';
                  }
              }
          }) {}
    ~DailySweep() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stopping_ = true;
        }
        cv_.notify_all();
        thread_.join();
    }

private:
    std::mutex mutex_;
    std::condition_variable cv_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace

int run_server(const ServerSettings& settings, const Config& config, Storage& storage) {
    // Signals go to the thread that waits for them, not to a request thread.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    log_sweep(storage, settings.retention);

    RateLimiter limiter(settings.collect_rate, settings.collect_rate * 10);
    httplib::Server server;
    server.set_payload_max_length(max_body_bytes);
    server.set_keep_alive_max_count(1000);
    // A worker serves one connection for as long as it is kept alive: enough
    // of them that idle keep-alive connections do not hold up new ones.
    server.new_task_queue = [] { return new httplib::ThreadPool(worker_threads); };
    server.set_default_headers({{"Cache-Control", "no-store"}, {"X-Content-Type-Options", "nosniff"}});
    server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return;
        if (res.status == 413) reply(res, 413, "body too large");
        else if (res.status == 404) reply(res, 404, "not found");
    });
    server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr error) {
        try {
            if (error) std::rethrow_exception(error);
        } catch (const std::exception& e) {
            std::cerr << "kjeks-collector: " << e.what() << '\n';
        } catch (...) {
            std::cerr << "kjeks-collector: unknown error\n";
        }
        reply(res, 500, "internal error");
    });

    server.Post("/api/consent", [&](const httplib::Request& req, httplib::Response& res) {
        if (!is_json(req)) return reply(res, 400, "content type must be application/json");
        const ProofCheck check = validate_proof(req.body, config, now_ms());
        if (!check.ok()) return reply(res, 400, check.error);
        const Record& record = check.record;
        storage.add_proof({record.id, record.updated_ms, day_of(record.updated_ms),
                           std::string(to_string(record.method)), record.granted(config.beacon.category),
                           proof_json(record)});
        reply(res, 204);
    });

    server.Post("/api/collect", [&](const httplib::Request& req, httplib::Response& res) {
        // The address is only a key in memory for the rate limit; it is never stored.
        const std::string client = settings.client_ip_header.empty()
                                       ? req.remote_addr
                                       : req.get_header_value(settings.client_ip_header.c_str());
        if (!limiter.allow(client)) return reply(res, 429, "too many requests");
        if (!is_json(req)) return reply(res, 400, "content type must be application/json");
        const PageviewCheck check = validate_pageview(req.body);
        if (!check.ok()) return reply(res, 400, check.error);
        const Pageview& view = check.pageview;
        storage.add_pageview({day_of(now_ms()), view.path, view.referrer, view.screen, view.visitor});
        reply(res, 204);
    });

    server.Get(R"(/api/consent/([^/]*))", [&](const httplib::Request& req, httplib::Response& res) {
        const std::string id = req.matches[1];
        if (!is_valid_consent_id(id)) return reply(res, 400, "consent id must be 32 lowercase hex digits");
        const std::vector<std::string> proofs = storage.history(id);
        if (proofs.empty()) return reply(res, 404, "no decision with this consent id");
        res.set_content(history_json(proofs), "application/json");
    });

    server.Get("/stats", [&](const httplib::Request& req, httplib::Response& res) {
        if (settings.stats_token.empty()) return reply(res, 404, "not found");
        if (!constant_time_equal(req.get_param_value("token"), settings.stats_token)) {
            return reply(res, 403, "wrong token");
        }
        const std::int64_t now = now_ms();
        const std::string first_day = day_of(now - (stats_days - 1) * ms_per_day);
        res.set_header("Content-Security-Policy", stats_csp());
        res.set_header("Referrer-Policy", "no-referrer");
        res.set_content(stats_page(storage.stats(first_day, stats_top_paths), first_day, day_of(now)),
                        "text/html; charset=utf-8");
    });

    const int port = settings.port == 0 ? server.bind_to_any_port(settings.host.c_str())
                                        : (server.bind_to_port(settings.host.c_str(), settings.port) ? settings.port : -1);
    if (port < 0) {
        std::cerr << "kjeks-collector: cannot listen on " << settings.host << ':' << settings.port << '\n';
        return 1;
    }
    DailySweep daily(storage, settings.retention);
    std::atomic<bool> signalled{false};
    std::thread stopper([&] {
        int signal = 0;
        sigwait(&signals, &signal);
        signalled = true;
        server.stop();
    });
    std::cout << "kjeks-collector listening on http://" << settings.host << ':' << port << std::endl;
    const bool ok = server.listen_after_bind();
    // listen ended without a signal (an error): wake the stopper so it can end.
    if (!signalled) pthread_kill(stopper.native_handle(), SIGTERM);
    stopper.join();
    return ok ? 0 : 1;
}

}  // namespace kjeks::collector
