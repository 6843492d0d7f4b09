#include "SettingOptions.h"

#include "ConfigSchema.h"

namespace aiband {
namespace {

// The built-in default as --help shows it, or nothing when it is empty: the folders'
// defaults depend on the platform and are not Config{}'s.
QString defaultText(const ConfigKey &key)
{
    const QJsonValue value = settingToJson(Config{}, key);
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 15);
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return value.toString();
}

QString helpText(const ConfigKey &key)
{
    const QString help = QString::fromUtf8(key.option.help);
    const QString byDefault = defaultText(key);
    return byDefault.isEmpty() ? help + QLatin1Char('.') : QStringLiteral("%1 (default %2).").arg(help, byDefault);
}

} // namespace

QList<QCommandLineOption> settingOptions()
{
    QList<QCommandLineOption> options;
    for (const ConfigKey &key : configKeys()) {
        if (key.option.name)
            options.append(QCommandLineOption(QString::fromLatin1(key.option.name), helpText(key),
                                              QString::fromLatin1(key.option.valueName)));
    }
    return options;
}

} // namespace aiband
