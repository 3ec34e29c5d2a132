#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#ifdef DOCTEST_CONFIG_NO_EXCEPTIONS
#include <cstdio>
#include <cstdlib>

namespace {

// Without exceptions a failed REQUIRE cannot leave its test case, and the
// code after it may rely on what it checked (a size, a value being there):
// the run stops at the first one instead.
struct StopAtFailedRequire : doctest::IReporter {
    explicit StopAtFailedRequire(const doctest::ContextOptions& /*options*/) {}

    void log_assert(const doctest::AssertData& data) override {
        if (!data.m_failed || (data.m_at & doctest::assertType::is_require) == 0) return;
        std::fprintf(stderr, "%s:%d: in \"%s\": REQUIRE failed: %s (%s); stopping\n", data.m_file, data.m_line,
                     data.m_test_case->m_name, data.m_expr, data.m_decomp.c_str());
        std::abort();
    }

    void report_query(const doctest::QueryData& /*data*/) override {}
    void test_run_start() override {}
    void test_run_end(const doctest::TestRunStats& /*stats*/) override {}
    void test_case_start(const doctest::TestCaseData& /*data*/) override {}
    void test_case_reenter(const doctest::TestCaseData& /*data*/) override {}
    void test_case_end(const doctest::CurrentTestCaseStats& /*stats*/) override {}
    void test_case_exception(const doctest::TestCaseException& /*exception*/) override {}
    void subcase_start(const doctest::SubcaseSignature& /*signature*/) override {}
    void subcase_end() override {}
    void log_message(const doctest::MessageData& /*data*/) override {}
    void test_case_skipped(const doctest::TestCaseData& /*data*/) override {}
};

}  // namespace

REGISTER_LISTENER("stop_at_failed_require", 1, StopAtFailedRequire);
#endif
