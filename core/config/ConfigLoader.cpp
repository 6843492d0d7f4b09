#include "ConfigLoader.h"

#include "ConfigRules.h"
#include "ConfigSchema.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QStandardPaths>

namespace aiband {
namespace {

const IgnoredKey *findIgnoredByPath(const QString &path)
{
    for (const IgnoredKey &key : ignoredConfigKeys()) {
        if (path == QLatin1String(key.path))
            return &key;
    }
    return nullptr;
}

const ConfigKey *findKeyByPath(const QString &path)
{
    for (const ConfigKey &key : configKeys()) {
        if (path == QLatin1String(key.path))
            return &key;
    }
    return nullptr;
}

void applyFile(const QString &fileName, LoadedConfig &out)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        out.errors << QStringLiteral("%1: cannot be read: %2").arg(fileName, file.errorString());
        return;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        out.errors << QStringLiteral("%1: not valid JSON at offset %2: %3")
                          .arg(fileName).arg(parseError.offset).arg(parseError.errorString());
        return;
    }
    if (!document.isObject()) {
        out.errors << QStringLiteral("%1: expected a JSON object at the top level").arg(fileName);
        return;
    }
    out.file = fileName;
    const QString baseDir = QFileInfo(fileName).absolutePath();
    const QJsonObject root = document.object();
    for (auto section = root.begin(); section != root.end(); ++section) {
        if (!section.value().isObject()) {
            out.errors << QStringLiteral("%1: %2: expected an object of settings")
                              .arg(fileName, section.key());
            continue;
        }
        const QJsonObject settings = section.value().toObject();
        for (auto entry = settings.begin(); entry != settings.end(); ++entry) {
            const QString path = section.key() + QLatin1Char('.') + entry.key();
            if (const IgnoredKey *ignored = findIgnoredByPath(path)) {
                out.notices << QStringLiteral("%1: %2 is ignored: %3")
                                   .arg(fileName, path, QLatin1String(ignored->reason));
                continue;
            }
            const ConfigKey *key = findKeyByPath(path);
            if (!key) {
                out.notices << QStringLiteral("%1: unknown setting %2 is ignored").arg(fileName, path);
                continue;
            }
            const Status status = applyJsonValue(out.config, *key, entry.value(), baseDir);
            if (!status)
                out.errors << QStringLiteral("%1: %2: %3").arg(fileName, path, status.error().message);
        }
    }
}

void applyEnvironment(const ConfigSources &sources, LoadedConfig &out)
{
    for (const IgnoredKey &ignored : ignoredConfigKeys()) {
        if (ignored.environment && sources.environment.contains(QLatin1String(ignored.environment)))
            out.notices << QStringLiteral("environment %1 is ignored: %2")
                               .arg(QLatin1String(ignored.environment), QLatin1String(ignored.reason));
    }
    for (const ConfigKey &key : configKeys()) {
        // Later names are more specific (AIBAND_*), so they are applied last and win.
        for (const char *name : key.environment) {
            const QString variable = QLatin1String(name);
            if (!sources.environment.contains(variable))
                continue;
            const Status status = applyText(out.config, key, sources.environment.value(variable),
                                            sources.workingDir);
            out.overrides.insert(QLatin1String(key.path), QStringLiteral("environment %1").arg(variable));
            if (!status)
                out.errors << QStringLiteral("environment %1: %2").arg(variable, status.error().message);
        }
    }
}

void applyOptions(const ConfigSources &sources, LoadedConfig &out)
{
    for (auto option = sources.options.begin(); option != sources.options.end(); ++option) {
        const ConfigKey *key = findConfigKeyByOption(option.key());
        if (!key) {
            out.errors << QStringLiteral("--%1: not a setting").arg(option.key());
            continue;
        }
        const Status status = applyText(out.config, *key, option.value(), sources.workingDir);
        out.overrides.insert(QLatin1String(key->path), QStringLiteral("--%1").arg(option.key()));
        if (!status)
            out.errors << QStringLiteral("--%1: %2").arg(option.key(), status.error().message);
    }
}

} // namespace

QStringList defaultConfigCandidates()
{
    return {QDir::current().absoluteFilePath(QStringLiteral("config.json")),
            QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)
                + QStringLiteral("/config.json")};
}

LoadedConfig loadConfig(const ConfigSources &sources)
{
    LoadedConfig out;
    out.config = sources.defaults;

    if (!sources.explicitFile.isEmpty()) {
        if (!QFileInfo(sources.explicitFile).isFile())
            out.errors << QStringLiteral("%1: config file not found").arg(sources.explicitFile);
        else
            applyFile(sources.explicitFile, out);
    } else {
        for (const QString &candidate : sources.candidateFiles) {
            if (QFileInfo(candidate).isFile()) {
                applyFile(candidate, out);
                break;
            }
        }
    }
    applyEnvironment(sources, out);
    applyOptions(sources, out);
    // Only once every layer is in: a file's timeout may be fixed by an option's heartbeat.
    if (out.errors.isEmpty()) {
        for (const Error &conflict : conflictingSettings(out.config))
            out.errors << conflict.message;
    }
    return out;
}

} // namespace aiband
