#include "TransportClock.h"

#include "music/Meter.h"

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

} // namespace

Result<TransportState> parseTransport(const QJsonObject &json, const TransportState &base, const QString &prefix)
{
    TransportState state = base;
    if (json.contains(QStringLiteral("is_playing"))) {
        if (!json.value(QStringLiteral("is_playing")).isBool())
            return transportError(prefix + QStringLiteral("is_playing"), QStringLiteral("is_playing must be true or false"));
        state.playing = json.value(QStringLiteral("is_playing")).toBool();
    }
    if (json.contains(QStringLiteral("current_beat"))) {
        const QJsonValue value = json.value(QStringLiteral("current_beat"));
        if (!value.isDouble() || !std::isfinite(value.toDouble()) || value.toDouble() < -1e6 || value.toDouble() > 1e9)
            return transportError(prefix + QStringLiteral("current_beat"), QStringLiteral("current_beat must be a number of beats"));
        state.beat = value.toDouble();
    }
    if (json.contains(QStringLiteral("tempo"))) {
        const QJsonValue value = json.value(QStringLiteral("tempo"));
        if (!value.isDouble() || value.toDouble() < 20.0 || value.toDouble() > 400.0)
            return transportError(prefix + QStringLiteral("tempo"), QStringLiteral("tempo must be a number from 20 to 400"));
        state.tempoBpm = value.toDouble();
    }
    if (json.contains(QStringLiteral("time_signature"))) {
        static const QRegularExpression pattern(QStringLiteral("^(\\d{1,2})/(\\d{1,2})$"));
        const auto match = pattern.match(json.value(QStringLiteral("time_signature")).toString());
        const TimeSignature ts{match.captured(1).toInt(), match.captured(2).toInt()};
        if (!match.hasMatch() || !isSupportedMeter(ts))
            return transportError(prefix + QStringLiteral("time_signature"),
                                  QStringLiteral("time_signature must be like \"4/4\": 2-15 over 2, 4 or 8"));
        state.timeSignature = ts;
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
    TransportState state = now();
    state.playing = false;
    set(state, source);
}

void TransportClock::reset(const QString &source)
{
    TransportState state = now();
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
    json.insert(QStringLiteral("updated_at"), m_updatedAt.toString(Qt::ISODateWithMs));
    json.insert(QStringLiteral("source"), m_source);
    return json;
}

} // namespace aiband
