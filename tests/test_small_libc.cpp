// wasm/small_libc.cpp, compiled with KJEKS_SMALL_LIBC_RENAMED, against the
// host's libc. Its strtod must agree exactly on where a number ends and on
// whether it is finite, and closely on its value; its snprintf must write what
// the host's writes for every conversion it supports.
#include <doctest/doctest.h>

#include <cfloat>
#include <cinttypes>
#include <climits>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

extern "C" {
double small_strtod(const char* text, char** end);
float small_strtof(const char* text, char** end);
long double small_strtold(const char* text, char** end);
int small_snprintf(char* out, std::size_t size, const char* format, ...);
}

namespace {

// 2^1024 - 2^970, halfway between DBL_MAX and 2^1024: the smallest decimal
// that rounds to infinity.
const std::string kOverflow =
    "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587"
    "207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711"
    "531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093"
    "042880177904174497792";

// The same digits, less 1 in the last place: the largest that stays finite.
std::string below_overflow() {
    std::string digits = kOverflow;
    digits.back() = static_cast<char>(digits.back() - 1);
    return digits;
}

struct Parsed {
    double value;
    std::ptrdiff_t length;  // characters consumed
};

Parsed host(const std::string& text) {
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    return {value, end - text.c_str()};
}

Parsed small(const std::string& text) {
    char* end = nullptr;
    const double value = small_strtod(text.c_str(), &end);
    return {value, end - text.c_str()};
}

// The value is approximate: at most this relative error for a normal
// result, and at most DBL_MIN off for a result below DBL_MIN.
constexpr double kRelativeError = 1e-13;

void check_agrees(const std::string& text) {
    CAPTURE(text);
    const Parsed theirs = host(text);
    const Parsed ours = small(text);
    CHECK(ours.length == theirs.length);
    CHECK(std::isinf(ours.value) == std::isinf(theirs.value));
    CHECK(std::signbit(ours.value) == std::signbit(theirs.value));
    if (std::isinf(theirs.value)) return;
    if (std::fabs(theirs.value) >= DBL_MIN) {
        CHECK(std::fabs(ours.value - theirs.value) <= kRelativeError * std::fabs(theirs.value));
    } else {
        CHECK(std::fabs(ours.value - theirs.value) <= DBL_MIN);
    }
}

std::string format(const char* spec, double value) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, spec, value);
    return buffer;
}

}  // namespace

TEST_CASE("strtod: JSON numbers at the edges") {
    for (const char* text :
         {"0", "-0", "0.0", "-0.0", "0e0", "-0E+5", "0.000e-400", "1", "-1", "1.5", "30.0", "0.1", "0.5", "123456789",
          "9007199254740993", "18446744073709551615", "18446744073709551616", "99999999999999999999999",
          "-9223372036854775809", "1e308", "-1e308", "1.7976931348623157e308", "1.7976931348623158e308",
          "1.7976931348623159e308", "1e309", "-1e309", "1e400", "-1e400", "2.2250738585072014e-308",
          "2.2250738585072011e-308", "4.9406564584124654e-324", "5e-324", "2e-324", "1e-400", "-1e-400",
          "1e99999999999999999999", "1e-99999999999999999999", "0.0000000000000000000000000001e28",
          "100000000000000000000000000000000000000e-38", "3.141592653589793238462643383279502884197",
          "1E2", "1e+2", "1e-2", "12.5e-1"}) {
        check_agrees(text);
    }
}

TEST_CASE("strtod: the overflow threshold is exact, however the digits are written") {
    const std::string below = below_overflow();
    for (const std::string& digits : {kOverflow, below}) {
        const std::size_t exponent = digits.size() - 1;  // 308
        check_agrees(digits);
        check_agrees("-" + digits);
        check_agrees(digits + "0e-1");
        check_agrees(digits.substr(0, 1) + "." + digits.substr(1) + "e" + std::to_string(exponent));
        check_agrees("0." + digits + "e" + std::to_string(exponent + 1));
        check_agrees("0.000" + digits + "e" + std::to_string(exponent + 4));
        check_agrees(digits + "000000e-6");
        check_agrees("000" + digits);
    }
    CHECK(std::isinf(small_strtod(kOverflow.c_str(), nullptr)));
    CHECK(std::isfinite(small_strtod(below.c_str(), nullptr)));
    // Digits past the ones it keeps cannot move a value across the threshold.
    check_agrees(kOverflow + ".0001");
    check_agrees(below + ".9999");
    CHECK(std::isinf(small_strtod((kOverflow + ".0001").c_str(), nullptr)));
    CHECK(std::isfinite(small_strtod((below + ".9999").c_str(), nullptr)));
}

