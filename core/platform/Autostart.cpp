#include "Autostart.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>

namespace aiband::autostart {
namespace {

// Desktop Entry spec, "The Exec key": an argument with a space or a reserved character is put
// in double quotes, inside which ", `, $ and \ are escaped with a backslash; a literal % is %%.
// (The value is then a string value, whose own escape rules double each backslash.)
QString quoteArgument(const QString &argument)
{
    static const QString reserved = QStringLiteral(" \t\n\"'\\><~|&;$*?#()`");
    QString quoted = argument;
    quoted.replace(QLatin1Char('%'), QStringLiteral("%%"));
    const bool needsQuotes = argument.isEmpty()
                             || std::any_of(argument.begin(), argument.end(),
                                            [](QChar c) { return reserved.contains(c); });
    if (!needsQuotes)
        return quoted;
    QString escaped;
    for (const QChar c : quoted) {
        if (c == QLatin1Char('"') || c == QLatin1Char('`') || c == QLatin1Char('$') || c == QLatin1Char('\\'))
            escaped += QLatin1Char('\\');
        escaped += c;
    }
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

Error autostartError(const QString &message)
{
    return makeError(QStringLiteral("autostart_failed"), message);
}

} // namespace

QString entryPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
           + QStringLiteral("/autostart/ai-band-orchestrator.desktop");
}

bool isEnabled()
{
    return QFileInfo::exists(entryPath());
}

QByteArray entryContent(const QString &program, const QStringList &arguments)
{
    QStringList exec{quoteArgument(program)};
    for (const QString &argument : arguments)
        exec.append(quoteArgument(argument));
    const QString text = QStringLiteral("[Desktop Entry]\n"
                                        "Type=Application\n"
                                        "Name=AI Band Orchestrator\n"
                                        "Comment=Bass, drums and keys for your DAW plugins\n"
                                        "Exec=%1\n"
                                        "Icon=" AIBAND_APP_ID "\n"
                                        "Terminal=false\n"
                                        "X-GNOME-Autostart-enabled=true\n")
                             .arg(exec.join(QLatin1Char(' ')));
    return text.toUtf8();
}

Status enable(const QString &program, const QStringList &arguments)
{
    const QString path = entryPath();
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return autostartError(QStringLiteral("cannot create the folder %1").arg(QFileInfo(path).absolutePath()));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return autostartError(QStringLiteral("%1: cannot be written: %2").arg(path, file.errorString()));
    file.write(entryContent(program, arguments));
    if (!file.commit())
        return autostartError(QStringLiteral("%1: cannot be written: %2").arg(path, file.errorString()));
    return Done{};
}

Status disable()
{
    QFile file(entryPath());
    if (file.exists() && !file.remove())
        return autostartError(QStringLiteral("%1: cannot be removed: %2").arg(file.fileName(), file.errorString()));
    return Done{};
}

} // namespace aiband::autostart
