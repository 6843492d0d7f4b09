#include "TryItForm.h"

#include "session/BandSession.h"

#include <QJsonArray>

namespace aiband {
namespace {

// A seed that reads as a whole number goes as a number; anything else as typed, so the API
// refuses it in its own words rather than the form guessing.
QJsonValue seedValue(const QString &typed)
{
    bool ok = false;
    const qulonglong number = typed.trimmed().toULongLong(&ok);
    if (ok)
        return static_cast<double>(number);
    return typed;
}

QJsonObject progression(const TryItSettings &settings, double progressionBeats)
{
    QJsonObject progression{{QStringLiteral("chords"), chordsToStandard(settings.chords, settings.naming)},
                            {QStringLiteral("tempo"), settings.tempo}};
    if (!settings.meter.isEmpty())
        progression.insert(QStringLiteral("time_signature"), settings.meter);
    if (!settings.key.isEmpty())
        progression.insert(QStringLiteral("key"), settings.key);
    if (settings.length == SongLength::Bars)
        progression.insert(QStringLiteral("bars"), settings.lengthCount);
    else if (settings.length == SongLength::Choruses && progressionBeats > 0.0)
        progression.insert(QStringLiteral("duration"), settings.lengthCount * progressionBeats);
    return progression;
}

} // namespace

QJsonObject tryItBody(const TryItSettings &settings, double progressionBeats)
{
    QJsonObject body{{QStringLiteral("chord_progression"), progression(settings, progressionBeats)},
                     {QStringLiteral("track_types"), QJsonArray::fromStringList(settings.parts)},
                     {QStringLiteral("intensity"), settings.intensity},
                     {QStringLiteral("complexity"), settings.complexity},
                     {QStringLiteral("humanize"), settings.humanize},
                     {QStringLiteral("count_in"), settings.countInBars},
                     {QStringLiteral("intro"), settings.introBars},
                     {QStringLiteral("fills"), settings.fills},
                     {QStringLiteral("ending"), settings.ending}};
    if (!settings.style.isEmpty())
        body.insert(QStringLiteral("style"), settings.style);
    if (settings.swing)
        body.insert(QStringLiteral("swing"), *settings.swing);
    if (!settings.seed.trimmed().isEmpty())
        body.insert(QStringLiteral("seed"), seedValue(settings.seed));
    return body;
}

Result<GenerateRequest> parseTryIt(const TryItSettings &settings, const BandSession &session)
{
    Result<GenerateRequest> request = session.parseGeneration(tryItBody(settings), false);
    if (!request || settings.length != SongLength::Choruses)
        return request;
    // Without a length the song is the progression as written: that is one chorus.
    return session.parseGeneration(tryItBody(settings, request->arrangement.durationBeats), false);
}

} // namespace aiband
