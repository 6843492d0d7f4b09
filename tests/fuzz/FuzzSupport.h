#pragma once

// Shared by the libFuzzer targets: a Qt application object for code that needs one, quiet
// logging (the server logs every refused message; at thousands of inputs a second that is all
// the fuzzer would do), and a check that stops the run with the broken invariant named.

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QString>

#include <cstdio>
#include <cstdlib>

namespace aiband::fuzz {

inline void startQt()
{
    static int argc = 1;
    static char name[] = "aiband-fuzz";
    static char *argv[] = {name, nullptr};
    static QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("*=false"));
    qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &) {});
}

[[noreturn]] inline void fail(const char *what, const QString &detail, const char *file, int line)
{
    std::fprintf(stderr, "\nINVARIANT BROKEN at %s:%d: %s\n  %s\n", file, line, what, qPrintable(detail));
    std::abort();   // libFuzzer reports the crash and saves the input
}

} // namespace aiband::fuzz

// FUZZ_CHECK(condition, detail): `detail` is a QString saying which input broke it.
#define FUZZ_CHECK(condition, detail)                                                            \
    do {                                                                                         \
        if (!(condition))                                                                        \
            ::aiband::fuzz::fail(#condition, (detail), __FILE__, __LINE__);                      \
    } while (false)
