#pragma once

// Shared by the libFuzzer targets: a Qt application object for code that needs one, quiet
// logging (the server logs every refused message; at thousands of inputs a second that is all
// the fuzzer would do), and a check that stops the run with the broken invariant named.

#include <QByteArray>
#include <QCoreApplication>
#include <QLoggingCategory>
#include <QString>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>

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

// The input of a target that reads a byte stream: its first byte chooses how the rest is cut
// into reads (1 to 16 bytes each), the rest is what a client sends. Nothing when it is empty.
struct StreamInput {
    qsizetype cut;
    QByteArray bytes;
};

inline std::optional<StreamInput> streamInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return std::nullopt;
    return StreamInput{1 + data[0] % 16, QByteArray(reinterpret_cast<const char *>(data + 1), static_cast<qsizetype>(size - 1))};
}

} // namespace aiband::fuzz

// FUZZ_CHECK(condition, detail): `detail` is a QString saying which input broke it.
#define FUZZ_CHECK(condition, detail)                                                            \
    do {                                                                                         \
        if (!(condition))                                                                        \
            ::aiband::fuzz::fail(#condition, (detail), __FILE__, __LINE__);                      \
    } while (false)
