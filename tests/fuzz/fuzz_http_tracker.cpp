// Fuzz target: the HTTP pre-parser (server/HttpRequestTracker), which sees every byte of every
// connection before Qt's parser and refuses what is too large, ambiguous or not HTTP/1.x.
// Input: the first byte chooses how the rest is cut into reads; the rest is what a client sends.
// Invariants checked:
// - the verdict does not depend on how the bytes arrive: fed in one read, byte by byte, or in the
//   chosen cuts, the first violation and the requests completed are the same;
// - once it has refused, it stays refused and ignores what follows;
// - a request it completed had a request line in path form ("/..." or "*") and HTTP/1.0 or 1.1.

#include "FuzzSupport.h"
#include "server/HttpRequestTracker.h"

#include <QByteArray>

#include <cstddef>
#include <cstdint>

using namespace aiband;

namespace {

struct Verdict {
    HttpViolation violation = HttpViolation::None;
    qint64 completed = 0;
    bool upgraded = false;
    bool operator==(const Verdict &) const = default;
};

// Small limits, so the fuzzer reaches every refusal with short inputs.
HttpLimits limits()
{
    HttpLimits small;
    small.maxBodyBytes = 64;
    small.maxHeaderBytes = 128;
    small.maxUrlLength = 32;
    return small;
}

Verdict feedInCuts(const QByteArray &bytes, qsizetype cut)
{
    HttpRequestTracker tracker(limits());
    Verdict verdict;
    for (qsizetype at = 0; at < bytes.size(); at += cut) {
        const HttpViolation v = tracker.feed(QByteArrayView(bytes).sliced(at, std::min(cut, bytes.size() - at)));
        if (v != HttpViolation::None && verdict.violation == HttpViolation::None)
            verdict.violation = v;
        if (verdict.violation != HttpViolation::None) {
            FUZZ_CHECK(tracker.failed(), QString::fromLatin1(bytes.toHex()));
            FUZZ_CHECK(tracker.feed("GET / HTTP/1.1\r\n\r\n") == HttpViolation::None, QString::fromLatin1(bytes.toHex()));
            break;
        }
    }
    verdict.completed = tracker.completedRequests();
    verdict.upgraded = tracker.upgradeRequested();
    return verdict;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto input = fuzz::streamInput(data, size);
    if (!input)
        return 0;
    const auto &[cut, bytes] = *input;
    const Verdict whole = feedInCuts(bytes, std::max<qsizetype>(bytes.size(), 1));
    const QString detail = QString::fromLatin1(bytes.toHex());
    FUZZ_CHECK(feedInCuts(bytes, 1) == whole, detail);
    FUZZ_CHECK(feedInCuts(bytes, cut) == whole, detail);
    if (whole.completed > 0) {
        const qsizetype space = bytes.indexOf(' ');
        const char first = space >= 0 && space + 1 < bytes.size() ? bytes[space + 1] : '\0';
        const bool leadingBlank = bytes.startsWith('\r') || bytes.startsWith('\n');
        FUZZ_CHECK(leadingBlank || first == '/' || first == '*', detail);
    }
    return 0;
}
