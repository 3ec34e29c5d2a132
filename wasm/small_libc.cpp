// Small stand-ins for two libc families. The WebAssembly build links them in
// place of musl's (defining them here keeps musl's versions out of the link),
// and so do the native "shipped" test suites, to run the core as it ships.
// tests/test_small_libc.cpp compiles this file once more with
// KJEKS_SMALL_LIBC_RENAMED (every name prefixed with small_) to compare it
// with the host's libc.
//
// strtod replaces musl's correctly rounded strtod, which brings 128-bit long
// double arithmetic.
//
// Its only caller is nlohmann's lexer, which hands it JSON number tokens it
// has already validated (and integers too large for 64 bits); the parser then
// rejects a number that is not finite ("number overflow"). No Kjeks value is
// ever a float: a float where the config or the record wants an integer is a
// type error whatever its value. So this strtod gets finiteness exactly right
// (a value rounds to infinity from 2^1024 - 2^970 up) and the value itself
// only approximately.
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstdarg>
#include <cstddef>
#include <cstring>

#include "kjeks/ascii.hpp"

#ifdef KJEKS_SMALL_LIBC_RENAMED
#define SMALL_LIBC(name) small_##name
#else
#define SMALL_LIBC(name) name
#endif

namespace {

// 2^1024 - 2^970: the smallest decimal that rounds to infinity, as its
// significant digits (times 10^308).
const char kOverflowDigits[] =
    "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587"
    "207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711"
    "531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093"
    "042880177904174497792";

}  // namespace

using kjeks::is_ascii_digit;

extern "C" double SMALL_LIBC(strtod)(const char* text, char** end) {
    const char* p = text;
    const bool negative = *p == '-';
    if (negative || *p == '+') ++p;
    const char* digits = p;
    while (is_ascii_digit(*p)) ++p;
    const char* int_end = p;
    const char* frac = p;
    const char* frac_end = p;
    if (*p == '.' && is_ascii_digit(p[1])) {
        frac = ++p;
        while (is_ascii_digit(*p)) ++p;
        frac_end = p;
    }
    if (int_end == digits && frac_end == frac) {  // no digits: no number
        if (end) *end = const_cast<char*>(text);
        return 0.0;
    }
    long long exponent = 0;
    if (*p == 'e' || *p == 'E') {
        const char* q = p + 1;
        const bool exp_negative = *q == '-';
        if (*q == '-' || *q == '+') ++q;
        if (is_ascii_digit(*q)) {
            while (is_ascii_digit(*q)) {
                if (exponent < 100000000) exponent = exponent * 10 + (*q - '0');
                ++q;
            }
            if (exp_negative) exponent = -exponent;
            p = q;
        }
    }
    if (end) *end = const_cast<char*>(p);

    // The significant digits (integer then fraction part, without leading
    // zeros) and the power of ten of the first one.
    char significant[sizeof kOverflowDigits];
    std::size_t count = 0;
    long long power = static_cast<long long>(int_end - digits) - 1 + exponent;
    bool leading = true;
    for (const char* d = digits; d < frac_end; ++d) {
        if (d == int_end) {
            d = frac - 1;
            continue;
        }
        if (leading && *d == '0') {
            --power;
            continue;
        }
        leading = false;
        if (count + 1 < sizeof significant) significant[count++] = *d;
    }
    if (count == 0) return negative ? -0.0 : 0.0;
    significant[count] = '\0';

    // Digit strings compare like the fractions 0.ddd they stand for (the
    // overflow digits end in a nonzero digit; digits beyond the kept ones
    // cannot lower the value).
    if (power > 308 || (power == 308 && std::strcmp(significant, kOverflowDigits) >= 0)) {
        return negative ? -HUGE_VAL : HUGE_VAL;
    }

    // An approximation of the finite value: up to 17 digits, scaled.
    double value = 0.0;
    for (std::size_t i = 0; i < count && i < 17; ++i) value = value * 10.0 + (significant[i] - '0');
    long long scale = power - (static_cast<long long>(count < 17 ? count : 17) - 1);
    for (; scale > 0; --scale) value *= 10.0;
    for (; scale < 0 && value != 0.0; ++scale) value /= 10.0;
    if (value > DBL_MAX) value = DBL_MAX;
    return negative ? -value : value;
}

// libc++'s std::stof/std::stold (never called here) name these; defining them
// keeps musl's strtod.o, which defines all three, out of the link.
extern "C" float SMALL_LIBC(strtof)(const char* text, char** end) {
    return static_cast<float>(SMALL_LIBC(strtod)(text, end));
}
extern "C" long double SMALL_LIBC(strtold)(const char* text, char** end) { return SMALL_LIBC(strtod)(text, end); }

