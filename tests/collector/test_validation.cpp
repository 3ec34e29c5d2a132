// validate_proof and validate_pageview: what /api/consent and /api/collect accept.
#include <doctest/doctest.h>

#include <string>

#include "kjeks/default_config.hpp"
#include "kjeks/record.hpp"
#include "pageview_validation.hpp"
#include "proof_validation.hpp"

using namespace kjeks;
using namespace kjeks::collector;

namespace {

constexpr std::int64_t now = 1'764'590'400'000;  // 2025-12-01T12:00:00Z

Record valid_record() {
    Record record;
    record.id = std::string(32, 'a');
    record.given_ms = now - 1000;
    record.updated_ms = now;
    record.revision = default_config().revision;
    record.lang = "en";
    for (const Category& category : default_config().categories) record.choices[category.id] = true;
    record.method = Method::AcceptAll;
    return record;
}

std::string error_of(const std::string& body) { return validate_proof(body, default_config(), now).error; }

}  // namespace

TEST_CASE("a proof as the runtime sends it is accepted and read back unchanged") {
    const Record record = valid_record();
    const ProofCheck check = validate_proof(proof_json(record), default_config(), now);
    REQUIRE(check.ok());
    CHECK(check.record == record);
}

TEST_CASE("a proof is rejected with a reason for each broken rule") {
    const std::string good = proof_json(valid_record());
    auto replaced = [&](const std::string& from, const std::string& to) {
        std::string text = good;
        const auto at = text.find(from);
        REQUIRE(at != std::string::npos);
        return text.replace(at, from.size(), to);
    };
    CHECK(error_of("") == "empty body");
    CHECK(error_of(good.substr(0, good.size() - 1)).find("not JSON") == 0);
    CHECK(error_of("[1]") == "expected a JSON object");
    CHECK(error_of(replaced("\"schema\":1", "\"schema\":2")) == "schema must be 1");
    CHECK(error_of(replaced("\"schema\":1", "\"schema\":1,\"schema\":1")).find("duplicate key") == 0);
    CHECK(error_of(replaced("\"gpc\":false", "\"gpc\":false,\"ip\":\"1.2.3.4\"")) == "unknown key \"ip\"");
    CHECK(error_of(replaced(",\"gpc\":false", "")) == "missing key gpc");
    CHECK(error_of(replaced(std::string(32, 'a'), std::string(32, 'A'))).find("consentId") == 0);
    CHECK(error_of(replaced("\"givenAt\":" + std::to_string(now - 1000), "\"givenAt\":-5")).find("positive") != std::string::npos);
    CHECK(error_of(replaced("\"givenAt\":" + std::to_string(now - 1000), "\"givenAt\":1.5")).find("integers") != std::string::npos);
    CHECK(error_of(replaced("\"givenAt\":" + std::to_string(now - 1000), "\"givenAt\":" + std::to_string(now + 1))) ==
          "givenAt is after updatedAt");
    CHECK(error_of(replaced("\"revision\":\"", "\"revision\":\"x")).find("revision must be") == 0);
    CHECK(error_of(replaced("\"language\":\"en\"", "\"language\":\"de\"")) == "language is not a configured language");
    CHECK(error_of(replaced("\"analytics\":true,", "")) == "choices must hold exactly the configured categories");
    CHECK(error_of(replaced("\"analytics\":true", "\"analytics\":1")) == "choices.analytics must be a boolean");
    CHECK(error_of(replaced("\"necessary\":true", "\"necessary\":false")) == "choices.necessary must be true");
    CHECK(error_of(replaced("accept_all", "accept_some")).find("method must be") == 0);
    CHECK(error_of(replaced("\"gpc\":false", "\"gpc\":\"no\"")) == "gpc must be a boolean");
    CHECK(error_of(std::string(5000, ' ')) == "body too large");
}

TEST_CASE("a proof may be stamped up to a day ahead of the server's clock, not more") {
    Record record = valid_record();
    record.updated_ms = now + max_clock_skew_ms;
    CHECK(validate_proof(proof_json(record), default_config(), now).ok());
    record.updated_ms = now + max_clock_skew_ms + 1;
    CHECK(validate_proof(proof_json(record), default_config(), now).error == "updatedAt is in the future");
}

TEST_CASE("a pageview as web/beacon.js sends it is accepted") {
    const std::string body = R"({"type":"pageview","path":"/en/cookies/","referrer":"https://www.example.com","screen":"m","id":")" +
                             std::string(32, '0') + "\"}";
    const PageviewCheck check = validate_pageview(body);
    REQUIRE(check.ok());
    CHECK(check.pageview.path == "/en/cookies/");
    CHECK(check.pageview.referrer == "https://www.example.com");
    CHECK(check.pageview.screen == "m");
}

