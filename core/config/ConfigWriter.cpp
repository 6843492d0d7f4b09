#include "ConfigWriter.h"

#include "ConfigSchema.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

namespace aiband {
namespace {

Error writeError(const QString &message)
{
    return makeError(QStringLiteral("config_not_saved"), message);
}

const ConfigKey *findKey(const QString &path)
{
    for (const ConfigKey &key : configKeys()) {
        if (path == QLatin1String(key.path))
            return &key;
    }
    return nullptr;
}

Result<QJsonObject> readExisting(const QString &fileName)
{
    QFile file(fileName);
    if (!file.exists())
        return QJsonObject{};
    if (!file.open(QIODevice::ReadOnly))
        return writeError(QStringLiteral("%1: cannot be read: %2").arg(fileName, file.errorString()));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return writeError(QStringLiteral("%1: not a JSON object; left as it is rather than overwritten").arg(fileName));
    return document.object();
}

} // namespace

QString userConfigFile()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + QStringLiteral("/config.json");
}

Status writeConfigKeys(const QString &fileName, const Config &config, const QStringList &paths)
{
    auto existing = readExisting(fileName);
    if (!existing)
        return existing.error();
    QJsonObject root = *existing;
    for (const QString &path : paths) {
        const ConfigKey *key = findKey(path);
        if (!key)
            return writeError(QStringLiteral("%1 is not a setting").arg(path));
        if (key->secret)
            continue;
        const QString section = path.section(QLatin1Char('.'), 0, 0);
        const QString name = path.section(QLatin1Char('.'), 1);
        const QJsonValue sectionValue = root.value(section);
        if (!sectionValue.isUndefined() && !sectionValue.isObject())
            return writeError(QStringLiteral("%1: %2 is not an object of settings; left as it is").arg(fileName, section));
        QJsonObject settings = sectionValue.toObject();
        settings.insert(name, settingToJson(config, *key));
        root.insert(section, settings);
    }

    if (!QDir().mkpath(QFileInfo(fileName).absolutePath()))
        return writeError(QStringLiteral("cannot create the folder of %1").arg(fileName));
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly))
        return writeError(QStringLiteral("%1: cannot be written: %2").arg(fileName, file.errorString()));
    file.write(QJsonDocument(root).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return writeError(QStringLiteral("%1: cannot be written: %2").arg(fileName, file.errorString()));
    return Done{};
}

} // namespace aiband