// snprintf/vsnprintf replace musl's printf core. The
// only caller is nlohmann's lexer, escaping control characters for a syntax
// error message ("<U+%.4X>") that Kjeks never shows. Integer and string
// conversions only: flags '-' and '0', width, precision, the length
// modifiers, and d i u x X o c s p %; anything else is copied as text.
extern "C" int SMALL_LIBC(vsnprintf)(char* out, std::size_t size, const char* format, va_list args) {
    std::size_t n = 0;
    auto put = [&](char c) {
        if (n + 1 < size) out[n] = c;
        ++n;
    };
    for (const char* f = format; *f; ++f) {
        if (*f != '%') {
            put(*f);
            continue;
        }
        const char* start = f++;
        bool left = false;
        bool zero = false;
        for (;; ++f) {
            if (*f == '-') left = true;
            else if (*f == '0') zero = true;
            else if (*f != '+' && *f != ' ' && *f != '#') break;
        }
        int width = 0;
        if (*f == '*') {
            width = va_arg(args, int);
            ++f;
        }
        while (is_ascii_digit(*f)) width = width * 10 + (*f++ - '0');
        int precision = -1;
        if (*f == '.') {
            ++f;
            precision = 0;
            if (*f == '*') {
                precision = va_arg(args, int);
                ++f;
            }
            while (is_ascii_digit(*f)) precision = precision * 10 + (*f++ - '0');
        }
        int longs = 0;
        while (*f == 'l' || *f == 'h' || *f == 'z' || *f == 'j' || *f == 't') {
            if (*f == 'l' || *f == 'j') ++longs;
            if (*f == 'z' || *f == 't') longs = 1;
            ++f;
        }
        char buffer[24];
        const char* text = buffer;
        std::size_t length = 0;
        const char* prefix = "";
        const char c = *f;
        if (c == '%') {
            put('%');
            continue;
        } else if (c == 'c') {
            buffer[0] = static_cast<char>(va_arg(args, int));
            length = 1;
        } else if (c == 's') {
            text = va_arg(args, const char*);
            if (!text) text = "(null)";
            while (text[length] && (precision < 0 || length < static_cast<std::size_t>(precision))) ++length;
        } else if (c == 'd' || c == 'i' || c == 'u' || c == 'x' || c == 'X' || c == 'o' || c == 'p') {
            unsigned long long value;
            if (c == 'p') {
                value = reinterpret_cast<std::uintptr_t>(va_arg(args, void*));
                prefix = "0x";
            } else if (c == 'd' || c == 'i') {
                const long long v = longs >= 2 ? va_arg(args, long long)
                                  : longs == 1 ? va_arg(args, long) : va_arg(args, int);
                value = v < 0 ? 0ULL - static_cast<unsigned long long>(v) : static_cast<unsigned long long>(v);
                if (v < 0) prefix = "-";
            } else {
                value = longs >= 2 ? va_arg(args, unsigned long long)
                      : longs == 1 ? va_arg(args, unsigned long) : va_arg(args, unsigned);
            }
            const unsigned base = c == 'o' ? 8 : (c == 'x' || c == 'X' || c == 'p') ? 16 : 10;
            const char* digits = c == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
            char* end = buffer + sizeof buffer;
            char* p = end;
            while (value != 0) {
                *--p = digits[value % base];
                value /= base;
            }
            const int min_digits = precision < 0 ? 1 : precision;
            while (end - p < min_digits && p > buffer) *--p = '0';
            text = p;
            length = static_cast<std::size_t>(end - p);
            if (precision >= 0) zero = false;
        } else {  // unsupported: copied as written
            for (const char* q = start; q <= f && *q; ++q) put(*q);
            if (!*f) break;
            continue;
        }
        const std::size_t prefix_length = std::strlen(prefix);
        std::size_t pad = static_cast<std::size_t>(width) > length + prefix_length
                              ? static_cast<std::size_t>(width) - length - prefix_length : 0;
        if (!left && !zero) for (; pad > 0; --pad) put(' ');
        for (const char* q = prefix; *q; ++q) put(*q);
        if (!left) for (; pad > 0; --pad) put('0');
        for (std::size_t i = 0; i < length; ++i) put(text[i]);
        for (; pad > 0; --pad) put(' ');
    }
    if (size > 0) out[n < size ? n : size - 1] = '\0';
    return static_cast<int>(n);
}

extern "C" int SMALL_LIBC(snprintf)(char* out, std::size_t size, const char* format, ...) {
    va_list args;
    va_start(args, format);
    const int n = SMALL_LIBC(vsnprintf)(out, size, format, args);
    va_end(args);
    return n;
}