TEST_CASE("a pageview with anything wrong is rejected") {
    auto body = [](std::string path, std::string referrer, std::string screen, std::string id) {
        return R"({"type":"pageview","path":)" + path + R"(,"referrer":)" + referrer + R"(,"screen":)" + screen +
               R"(,"id":)" + id + "}";
    };
    const std::string id = "\"" + std::string(32, 'f') + "\"";
    CHECK(validate_pageview(body("\"/\"", "\"\"", "\"xs\"", id)).ok());
    CHECK_FALSE(validate_pageview(body("\"nope\"", "\"\"", "\"xs\"", id)).ok());
    CHECK_FALSE(validate_pageview(body("\"/" + std::string(512, 'a') + "\"", "\"\"", "\"xs\"", id)).ok());
    CHECK_FALSE(validate_pageview(body("\"/a b\"", "\"\"", "\"xs\"", id)).ok());
    CHECK_FALSE(validate_pageview(body("\"/\"", "\"https://a.example/path\"", "\"xs\"", id)).ok());
    CHECK_FALSE(validate_pageview(body("\"/\"", "\"ftp://a.example\"", "\"xs\"", id)).ok());
    CHECK_FALSE(validate_pageview(body("\"/\"", "\"\"", "\"xxl\"", id)).ok());
    CHECK_FALSE(validate_pageview(body("\"/\"", "\"\"", "\"xs\"", "\"abc\"")).ok());
    CHECK_FALSE(validate_pageview(body("1", "\"\"", "\"xs\"", id)).ok());
    CHECK_FALSE(validate_pageview(R"({"type":"click","path":"/","referrer":"","screen":"xs","id":)" + id + "}").ok());
    CHECK_FALSE(validate_pageview(R"({"type":"pageview","type":"pageview","path":"/","referrer":"","screen":"xs","id":)" + id + "}").ok());
}

TEST_CASE("referrer origins are what URL.origin writes") {
    CHECK(is_referrer_origin(""));
    CHECK(is_referrer_origin("http://localhost:8080"));
    CHECK(is_referrer_origin("https://xn--bcher-kva.example"));
    CHECK(is_referrer_origin("http://[::1]:8080"));
    CHECK_FALSE(is_referrer_origin("https://example.com/"));
    CHECK_FALSE(is_referrer_origin("https://Example.com"));
    CHECK_FALSE(is_referrer_origin("https://example.com:0"));
    CHECK_FALSE(is_referrer_origin("https://example.com:99999"));
    CHECK_FALSE(is_referrer_origin("https://"));
    CHECK_FALSE(is_referrer_origin("javascript:alert(1)"));
}

TEST_CASE("a proof with services is accepted, and stored with them, when they are exactly the config's") {
    Record record = valid_record();
    for (const std::string& id : default_config().service_ids()) record.services[id] = true;
    record.services["chat"] = false;  // external stays on: booking is
    const ProofCheck check = validate_proof(proof_json(record), default_config(), now);
    REQUIRE(check.ok());
    CHECK(check.record == record);
    CHECK(proof_json(check.record).find(R"("services":{"booking":true,"chat":false,"portal-diagnostics":true})") !=
          std::string::npos);
}

TEST_CASE("a proof's services are rejected with a reason for each broken rule") {
    Record record = valid_record();
    for (const std::string& id : default_config().service_ids()) record.services[id] = true;
    const std::string good = proof_json(record);
    auto replaced = [&](const std::string& from, const std::string& to) {
        std::string text = good;
        const auto at = text.find(from);
        REQUIRE(at != std::string::npos);
        return text.replace(at, from.size(), to);
    };
    const std::string services = R"("services":{"booking":true,"chat":true,"portal-diagnostics":true})";
    const std::string exactly = "services must hold exactly the configured services";
    CHECK(error_of(replaced(services, R"("services":{})")) == exactly);
    CHECK(error_of(replaced(services, R"("services":[])")) == exactly);
    CHECK(error_of(replaced(services, R"("services":{"booking":true,"chat":true})")) == exactly);
    CHECK(error_of(replaced(services, R"("services":{"booking":true,"chat":true,"video":true})")) == exactly);
    CHECK(error_of(replaced(services, R"("services":{"booking":true,"chat":true,"portal-diagnostics":true,"video":true})")) ==
          exactly);
    CHECK(error_of(replaced(R"("chat":true)", R"("chat":"yes")")) == "services.chat must be a boolean");
    CHECK(error_of(replaced(services, R"("services":{"booking":false,"chat":false,"portal-diagnostics":true})")) ==
          "choices.external must be true exactly when one of its services is");
    CHECK(error_of(replaced(services, services + "," + services)).find("duplicate key") == 0);

    // A config without services takes none.
    Config plain = default_config();
    for (Category& category : plain.categories) category.services.clear();
    CHECK(validate_proof(good, plain, now).error == "services: the config has no services");
    // And one from before services, without the member, is still taken.
    CHECK(validate_proof(proof_json(valid_record()), default_config(), now).ok());
}
