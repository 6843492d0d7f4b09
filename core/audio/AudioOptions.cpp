#include "AudioOptions.h"

#include "music/PartRegistry.h"

#include <QFileInfo>
#include <QStringList>

#include <cmath>

namespace aiband {
namespace {

// The row of an instrument part called `name` (not Full: it is the band, not a channel).
const PartRow *instrumentPart(const QString &name)
{
    for (const PartRow &row : partRows())
        if (!row.isBand() && name == QLatin1String(row.name))
            return &row;
    return nullptr;
}

QString instrumentPartNames()
{
    QStringList names;
    for (const PartRow &row : partRows())
        if (!row.isBand())
            names.append(QLatin1String(row.name));
    return names.join(QStringLiteral(", "));
}

Error unknownPart(const QString &field, const QString &name)
{
    return makeError(QStringLiteral("invalid_field"),
                     QStringLiteral("%1 names %2, which is not a part; the parts are %3")
                         .arg(field, name.isEmpty() ? QStringLiteral("nothing") : name, instrumentPartNames()),
                     field);
}

QStringList listItems(const QString &value)
{
    return value.split(QLatin1Char(','), Qt::KeepEmptyParts);
}

std::optional<Error> readGains(const QString &value, ChannelMix &mix)
{
    const QString field = QStringLiteral("gain");
    for (const QString &item : listItems(value)) {
        const QString name = item.section(QLatin1Char(':'), 0, 0).trimmed();
        const PartRow *part = instrumentPart(name);
        if (!part)
            return unknownPart(field, name);
        bool number = false;
        const double gain = item.section(QLatin1Char(':'), 1).trimmed().toDouble(&number);
        if (!number || !std::isfinite(gain) || gain < 0.0 || gain > 1.0)
            return makeError(QStringLiteral("invalid_field"),
                             QStringLiteral("gain for %1 must be a number from 0 (silent) to 1 (as written), as in "
                                            "gain=%1:0.5; got \"%2\"").arg(name, item),
                             field);
        mix.gain[static_cast<size_t>(part->channel)] = gain;
    }
    return std::nullopt;
}

std::optional<Error> readMutes(const QString &value, ChannelMix &mix)
{
    for (const QString &item : listItems(value)) {
        const PartRow *part = instrumentPart(item.trimmed());
        if (!part)
            return unknownPart(QStringLiteral("mute"), item.trimmed());
        mix.gain[static_cast<size_t>(part->channel)] = 0.0;
    }
    return std::nullopt;
}

} // namespace

Result<AudioOptions> parseAudioQuery(const AudioQuery &query)
{
    AudioOptions options;
    if (query.format) {
        if (*query.format == QLatin1String("ogg"))
            options.format = AudioFormat::Ogg;
        else if (*query.format != QLatin1String("wav"))
            return makeError(QStringLiteral("invalid_field"),
                             QStringLiteral("format must be wav or ogg, not \"%1\"").arg(*query.format),
                             QStringLiteral("format"));
    }
    if (query.gain)
        if (auto error = readGains(*query.gain, options.mix))
            return *error;
    if (query.mute)   // after the gains: a part both muted and given a gain is muted
        if (auto error = readMutes(*query.mute, options.mix))
            return *error;
    return options;
}

Result<QString> findSoundFont(const QString &configured)
{
    if (!configured.isEmpty()) {
        if (QFileInfo(configured).isFile())
            return configured;
        return makeError(QStringLiteral("no_soundfont"),
                         QStringLiteral("the soundfont %1 (audio.soundfont) is not there; set audio.soundfont to a "
                                        ".sf2 file, or leave it empty for Debian's fluid-soundfont-gm").arg(configured));
    }
    for (const char *path : kDebianSoundFonts)
        if (QFileInfo(QString::fromLatin1(path)).isFile())
            return QString::fromLatin1(path);
    return makeError(QStringLiteral("no_soundfont"),
                     QStringLiteral("no soundfont to play takes with: install fluid-soundfont-gm (sudo apt install "
                                    "fluid-soundfont-gm) or set audio.soundfont to a .sf2 file"));
}

} // namespace aiband
