#include "TransportClock.h"

#include "music/Meter.h"
#include "util/IsoTime.h"
#include "util/KnownFields.h"

#include <QElapsedTimer>
#include <QRegularExpression>

#include <cmath>
#include <memory>

namespace aiband {
namespace {

Error transportError(const QString &field, const QString &message)
{
    return makeError(QStringLiteral("invalid_field"), message, field);
}

// The spec's camelCase names for our fields (docs/PROTOCOL.md, "Compatibility").
const std::pair<const char *, const char *> kSpellings[] = {{"is_playing", "isPlaying"}, {"current_beat", "currentBeat"}};

// How far the DAW's clock may be from ours for its timestamp to be believed: beyond it the
// position would be carried forward (or back) by a guess, so the update is refused instead.
constexpr qint64 kMaxTimestampAgeMs = 10000;
constexpr qint64 kMaxTimestampAheadMs = 1000;

QStringList knownTransportFields(const QStringList &alsoKnown)
{
    QStringList known = alsoKnown;
    for (const auto &[ours, theirs] : kSpellings)
        known << QLatin1String(ours) << QLatin1String(theirs);
    known << QStringLiteral("tempo") << QStringLiteral("time_signature") << QStringLiteral("timestamp");
    return known;
}

// The spec's spellings under our names; both spellings of one field are refused.
Result<QJsonObject> withOurSpellings(QJsonObject json, const QString &prefix)
{
    for (const auto &[ours, theirs] : kSpellings) {
        if (auto both = bothSpellings(json, QLatin1String(ours), QLatin1String(theirs), prefix))
            return *both;
        if (json.contains(QLatin1String(theirs)))
            json.insert(QLatin1String(ours), json.take(QLatin1String(theirs)));
    }
    return json;
}

std::optional<Error> readPlaying(const QJsonObject &json, const QString &prefix, TransportState &state)
{
    const QJsonValue value = json.value(QStringLiteral("is_playing"));
    if (value.isUndefined())
        return std::nullopt;
    if (!value.isBool())
        return transportError(prefix + QStringLiteral("is_playing"), QStringLiteral("is_playing must be true or false"));
    state.playing = value.toBool();
    return std::nullopt;
}

// A number field within [min, max] into `out`; absent leaves `out` as it is.
std::optional<Error> readNumber(const QJsonObject &json, const QString &name, double min, double max,
                                const QString &rule, const QString &prefix, double &out)
{
    const QJsonValue value = json.value(name);
    if (value.isUndefined())
        return std::nullopt;
    if (!value.isDouble() || !std::isfinite(value.toDouble()) || value.toDouble() < min || value.toDouble() > max)
        return transportError(prefix + name, rule);
    out = value.toDouble();
    return std::nullopt;
}

std::optional<Error> readBeat(const QJsonObject &json, const QString &prefix, TransportState &state)
{
    return readNumber(json, QStringLiteral("current_beat"), -1e6, 1e9, QStringLiteral("current_beat must be a number of beats"),
                      prefix, state.beat);
}

std::optional<Error> readTempo(const QJsonObject &json, const QString &prefix, TransportState &state)
{
    return readNumber(json, QStringLiteral("tempo"), 20.0, 400.0, QStringLiteral("tempo must be a number from 20 to 400"),
                      prefix, state.tempoBpm);
}

std::optional<Error> readTimeSignature(const QJsonObject &json, const QString &prefix, TransportState &state)
{
    if (!json.contains(QStringLiteral("time_signature")))
        return std::nullopt;
    static const QRegularExpression pattern(QRegularExpression::anchoredPattern(QStringLiteral("(\\d{1,2})/(\\d{1,2})")));
    const auto match = pattern.match(json.value(QStringLiteral("time_signature")).toString());
    const TimeSignature ts{match.captured(1).toInt(), match.captured(2).toInt()};
    if (!match.hasMatch() || !isSupportedMeter(ts))
        return transportError(prefix + QStringLiteral("time_signature"),
                              QStringLiteral("time_signature must be like \"4/4\": 2-15 over 2, 4 or 8"));
    state.timeSignature = ts;
    return std::nullopt;
}

// The spec's timestamp says when the DAW was at current_beat: a playing transport has moved on
// since, by the time the message took to arrive.
std::optional<Error> applyTimestamp(const QJsonObject &json, const QString &prefix, TransportState &state)
{
    const QJsonValue value = json.value(QStringLiteral("timestamp"));
    if (value.isUndefined())
        return std::nullopt;
    const QDateTime at = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    if (!value.isString() || !at.isValid())
        return transportError(prefix + QStringLiteral("timestamp"),
                              QStringLiteral("timestamp must be an ISO 8601 time, like \"2025-08-24T10:30:00.250Z\""));
    const qint64 ageMs = at.msecsTo(QDateTime::currentDateTimeUtc());
    if (ageMs > kMaxTimestampAgeMs || ageMs < -kMaxTimestampAheadMs)
        return transportError(prefix + QStringLiteral("timestamp"),
                              QStringLiteral("timestamp is %1 s from the server's clock; send the position without a "
                                             "timestamp, or set the DAW machine's clock").arg(-ageMs / 1000.0, 0, 'f', 1));
    // Without a position of its own, the message's beat is ours, already extrapolated to now.
    if (state.playing && json.contains(QStringLiteral("current_beat")))
        state.beat += ageMs / 60000.0 * state.tempoBpm;
    return std::nullopt;
}

} // namespace

Result<TransportState> parseTransport(const QJsonObject &json, const TransportState &base,
                                      const QStringList &alsoKnown, const QString &prefix)
{
    if (auto unknown = unknownField(json, knownTransportFields(alsoKnown), prefix))
        return *unknown;
    const Result<QJsonObject> fields = withOurSpellings(json, prefix);
    if (!fields)
        return fields.error();
    TransportState state = base;
    for (auto read : {readPlaying, readBeat, readTempo, readTimeSignature, applyTimestamp}) {
        if (auto error = read(*fields, prefix, state))
            return *error;
    }
    return state;
}

TransportClock::TransportClock(Clock now) : m_clock(std::move(now))
{
    if (!m_clock) {
        auto timer = std::make_shared<QElapsedTimer>();
        timer->start();
        m_clock = [timer] { return timer->elapsed(); };
    }
    m_setAtMs = m_clock();
    m_updatedAt = QDateTime::currentDateTimeUtc();
}

void TransportClock::set(const TransportState &state, const QString &source)
{
    m_state = state;
    m_setAtMs = m_clock();
    m_updatedAt = QDateTime::currentDateTimeUtc();
    m_source = source;
}

void TransportClock::stop(const QString &source)
{
    reset(source);
}

void TransportClock::reset(const QString &source)
{
    TransportState state = m_state;
    state.playing = false;
    state.beat = 0.0;
    set(state, source);
}

TransportState TransportClock::now() const
{
    TransportState state = m_state;
    if (state.playing)
        state.beat += (m_clock() - m_setAtMs) / 60000.0 * state.tempoBpm;
    return state;
}

QJsonObject transportToJson(const TransportState &state)
{
    const double barLength = state.timeSignature.beatsPerBar();
    const double bars = std::floor(state.beat / barLength);
    return QJsonObject{{QStringLiteral("is_playing"), state.playing},
                       {QStringLiteral("current_beat"), state.beat},
                       {QStringLiteral("tempo"), state.tempoBpm},
                       {QStringLiteral("time_signature"), state.timeSignature.name()},
                       {QStringLiteral("bar"), static_cast<qint64>(bars) + 1},
                       {QStringLiteral("beat_in_bar"), state.beat - bars * barLength}};
}

QJsonObject TransportClock::toJson() const
{
    QJsonObject json = transportToJson(now());
    json.insert(QStringLiteral("updated_at"), isoTimeWithMs(m_updatedAt));
    json.insert(QStringLiteral("source"), m_source);
    return json;
}

} // namespace aiband
