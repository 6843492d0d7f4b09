#include "Config.h"

#include "ConfigSchema.h"
#include "net/HostNames.h"

#include <QStandardPaths>

#include <variant>

namespace aiband {
namespace {

bool sameSetting(const Config &a, const Config &b, const ConfigKey &key)
{
    return std::visit([&](const auto &setting) { return a.*setting.member == b.*setting.member; }, key.kind);
}

void copySetting(Config &to, const Config &from, const ConfigKey &key)
{
    std::visit([&](const auto &setting) { to.*setting.member = from.*setting.member; }, key.kind);
}

} // namespace

Config::Config()
{
    for (const ConfigKey &key : configKeys())
        std::visit([this](const auto &setting) { this->*setting.member = setting.byDefault; }, key.kind);
}

Config Config::withPlatformDefaults()
{
    Config config;
    const QString dataDir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    config.filesDir = dataDir + QStringLiteral("/generated_files");
    config.logFile = dataDir + QStringLiteral("/logs/orchestrator.log");
    config.stylesDir = dataDir + QStringLiteral("/styles");
    config.tokenFile = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + QStringLiteral("/token");
    return config;
}

bool Config::tokenRequired() const
{
    return requireToken || !isLoopbackHost(host);
}

QJsonObject Config::toJson() const
{
    QJsonObject root;
    for (const ConfigKey &key : configKeys()) {
        if (key.secret)
            continue;
        const QString path = QString::fromLatin1(key.path);
        const QString section = path.section(QLatin1Char('.'), 0, 0);
        const QString name = path.section(QLatin1Char('.'), 1);
        QJsonObject sectionObject = root.value(section).toObject();
        sectionObject.insert(name, settingToJson(*this, key));
        root.insert(section, sectionObject);
    }
    return root;
}

QStringList startOnlySettingsDiffering(const Config &running, const Config &wanted)
{
    QStringList paths;
    for (const ConfigKey &key : configKeys()) {
        if (key.applies == Applies::AtNextStart && !sameSetting(running, wanted, key))
            paths.append(QLatin1String(key.path));
    }
    return paths;
}

Config withStartOnlyFrom(Config wanted, const Config &running)
{
    for (const ConfigKey &key : configKeys()) {
        if (key.applies == Applies::AtNextStart)
            copySetting(wanted, running, key);
    }
    return wanted;
}

} // namespace aiband
