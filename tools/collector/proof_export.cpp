#include "proof_export.hpp"

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

void write_csv_row(std::ostream& out, const json& proof) {
    std::string granted;
    std::string declined;
    for (const auto& [id, on] : proof.at("choices").items()) {
        std::string& list = on.get<bool>() ? granted : declined;
        if (!list.empty()) list += ' ';
        list += id;
    }
    out << proof.at("consentId").get<std::string>() << ',' << iso_time(proof.at("givenAt").get<std::int64_t>()) << ','
        << iso_time(proof.at("updatedAt").get<std::int64_t>()) << ','
        << csv_field(proof.at("revision").get<std::string>()) << ',' << proof.at("language").get<std::string>() << ','
        << proof.at("method").get<std::string>() << ',' << (proof.at("gpc").get<bool>() ? "true" : "false") << ','
        << granted << ',' << declined << "\r\n";
}

}  // namespace

void write_export(std::ostream& out, const std::vector<std::string>& proofs, ExportFormat format) {
    if (format == ExportFormat::Csv) out << "consentId,givenAt,updatedAt,revision,language,method,gpc,granted,declined\r\n";
    for (const std::string& text : proofs) {
        if (format == ExportFormat::Jsonl) out << text << '\n';
        else write_csv_row(out, json::parse(text));
    }
}

}  // namespace kjeks::collector
