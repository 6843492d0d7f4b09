#include "IsoTime.h"

#include <chrono>

namespace aiband {
namespace {

// `value`'s last `width` decimal digits into text[at...], zero-padded.
void putDigits(char *text, int at, long long value, int width)
{
    for (int i = at + width - 1; i >= at; --i, value /= 10)
        text[i] = static_cast<char>('0' + value % 10);
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
    const QDate date = time.date();
    if (!time.isValid() || date.year() < 1 || date.year() > 9999)
        return time.toString(QStringLiteral("yyyyMMdd-HHmmss-zzz"));
    const QTime clock = time.time();
    char text[] = "00000000-000000-000";
    putDigits(text, 0, date.year(), 4);
    putDigits(text, 4, date.month(), 2);
    putDigits(text, 6, date.day(), 2);
    putDigits(text, 9, clock.hour(), 2);
    putDigits(text, 11, clock.minute(), 2);
    putDigits(text, 13, clock.second(), 2);
    putDigits(text, 16, clock.msec(), 3);
    return QString::fromLatin1(text, sizeof text - 1);
}

} // namespace aiband
