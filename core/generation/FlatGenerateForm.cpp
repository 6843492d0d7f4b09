#include "FlatGenerateForm.h"

#include "GenerateRequest.h"

#include <QJsonArray>
#include <QStringList>

namespace aiband {

namespace {
const QString kProgression = QStringLiteral("chord_progression");
}

bool isFlatForm(const QJsonObject &body)
{
    return !body.contains(kProgression);
}

QJsonObject generateBodyFromFlatForm(const QJsonObject &body)
{
    if (!isFlatForm(body))
        return body;
    QJsonObject generate;
    QJsonObject progression;
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (progressionFields().contains(it.key()))
            progression.insert(it.key(), it.value());
        else if (it.key() == QLatin1String("track_type") && !body.contains(QStringLiteral("track_types")))
            generate.insert(QStringLiteral("track_types"), QJsonArray{it.value()});
        else
            generate.insert(it.key(), it.value());
    }
    generate.insert(kProgression, progression);
    return generate;
}

Result<QJsonObject> generateBodyFromPluginClient(const QJsonObject &body)
{
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (it.key() != QLatin1String("chords") && it.key() != QLatin1String("tempo") && it.key() != QLatin1String("key"))
            return makeError(QStringLiteral("invalid_field"),
                             QStringLiteral("unknown field \"%1\"; POST /generate takes chords, tempo and key "
                                            "(POST /api/generate takes everything else)").arg(it.key()),
                             it.key());
    }
    const QJsonValue chords = body.value(QStringLiteral("chords"));
    if (!chords.isArray() || chords.toArray().isEmpty())
        return makeError(QStringLiteral("invalid_field"),
                         QStringLiteral("chords must be a list of chord symbols, one per bar, such as [\"C\", \"Am\"]"),
                         QStringLiteral("chords"));
    QJsonArray events;
    const QJsonArray symbols = chords.toArray();
    for (qsizetype i = 0; i < symbols.size(); ++i) {
        if (!symbols[i].isString())
            return makeError(QStringLiteral("invalid_field"),
                             QStringLiteral("chords[%1] must be a chord symbol such as \"Am7\"").arg(i),
                             QStringLiteral("chords[%1]").arg(i));
        events.append(QJsonObject{{QStringLiteral("chord"), symbols[i]}});
    }
    QJsonObject progression{{QStringLiteral("chords"), events}};
    for (const char *field : {"tempo", "key"}) {
        if (body.contains(QLatin1String(field)))
            progression.insert(QLatin1String(field), body.value(QLatin1String(field)));
    }
    // The two parts the plugin plays.
    return QJsonObject{{kProgression, progression},
                       {QStringLiteral("track_types"), QJsonArray{QStringLiteral("bass"), QStringLiteral("drums")}}};
}

Error errorForPluginClient(Error error)
{
    error = errorForFlatForm(std::move(error));
    if (error.field.startsWith(QLatin1String("chords[")) && error.field.endsWith(QLatin1String(".chord")))
        error.field.chop(6);
    error.message.replace(QStringLiteral(".chord must"), QStringLiteral(" must"));
    return error;
}

Error errorForFlatForm(Error error)
{
    const QString prefix = kProgression + QLatin1Char('.');
    if (error.field == kProgression)
        error.field = QStringLiteral("chords");
    else if (error.field.startsWith(prefix))
        error.field = error.field.mid(prefix.size());
    error.message.replace(prefix, QString());
    return error;
}

} // namespace aiband
