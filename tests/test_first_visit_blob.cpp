#include "kjeks/first_visit_blob.hpp"

#include <doctest/doctest.h>

#include <string>

#include "fixtures.hpp"
#include "kjeks/default_config.hpp"
#include "kjeks/first_visit_blob_writer.hpp"

using namespace kjeks;

TEST_CASE("a written blob reads back") {
    const Config& config = default_config();
    const BlobWriteResult written = write_first_visit_blob(config);
    REQUIRE(written.error.empty());
    FirstVisitConfig read;
    REQUIRE(read_first_visit_blob(written.blob, read));
    CHECK(read.revision == config.revision);
    CHECK(read.expiry_days == config.expiry_days);
    CHECK(read.storage_key == config.storage_key);
    CHECK(read.respect_gpc == config.respect_gpc);
    CHECK(read.beacon_category == "analytics");
    CHECK(read.beacon_src == config.beacon.src);
    CHECK(read.default_language == config.default_language);
    REQUIRE(read.category_count == config.categories.size());
    CHECK(read.categories[0].id == "necessary");
    CHECK_FALSE(read.categories[0].optional);
    CHECK(read.categories[1].optional);
    REQUIRE(read.language_count == config.texts.size());
    const FirstVisitLanguage* nn = nullptr;
    for (std::size_t i = 0; i < read.language_count; ++i) {
        if (read.languages[i].lang == "nn") nn = &read.languages[i];
    }
    REQUIRE(nn != nullptr);
    CHECK(nn->text(BannerText::Accept) == config.texts.at("nn").at("banner.accept"));
    CHECK(nn->text(BannerText::Settings) == config.texts.at("nn").at("banner.settings"));
    CHECK(nn->policy_url == config.policy_url.at("nn"));
}

TEST_CASE("a blob of another version, or malformed in any way, reads as nothing") {
    const std::string blob = write_first_visit_blob(fixtures::bridge_config()).blob;
    FirstVisitConfig read;
    REQUIRE(read_first_visit_blob(blob, read));
    SUBCASE("every truncation") {
        for (std::size_t size = 0; size < blob.size(); ++size) {
            CAPTURE(size);
            CHECK_FALSE(read_first_visit_blob(blob.substr(0, size), read));
        }
    }
    SUBCASE("another version") {
        std::string other = blob;
        other.replace(other.find("\x1f" "2\x1f"), 3, "\x1f" "1\x1f");
        CHECK_FALSE(read_first_visit_blob(other, read));
        CHECK_FALSE(read_first_visit_blob("KJEKS-FIRST-VISIT\x1f" "20\x1f", read));
    }
    SUBCASE("anything after the end") { CHECK_FALSE(read_first_visit_blob(blob + "x", read)); }
    SUBCASE("counts and flags that are not what they say") {
        for (const char* field : {"\x1f" "0\x1f", "\x1f" "1\x1f", "\x1f" "3\x1f", "\x1f" "2\x1f"}) {
            for (const char* bad : {"\x1f" "01\x1f", "\x1f" "-1\x1f", "\x1f" "x\x1f", "\x1f\x1f", "\x1f" "99\x1f"}) {
                std::string other = blob;
                const std::size_t at = other.find(field, 20);
                if (at == std::string::npos) continue;
                other.replace(at, std::string(field).size(), bad);
                CAPTURE(other);
                CHECK_FALSE(read_first_visit_blob(other, read));
            }
        }
    }
}

TEST_CASE("a blob whose texts or ids are not what the writer writes reads as nothing") {
    const std::string blob = write_first_visit_blob(fixtures::bridge_config()).blob;
    FirstVisitConfig read;
    REQUIRE(read_first_visit_blob(blob, read));
    const std::string title = "\x1f" "nb:banner.title\x1f";
    REQUIRE(blob.find(title) != std::string::npos);
    const auto with_title = [&](const std::string& text) {
        std::string other = blob;
        other.replace(other.find(title), title.size(), "\x1f" + text + "\x1f");
        return other;
    };
    CHECK(read_first_visit_blob(with_title("a \\\" quote, \\\\ \\n \\u001f \xc3\xb8"), read));
    for (const char* bad : {"a \" quote", "a \n line", "a \\x escape", "a \\u0041", "a \\ud800", "cut \\",
                            "\xc3", "\xed\xa0\x80", "\xff"}) {
        CAPTURE(bad);
        CHECK_FALSE(read_first_visit_blob(with_title(bad), read));
    }
    std::string id = blob;
    id.replace(id.find("\x1f" "analytics\x1f"), 11, "\x1f" "anal\"ytics\x1f");
    CHECK_FALSE(read_first_visit_blob(id, read));
}

TEST_CASE("a config that cannot become a blob says why") {
    Config texts = fixtures::bridge_config();
    texts.texts["nb"]["banner.title"] = "a\x1f" "b";  // a text is stored escaped: \u001f
    CHECK(write_first_visit_blob(texts).error.empty());
    Config config = fixtures::bridge_config();
    config.revision = "a\x1f" "b";  // never through validation
    CHECK(write_first_visit_blob(config).error.find("U+001F") != std::string::npos);
    CHECK(write_first_visit_blob(config).blob.empty());

    Config disabled = fixtures::bridge_config();
    disabled.loading_disabled = true;
    CHECK_FALSE(write_first_visit_blob(disabled).error.empty());

    Config many = fixtures::bridge_config();
    for (int i = 0; i < 40; ++i) many.categories.push_back(fixtures::category("c" + std::to_string(i)));
    CHECK_FALSE(write_first_visit_blob(many).error.empty());
}
