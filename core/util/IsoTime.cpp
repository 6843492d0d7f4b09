#include "IsoTime.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <iterator>
#include <optional>

namespace aiband {
namespace {

// `value`'s last `width` decimal digits into text[at...], zero-padded.
void putDigits(char *text, int at, long long value, int width)
{
    for (int i = at + width - 1; i >= at; --i, value /= 10)
        text[i] = static_cast<char>('0' + value % 10);
}

// `time`'s own date and clock written over `pattern`'s digits, the year, month, day, hour, minute,
// second and millisecond at `at`; nothing for a year Qt writes otherwise (before 1, after 9999).
template <size_t N>
std::optional<QString> ownFieldsText(const QDateTime &time, const char (&pattern)[N], const std::array<int, 7> &at)
{
    const QDate date = time.date();
    if (!time.isValid() || date.year() < 1 || date.year() > 9999)
        return std::nullopt;
    const QTime clock = time.time();
    char text[N];
    std::copy(std::begin(pattern), std::end(pattern), text);
    putDigits(text, at[0], date.year(), 4);
    putDigits(text, at[1], date.month(), 2);
    putDigits(text, at[2], date.day(), 2);
    putDigits(text, at[3], clock.hour(), 2);
    putDigits(text, at[4], clock.minute(), 2);
    putDigits(text, at[5], clock.second(), 2);
    putDigits(text, at[6], clock.msec(), 3);
    return QString::fromLatin1(text, N - 1);
}

} // namespace

QString isoTimeWithMs(const QDateTime &time)
{
    using namespace std::chrono;
    // 0001-01-01T00:00:00.000Z and 10000-01-01T00:00:00.000Z: Qt writes four-digit years only.
    constexpr qint64 kFirstMs = -62135596800000;
    constexpr qint64 kEndMs = 253402300800000;
    const qint64 ms = time.isValid() ? time.toMSecsSinceEpoch() : kEndMs;
    if (ms < kFirstMs || ms >= kEndMs)
        return time.toUTC().toString(Qt::ISODateWithMs);
    const sys_time<milliseconds> at{milliseconds{ms}};
    const sys_days day = floor<days>(at);
    const year_month_day date{day};
    const hh_mm_ss<milliseconds> clock{at - day};
    char text[] = "0000-00-00T00:00:00.000Z";
    putDigits(text, 0, int(date.year()), 4);
    putDigits(text, 5, unsigned(date.month()), 2);
    putDigits(text, 8, unsigned(date.day()), 2);
    putDigits(text, 11, clock.hours().count(), 2);
    putDigits(text, 14, clock.minutes().count(), 2);
    putDigits(text, 17, clock.seconds().count(), 2);
    putDigits(text, 20, clock.subseconds().count(), 3);
    return QString::fromLatin1(text, sizeof text - 1);
}

QString compactTimeWithMs(const QDateTime &time)
{
    if (auto text = ownFieldsText(time, "00000000-000000-000", {0, 4, 6, 9, 11, 13, 16}))
        return *std::move(text);
    return time.toString(QStringLiteral("yyyyMMdd-HHmmss-zzz"));
}

QString logTimeWithMs(const QDateTime &time)
{
    if (time.timeSpec() == Qt::LocalTime) {
        if (auto text = ownFieldsText(time, "0000-00-00T00:00:00.000", {0, 5, 8, 11, 14, 17, 20}))
            return *std::move(text);
    }
    return time.toString(Qt::ISODateWithMs);
}

} // namespace aiband
