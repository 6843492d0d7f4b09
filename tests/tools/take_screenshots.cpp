// take_screenshots: the dashboard's pictures for the README (scripts/screenshots.sh runs it under
// Xvfb). It builds what app/main.cpp builds — the configuration from a config file, the log
// router, a real Orchestrator listening on a port and the DesktopShell with its settings — lets a
// small band of fake plugins (tests/tools/screenshot_band.py) connect, generate and play, then
// works the window as a user would (selects a file, types chords in Try it, opens Settings) and
// saves each page with QWidget::grab(). Nothing of this lives in the product.
//
// Usage: take_screenshots --config FILE --out DIR [--suffix -es] [--language es]
//                         [--band screenshot_band.py] [--python /usr/bin/python3] [--size 1000x650]
//                         [--translation FILE.qm]   (a translation to see before it is built in)

#include "DesktopShell.h"
#include "FilesPage.h"
#include "FilesTableModel.h"
#include "LanguageLoader.h"
#include "MainWindow.h"
#include "Orchestrator.h"
#include "PianoRollView.h"
#include "PluginTableModel.h"
#include "ServerMonitor.h"
#include "TrayMenu.h"
#include "TryItPage.h"
#include "config/ConfigLoader.h"
#include "logging/LogBuffer.h"
#include "logging/LogCategories.h"
#include "logging/Logging.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QCommandLineParser>
#include <QDeadlineTimer>
#include <QDir>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QScrollBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QTranslator>

#include <cstdio>
#include <functional>

using namespace aiband;

namespace {

constexpr int kWaitMs = 60000;

void say(const QString &text)
{
    std::fputs(qPrintable(text + QLatin1Char('\n')), stderr);
    std::fflush(stderr);
}

// Runs the event loop until the condition holds; false when it did not within the time.
bool waitUntil(const std::function<bool()> &condition, int timeoutMs = kWaitMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 50);
    }
    return true;
}

// Lets queued events (timers already due, layouts, repaints) run, without waiting for anything.
// The models coalesce changes on 100 ms timers, so this lets those fire too.
void settle()
{
    QEventLoop loop;
    QTimer::singleShot(300, &loop, &QEventLoop::quit);
    loop.exec();
}

class Shooter {
public:
    Shooter(QString outDir, QString suffix) : m_outDir(std::move(outDir)), m_suffix(std::move(suffix)) {}

    bool save(QWidget *widget, const QString &name)
    {
        settle();
        const QString path = QDir(m_outDir).filePath(name + m_suffix + QStringLiteral(".png"));
        if (!widget->grab().save(path)) {
            say(QStringLiteral("take_screenshots: cannot write %1").arg(path));
            m_ok = false;
            return false;
        }
        std::printf("%s\n", qPrintable(path));
        std::fflush(stdout);
        return true;
    }
    bool ok() const { return m_ok; }

private:
    QString m_outDir;
    QString m_suffix;
    bool m_ok = true;
};

bool fail(const QString &message)
{
    say(QStringLiteral("take_screenshots: %1").arg(message));
    return false;
}

// Starts the band and waits for its "ready" line: its plugins are connected, have their files
// and have sent their transport.
bool startBand(QProcess &band, const QString &python, const QString &script, const QUrl &url)
{
    band.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    band.start(python, {script, url.toString()});
    if (!band.waitForStarted())
        return fail(QStringLiteral("cannot start %1 %2: %3").arg(python, script, band.errorString()));
    QByteArray output;
    const bool ready = waitUntil([&] {
        output += band.readAllStandardOutput();
        return output.contains("ready\n") || band.state() == QProcess::NotRunning;
    });
    if (!ready || !output.contains("ready\n"))
        return fail(QStringLiteral("the plugin band did not get ready (it said: %1)").arg(QString::fromUtf8(output)));
    return true;
}

bool selectFile(FilesPage *files, const QString &trackType)
{
    QTableView *view = files->view();
    QAbstractItemModel *model = view->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QString name = model->index(row, 0).data(FilesTableModel::FileNameRole).toString();
        if (name.contains(QLatin1Char('_') + trackType + QLatin1Char('_'))) {
            view->setFocus();
            view->selectRow(row);
            return waitUntil([&] { return !files->preview()->song().parts.empty(); }, 5000);
        }
    }
    return false;
}