TEST_CASE("strtod: where a number ends") {
    for (const char* text : {"", "-", "+", ".", "-.", "e5", "abc", "1,5", "1.5]", "2}", "3e", "3e+", "4E-x",
                             "-7 ", "8.25e3,", ".5", "-.5"}) {
        check_agrees(text);
    }
    char* end = nullptr;
    const char* none = "x1";
    CHECK(small_strtod(none, &end) == 0.0);
    CHECK(end == none);
    CHECK(small_strtod("12", nullptr) == 12.0);
}

TEST_CASE("strtod: random doubles, printed by the host, read back") {
    std::mt19937_64 rng(20261201);
    int checked = 0;
    while (checked < 20000) {
        std::uint64_t bits = rng();
        double value;
        std::memcpy(&value, &bits, sizeof value);
        if (!std::isfinite(value)) continue;
        ++checked;
        for (const char* spec : {"%.17g", "%.6g", "%.3e", "%.0f"}) {
            if (spec[2] == '0' && std::fabs(value) > 1e30) continue;  // %.0f of a huge value is long, not harder
            const std::string text = format(spec, value);
            CAPTURE(text);
            const Parsed theirs = host(text);
            const Parsed ours = small(text);
            REQUIRE(ours.length == theirs.length);
            REQUIRE(std::isinf(ours.value) == std::isinf(theirs.value));
            if (std::fabs(theirs.value) >= DBL_MIN) {
                REQUIRE(std::fabs(ours.value - theirs.value) <= kRelativeError * std::fabs(theirs.value));
            } else {
                REQUIRE(std::fabs(ours.value - theirs.value) <= DBL_MIN);
            }
        }
    }
    // Integers of up to 17 digits are exact below 2^53.
    std::uniform_int_distribution<std::int64_t> integers(-(INT64_C(1) << 53), INT64_C(1) << 53);
    for (int i = 0; i < 20000; ++i) {
        const std::int64_t n = integers(rng);
        const std::string text = std::to_string(n);
        CAPTURE(text);
        REQUIRE(small_strtod(text.c_str(), nullptr) == static_cast<double>(n));
    }
}

TEST_CASE("strtof and strtold read like strtod") {
    for (const char* text : {"1.5", "-2e3", "0", "1e400", "x"}) {
        CAPTURE(text);
        char* end_d = nullptr;
        char* end_f = nullptr;
        char* end_l = nullptr;
        const double d = small_strtod(text, &end_d);
        CHECK(small_strtof(text, &end_f) == static_cast<float>(d));
        CHECK(small_strtold(text, &end_l) == static_cast<long double>(d));
        CHECK(end_f == end_d);
        CHECK(end_l == end_d);
    }
}

// The host's snprintf is given on purpose what compilers warn about: '0'
// next to '-' or a precision (where the flag is ignored), and a null %s.
#pragma GCC diagnostic ignored "-Wformat"
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wformat-truncation"
#endif

