#include "FlatGenerateForm.h"

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
    static const QStringList progressionFields{QStringLiteral("chords"), QStringLiteral("tempo"),
                                               QStringLiteral("key"), QStringLiteral("time_signature"),
                                               QStringLiteral("duration"), QStringLiteral("bars")};
    QJsonObject generate;
    QJsonObject progression;
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (progressionFields.contains(it.key()))
            progression.insert(it.key(), it.value());
        else if (it.key() == QLatin1String("track_type") && !body.contains(QStringLiteral("track_types")))
            generate.insert(QStringLiteral("track_types"), QJsonArray{it.value()});
        else
            generate.insert(it.key(), it.value());
    }
    generate.insert(kProgression, progression);
    return generate;
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
