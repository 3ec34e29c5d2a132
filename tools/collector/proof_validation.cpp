#include "proof_validation.hpp"

#include <array>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kjeks/json_document.hpp"
#include "kjeks/validate.hpp"

namespace kjeks::collector {
namespace {

using json = nlohmann::json;

constexpr std::array<std::string_view, 9> proof_keys = {
    "schema", "consentId", "givenAt", "updatedAt", "revision", "language", "choices", "method", "gpc"};

std::optional<std::int64_t> get_int(const json& value) {
    if (value.is_number_unsigned()) {
        const auto u = value.get<std::uint64_t>();
        if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return std::nullopt;
        return static_cast<std::int64_t>(u);
    }
    if (value.is_number_integer()) return value.get<std::int64_t>();
    return std::nullopt;
}

ProofCheck fail(std::string reason) {
    ProofCheck check;
    check.error = std::move(reason);
    return check;
}

}  // namespace

ProofCheck validate_proof(std::string_view body, const Config& config, std::int64_t now_ms) {
    if (body.empty()) return fail("empty body");
    if (body.size() > max_record_bytes) return fail("body too large");

    json doc;
    const JsonParse parse = parse_json_document(body, doc);
    if (!parse.ok()) return fail("not JSON (or invalid UTF-8)");
    if (!parse.duplicate_keys.empty()) return fail("duplicate key " + parse.duplicate_keys.front());
    if (!doc.is_object()) return fail("expected a JSON object");
    for (auto it = doc.begin(); it != doc.end(); ++it) {
        bool known = it.key() == "services";  // optional: see below
        for (std::string_view key : proof_keys) known = known || it.key() == key;
        if (!known) return fail("unknown key " + json(it.key()).dump(-1, ' ', true, json::error_handler_t::replace));
    }
    for (std::string_view key : proof_keys) {
        if (member(doc, key) == nullptr) return fail("missing key " + std::string(key));
    }

    ProofCheck check;
    Record& record = check.record;

    const auto schema = get_int(*member(doc, "schema"));
    if (!schema || *schema != record_schema) return fail("schema must be 1");

    const json& id = *member(doc, "consentId");
    if (!id.is_string() || !is_valid_consent_id(id.get_ref<const std::string&>())) {
        return fail("consentId must be 32 lowercase hex digits");
    }
    record.id = id.get<std::string>();

    const auto given = get_int(*member(doc, "givenAt"));
    const auto updated = get_int(*member(doc, "updatedAt"));
    if (!given || !updated) return fail("givenAt and updatedAt must be integers");
    if (*given <= 0 || *updated <= 0) return fail("givenAt and updatedAt must be positive");
    if (*given > *updated) return fail("givenAt is after updatedAt");
    if (*updated > now_ms + max_clock_skew_ms) return fail("updatedAt is in the future");
    record.given_ms = *given;
    record.updated_ms = *updated;

    const json& revision = *member(doc, "revision");
    if (!revision.is_string() || !is_valid_token(revision.get_ref<const std::string&>()) ||
        revision.get_ref<const std::string&>() != config.revision) {
        return fail("revision must be " + config.revision);
    }
    record.revision = config.revision;

    const json& language = *member(doc, "language");
    if (!language.is_string() || !is_language_tag(language.get_ref<const std::string&>()) ||
        config.texts.count(language.get<std::string>()) == 0) {
        return fail("language is not a configured language");
    }
    record.lang = language.get<std::string>();

    const json& choices = *member(doc, "choices");
    if (!choices.is_object() || choices.size() != config.categories.size()) {
        return fail("choices must hold exactly the configured categories");
    }
    for (const Category& category : config.categories) {
        const json* on = member(choices, category.id);
        if (on == nullptr) return fail("choices must hold exactly the configured categories");
        if (!on->is_boolean()) return fail("choices." + category.id + " must be a boolean");
        record.choices.emplace(category.id, on->get<bool>());
    }
    if (!record.granted("necessary")) return fail("choices.necessary must be true");

    // Optional, as in the stored record: absent in a proof from before
    // services (each service then took its category's choice); present,
    // exactly the config's services, each category with services on
    // exactly while one of them is.
    if (const json* services = member(doc, "services")) {
        const std::vector<std::string> ids = config.service_ids();
        if (ids.empty()) return fail("services: the config has no services");
        if (!services->is_object() || services->size() != ids.size()) {
            return fail("services must hold exactly the configured services");
        }
        for (const std::string& id : ids) {
            const json* on = member(*services, id);
            if (on == nullptr) return fail("services must hold exactly the configured services");
            if (!on->is_boolean()) return fail("services." + id + " must be a boolean");
            record.services.emplace(id, on->get<bool>());
        }
        for (const Category& category : config.categories) {
            if (category.services.empty()) continue;
            bool any = false;
            for (const Service& service : category.services) any = any || record.services.at(service.id);
            if (record.granted(category.id) != any) {
                return fail("choices." + category.id + " must be true exactly when one of its services is");
            }
        }
    }

    const json& method = *member(doc, "method");
    const std::optional<Method> parsed_method =
        method.is_string() ? method_from_string(method.get_ref<const std::string&>()) : std::nullopt;
    if (!parsed_method) return fail("method must be accept_all, decline_all, custom or browser_signal");
    record.method = *parsed_method;

    const json& gpc = *member(doc, "gpc");
    if (!gpc.is_boolean()) return fail("gpc must be a boolean");
    record.gpc = gpc.get<bool>();

    return check;
}

}  // namespace kjeks::collector
