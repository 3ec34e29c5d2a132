// The audit export's two formats.
#include <doctest/doctest.h>

#include <sstream>

#include "proof_export.hpp"

using namespace kjeks::collector;

TEST_CASE("JSON Lines: one stored proof per line, as stored") {
    std::ostringstream out;
    write_export(out, {"{\"a\":1}", "{\"b\":2}"}, ExportFormat::Jsonl);
    CHECK(out.str() == "{\"a\":1}\n{\"b\":2}\n");
}

TEST_CASE("CSV: a header, readable times, granted and declined categories and services") {
    const std::string proof =
        R"({"schema":1,"consentId":"0123456789abcdef0123456789abcdef","givenAt":1764590400000,"updatedAt":1764590405123,)"
        R"("revision":"2026-04","language":"en","choices":{"analytics":false,"external":true,"necessary":true},)"
        R"("method":"custom","gpc":true})";
    const std::string with_services =
        R"({"schema":1,"consentId":"fedcba9876543210fedcba9876543210","givenAt":1764590400000,"updatedAt":1764590400000,)"
        R"("revision":"2026-04","language":"nb","choices":{"analytics":false,"external":true,"necessary":true},)"
        R"("services":{"booking":true,"chat":false,"map":true},"method":"custom","gpc":false})";
    std::ostringstream out;
    write_export(out, {proof, with_services}, ExportFormat::Csv);
    CHECK(out.str() ==
          "consentId,givenAt,updatedAt,revision,language,method,gpc,granted,declined,grantedServices,declinedServices\r\n"
          "0123456789abcdef0123456789abcdef,2025-12-01T12:00:00.000Z,2025-12-01T12:00:05.123Z,2026-04,en,custom,true,"
          "external necessary,analytics,,\r\n"
          "fedcba9876543210fedcba9876543210,2025-12-01T12:00:00.000Z,2025-12-01T12:00:00.000Z,2026-04,nb,custom,false,"
          "external necessary,analytics,booking map,chat\r\n");
}
