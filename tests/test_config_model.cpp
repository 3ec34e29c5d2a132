// The config model's lookups and names.
#include "kjeks/config.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "fixtures.hpp"

using kjeks::StorageKind;

TEST_CASE("the known category ids and consent types, in their fixed order") {
    CHECK(kjeks::known_category_ids() ==
          std::vector<std::string>{"necessary", "analytics", "external", "preferences", "marketing"});
    CHECK(kjeks::known_consent_types() ==
          std::vector<std::string>{"ad_storage", "ad_user_data", "ad_personalization", "analytics_storage",
                                   "functionality_storage", "personalization_storage", "security_storage"});
}

TEST_CASE("storage kinds have one name each, and the names read back") {
    CHECK(kjeks::to_string(StorageKind::Cookie) == "cookie");
    CHECK(kjeks::to_string(StorageKind::LocalStorage) == "localStorage");
    CHECK(kjeks::to_string(StorageKind::SessionStorage) == "sessionStorage");
    for (const StorageKind kind : {StorageKind::Cookie, StorageKind::LocalStorage, StorageKind::SessionStorage}) {
        CAPTURE(kjeks::to_string(kind));
        CHECK(kjeks::storage_kind_from_string(kjeks::to_string(kind)) == kind);
    }
    for (const char* name : {"", "Cookie", "localstorage", "indexedDB", "cookie ", "sessionStorage\n"}) {
        CAPTURE(name);
        CHECK_FALSE(kjeks::storage_kind_from_string(name).has_value());
    }
}

TEST_CASE("find_category and optional_category_ids") {
    kjeks::Config c = kjeks::fixtures::machine_config();
    REQUIRE(c.find_category("external") != nullptr);
    CHECK(c.find_category("external") == &c.categories[2]);
    CHECK(c.find_category("marketing") == nullptr);
    CHECK(c.find_category("") == nullptr);
    CHECK(c.optional_category_ids() == std::vector<std::string>{"analytics", "external"});
    // A category whose id was not read (an error) is never optional.
    c.categories.push_back(kjeks::fixtures::category(""));
    CHECK(c.optional_category_ids() == std::vector<std::string>{"analytics", "external"});
    CHECK(kjeks::Config{}.optional_category_ids().empty());
}

TEST_CASE("a config error reads path: message") {
    CHECK(kjeks::ConfigError{"a.b", "c"}.to_string() == "a.b: c");
    CHECK(kjeks::ConfigError{"(root)", "config too large"}.to_string() == "(root): config too large");
}