namespace {

// Both snprintfs on the same arguments, into a buffer of `size` bytes.
#define CHECK_SNPRINTF_SIZED(size, ...)                                                    \
    do {                                                                                   \
        char theirs[256];                                                                  \
        char ours[256];                                                                    \
        std::memset(theirs, 'X', sizeof theirs);                                           \
        std::memset(ours, 'X', sizeof ours);                                               \
        const int n_theirs = std::snprintf(theirs, (size), __VA_ARGS__);                    \
        const int n_ours = small_snprintf(ours, (size), __VA_ARGS__);                       \
        CAPTURE(#__VA_ARGS__);                                                             \
        CAPTURE(size);                                                                     \
        CHECK(n_ours == n_theirs);                                                         \
        CHECK(std::string(ours, sizeof ours) == std::string(theirs, sizeof theirs));       \
    } while (false)
#define CHECK_SNPRINTF(...) CHECK_SNPRINTF_SIZED(256, __VA_ARGS__)

}  // namespace

TEST_CASE("snprintf: what nlohmann's lexer writes for a control character") {
    for (int c = 0; c < 256; ++c) {
        CAPTURE(c);
        CHECK_SNPRINTF("<U+%.4X>", static_cast<unsigned char>(c));
        CHECK_SNPRINTF_SIZED(9, "<U+%.4X>", static_cast<unsigned char>(c));
    }
}

TEST_CASE("snprintf: integers with flags, width, precision and length") {
    const int ints[] = {0, 1, -1, 7, 42, -42, 255, 65535, 123456789, INT_MAX, INT_MIN};
    for (const int v : ints) {
        CAPTURE(v);
        CHECK_SNPRINTF("%d|%i|%u|%x|%X|%o", v, v, static_cast<unsigned>(v), static_cast<unsigned>(v),
                       static_cast<unsigned>(v), static_cast<unsigned>(v));
        CHECK_SNPRINTF("[%5d][%-5d][%05d][%-05d][%.3d][%8.3d][%-8.3d][%08.3d]", v, v, v, v, v, v, v, v);
        CHECK_SNPRINTF("[%.0d][%.0x][%*d][%-*d][%.*d][%.*d]", v, static_cast<unsigned>(v), 6, v, 6, v, 4, v, -1, v);
        CHECK_SNPRINTF("[%12x][%-12X][%012o][%.10u]", static_cast<unsigned>(v), static_cast<unsigned>(v),
                       static_cast<unsigned>(v), static_cast<unsigned>(v));
        CHECK_SNPRINTF("[%hd][%hu]", static_cast<short>(v % 30000), static_cast<unsigned short>(v & 0x7FFF));
    }
    for (const long long v : {0LL, -1LL, 1LL << 40, LLONG_MAX, LLONG_MIN}) {
        CAPTURE(v);
        CHECK_SNPRINTF("%lld|%llx|%llu|%lli|%20lld|%-20lld|%020lld", v, static_cast<unsigned long long>(v),
                       static_cast<unsigned long long>(v), v, v, v, v);
        CHECK_SNPRINTF("%ld|%lx|%lu", static_cast<long>(v), static_cast<unsigned long>(v),
                       static_cast<unsigned long>(v));
        CHECK_SNPRINTF("%jd|%zu|%zx|%td", static_cast<std::intmax_t>(v), static_cast<std::size_t>(v),
                       static_cast<std::size_t>(v), static_cast<std::ptrdiff_t>(v));
    }
}

TEST_CASE("snprintf: characters, strings, pointers and %%") {
    CHECK_SNPRINTF("%c%c%c", 'a', ' ', '~');
    CHECK_SNPRINTF("[%3c][%-3c]", 'x', 'y');
    CHECK_SNPRINTF("%s", "");
    CHECK_SNPRINTF("[%s][%10s][%-10s][%.2s][%5.1s][%-5.3s][%.0s]", "text", "text", "text", "text", "text", "text",
                   "text");
    CHECK_SNPRINTF("[%.*s][%*s]", 3, "abcdef", 7, "ab");
    CHECK_SNPRINTF("%s", static_cast<const char*>(nullptr));
    CHECK_SNPRINTF("100%% %d%%", 5);
    CHECK_SNPRINTF("no conversions at all");
    int object = 0;
    CHECK_SNPRINTF("%p", static_cast<void*>(&object));
    CHECK_SNPRINTF("[%20p][%-20p]", static_cast<void*>(&object), static_cast<void*>(&object));
}

TEST_CASE("snprintf: a short buffer holds the start, the result counts it all") {
    for (const std::size_t size : {std::size_t{0}, std::size_t{1}, std::size_t{2}, std::size_t{5}, std::size_t{9},
                                   std::size_t{10}, std::size_t{11}}) {
        CHECK_SNPRINTF_SIZED(size, "<U+%.4X>", 0x1Fu);
        CHECK_SNPRINTF_SIZED(size, "%s-%d", "abcd", -1234);
        CHECK_SNPRINTF_SIZED(size, "%-8s|", "ab");
    }
    CHECK(small_snprintf(nullptr, 0, "%d", 12345) == 5);
}

TEST_CASE("snprintf: a conversion it does not support is copied as written") {
    char out[64];
    CHECK(small_snprintf(out, sizeof out, "a%fb", 1.5) == 4);
    CHECK(std::string(out) == "a%fb");
    CHECK(small_snprintf(out, sizeof out, "[%.3g]", 2.0) == 6);
    CHECK(std::string(out) == "[%.3g]");
}