bool shootAll(DesktopShell &shell, Shooter &shooter, QSize size, int expectedPlugins,
              int expectedFiles)
{
    MainWindow *window = shell.window();
    window->resize(size);
    shell.showWindow();
    if (!waitUntil([&] { return window->isVisible(); }))
        return fail(QStringLiteral("the window did not show"));

    auto *plugins = window->findChild<QWidget *>(QStringLiteral("plugins"));
    auto *pluginTable = plugins ? plugins->findChild<QTableView *>() : nullptr;
    auto *files = window->findChild<FilesPage *>();
    auto *tryIt = window->findChild<TryItPage *>();
    if (!pluginTable || !files || !tryIt)
        return fail(QStringLiteral("a page of the window is missing"));
    if (!waitUntil([&] { return pluginTable->model()->rowCount() == expectedPlugins; }))
        return fail(QStringLiteral("the Plugins tab shows %1 plugins, not %2")
                        .arg(pluginTable->model()->rowCount()).arg(expectedPlugins));
    if (!waitUntil([&] { return files->model()->rowCount() == expectedFiles; }))
        return fail(QStringLiteral("the Files tab shows %1 files, not %2").arg(files->model()->rowCount()).arg(expectedFiles));

    window->showPage(QStringLiteral("status"));
    shooter.save(window, QStringLiteral("status"));

    window->showPage(QStringLiteral("plugins"));
    // A connected plugin is selected (Disconnect enabled); the one known over HTTP only stays greyed.
    for (int row = 0; row < pluginTable->model()->rowCount(); ++row) {
        if (pluginTable->model()->index(row, 0).data(PluginTableModel::ConnectedRole).toBool()) {
            pluginTable->selectRow(row);
            break;
        }
    }
    shooter.save(window, QStringLiteral("plugins"));

    window->showPage(QStringLiteral("files"));
    if (!selectFile(files, QStringLiteral("keys")))
        return fail(QStringLiteral("no keys file to preview in the Files tab"));
    shooter.save(window, QStringLiteral("files"));

    window->showPage(QStringLiteral("tryit"));
    auto *chords = tryIt->findChild<QLineEdit *>(QStringLiteral("chords"));
    auto *generate = tryIt->findChild<QPushButton *>(QStringLiteral("generate"));
    if (!chords || !generate)
        return fail(QStringLiteral("the Try it form is missing its chords field or Generate button"));
    chords->setFocus();
    chords->selectAll();
    chords->insert(QStringLiteral("Am F C G"));
    bool finished = false;
    bool succeeded = false;
    QObject::connect(tryIt, &TryItPage::generationFinished, tryIt, [&](bool ok) {
        finished = true;
        succeeded = ok;
    });
    generate->click();
    if (!waitUntil([&] { return finished; }) || !succeeded)
        return fail(QStringLiteral("Try it did not generate"));
    shooter.save(window, QStringLiteral("tryit"));

    window->showPage(QStringLiteral("logs"));
    if (auto *logs = window->findChild<QWidget *>(QStringLiteral("logs"))) {
        if (auto *table = logs->findChild<QTableView *>())
            table->scrollToBottom();
    }
    shooter.save(window, QStringLiteral("logs"));

    QAction *settingsAction = shell.menu()->findChild<QAction *>(QStringLiteral("settings"));
    if (!settingsAction)
        return fail(QStringLiteral("the menu has no Settings action"));
    settingsAction->trigger();
    SettingsDialog *settings = shell.settingsDialog();
    if (!settings || !waitUntil([&] { return settings->isVisible(); }))
        return fail(QStringLiteral("the Settings dialog did not open"));
    settings->resize(settings->size().expandedTo(QSize(size.width() * 7 / 10, size.height())));
    shooter.save(settings, QStringLiteral("settings"));
    settings->close();
    return shooter.ok();
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("ai-band-orchestrator"));
    QCoreApplication::setApplicationVersion(QStringLiteral(AIBAND_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral(AIBAND_APP_ID));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Saves a PNG of each dashboard tab and the Settings dialog."));
    parser.addHelpOption();
    const QCommandLineOption configOption(QStringLiteral("config"), QStringLiteral("config.json to run with"),
                                          QStringLiteral("file"));
    const QCommandLineOption outOption(QStringLiteral("out"), QStringLiteral("folder for the PNG files"),
                                       QStringLiteral("dir"));
    const QCommandLineOption suffixOption(QStringLiteral("suffix"), QStringLiteral("added to each name (\"-es\")"),
                                          QStringLiteral("text"));
    const QCommandLineOption languageOption(QStringLiteral("language"), QStringLiteral("en, es, de (as ui.language)"),
                                            QStringLiteral("code"));
    const QCommandLineOption bandOption(QStringLiteral("band"), QStringLiteral("the fake plugins' script"),
                                        QStringLiteral("file"),
                                        QStringLiteral(AIBAND_SOURCE_DIR "/tests/tools/screenshot_band.py"));
    const QCommandLineOption pythonOption(QStringLiteral("python"), QStringLiteral("Python with websockets"),
                                          QStringLiteral("file"), QStringLiteral("/usr/bin/python3"));
    const QCommandLineOption sizeOption(QStringLiteral("size"), QStringLiteral("window size"),
                                        QStringLiteral("WxH"), QStringLiteral("1000x650"));
    const QCommandLineOption translationOption(QStringLiteral("translation"),
                                               QStringLiteral("also load this .qm file (lrelease's output)"),
                                               QStringLiteral("file"));
    parser.addOptions({configOption, outOption, suffixOption, languageOption, bandOption, pythonOption, sizeOption,
                       translationOption});
    parser.process(app);
    if (!parser.isSet(configOption) || !parser.isSet(outOption)) {
        say(QStringLiteral("take_screenshots: --config and --out are required"));
        return 2;
    }
    const QStringList sizeParts = parser.value(sizeOption).split(QLatin1Char('x'));
    const QSize size = sizeParts.size() == 2 ? QSize(sizeParts[0].toInt(), sizeParts[1].toInt()) : QSize();
    if (!size.isValid() || size.isEmpty()) {
        say(QStringLiteral("take_screenshots: --size wants WIDTHxHEIGHT"));
        return 2;
    }

    // As app/main.cpp does it, so the pages show what the app shows.
    LogBuffer logBuffer(Config{}.logBufferEntries);
    LogRouter logRouter(&logBuffer);
    logRouter.setEchoToStderr(false);
    ConfigSources sources;
    sources.explicitFile = parser.value(configOption);
    sources.environment = QProcessEnvironment::systemEnvironment();
    sources.workingDir = QDir::currentPath();
    const LoadedConfig loaded = loadConfig(sources);
    if (!loaded.ok()) {
        say(QStringLiteral("take_screenshots: configuration refused: %1").arg(loaded.errors.join(QStringLiteral("; "))));
        return 2;
    }
    const Config &config = loaded.config;
    applyLogLevel(config.effectiveLogLevel());
    logBuffer.setCapacity(config.logBufferEntries);
    static_cast<void>(logRouter.openFile(config.logFile, config.logMaxBytes, config.logBackupCount));
    qCInfo(lcApp).noquote() << "AI Band Orchestrator" << AIBAND_VERSION << "starting with desktop interface";
    qCInfo(lcConfig).noquote() << "configuration read from" << loaded.file;
    const QString language = parser.isSet(languageOption) ? parser.value(languageOption) : config.uiLanguage;
    qCInfo(lcUi).noquote() << "interface language:" << LanguageLoader::install(language);
    QTranslator extraTranslation;   // installed last, so it is asked first
    if (parser.isSet(translationOption)
        && (!extraTranslation.load(parser.value(translationOption)) || !QCoreApplication::installTranslator(&extraTranslation))) {
        say(QStringLiteral("take_screenshots: cannot load %1").arg(parser.value(translationOption)));
        return 2;
    }

    Orchestrator orchestrator(config, &logBuffer);
    DesktopShell shell(orchestrator);
    SettingsContext context;
    context.configFile = loaded.file;
    context.program = QCoreApplication::applicationFilePath();
    shell.enableSettings(context);
    if (const Status started = shell.monitor().start(); !started) {
        say(QStringLiteral("take_screenshots: the server did not start: %1").arg(started.error().message));
        return 1;
    }

    QProcess band;
    bool ok = startBand(band, parser.value(pythonOption), parser.value(bandOption), orchestrator.baseUrl());
    Shooter shooter(parser.value(outOption), parser.value(suffixOption));
    // screenshot_band.py: four plugins (one known over HTTP only) and their four files.
    ok = ok && shootAll(shell, shooter, size, 4, 4);

    // The band leaves when its standard input closes. Its sessions close with the server
    // answering, so the event loop runs meanwhile (QProcess::waitForFinished would block it).
    band.closeWriteChannel();
    if (!waitUntil([&] { return band.state() == QProcess::NotRunning; }, 10000)) {
        band.kill();
        band.waitForFinished();
    }
    orchestrator.stop();
    return ok ? 0 : 1;
}
