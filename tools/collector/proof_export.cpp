#include "proof_export.hpp"

#include <utility>

#include <nlohmann/json.hpp>

#include "dates.hpp"

namespace kjeks::collector {
namespace {

using json = nlohmann::json;

// RFC 4180: quoted when it holds a comma, quote or line break. A leading
// = + - @ is prefixed with ' so a spreadsheet shows it as text.
std::string csv_field(std::string text) {
    if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@')) text.insert(0, "'");
    if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + '"';
}

// The ids of a choices object, granted and declined, each space-separated.
std::pair<std::string, std::string> split_choices(const json& choices) {
    std::pair<std::string, std::string> lists;
    for (const auto& [id, on] : choices.items()) {
        std::string& list = on.get<bool>() ? lists.first : lists.second;
        if (!list.empty()) list += ' ';
        list += id;
    }
    return lists;
}

void write_csv_row(std::ostream& out, const json& proof) {
    const auto [granted, declined] = split_choices(proof.at("choices"));
    // A proof from before services, or from a config without any, has none.
    const auto services = proof.contains("services") ? split_choices(proof.at("services"))
                                                     : std::pair<std::string, std::string>{};
    out << proof.at("consentId").get<std::string>() << ',' << iso_time(proof.at("givenAt").get<std::int64_t>()) << ','
        << iso_time(proof.at("updatedAt").get<std::int64_t>()) << ','
        << csv_field(proof.at("revision").get<std::string>()) << ',' << proof.at("language").get<std::string>() << ','
        << proof.at("method").get<std::string>() << ',' << (proof.at("gpc").get<bool>() ? "true" : "false") << ','
        << granted << ',' << declined << ',' << services.first << ',' << services.second << "\r\n";
}

}  // namespace

void write_export(std::ostream& out, const std::vector<std::string>& proofs, ExportFormat format) {
    if (format == ExportFormat::Csv) out << "consentId,givenAt,updatedAt,revision,language,method,gpc,granted,declined,grantedServices,declinedServices\r\n";
    for (const std::string& text : proofs) {
        if (format == ExportFormat::Jsonl) out << text << '\n';
        else write_csv_row(out, json::parse(text));
    }
}

}  // namespace kjeks::collector
