// ai-band-orchestrator: reads the command line and configuration, starts the orchestrator,
// and either shows the desktop shell (tray or window) or runs headless until SIGINT/SIGTERM.

#include "DesktopShell.h"
#include "LanguageLoader.h"
#include "MainWindow.h"
#include "ServerMonitor.h"
#include "Orchestrator.h"
#include "config/ConfigLoader.h"
#include "config/ConfigWriter.h"
#include "config/SettingOptions.h"
#include "generation/FaultInjection.h"
#include "logging/LogBuffer.h"
#include "logging/LogCategories.h"
#include "logging/Logging.h"
#include "platform/SingleInstance.h"
#include "platform/UnixSignalWatcher.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <memory>

using namespace aiband;

namespace {

constexpr int kExitConfigError = 2;       // also a command line that does not parse
constexpr int kExitStartError = 1;        // also no display for the window
constexpr int kExitAlreadyRunning = 3;    // --headless, or a desktop launch that finds a headless server

QStringList argumentsOf(int argc, char **argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    return arguments;
}

// A window needs a display: X11 or Wayland, or a platform chosen by hand (QT_QPA_PLATFORM or
// Qt's own -platform option, e.g. offscreen). Checked before QApplication exists, which aborts
// without one.
bool hasDisplay(const QStringList &arguments)
{
    const bool platformOption = std::any_of(arguments.begin(), arguments.end(), [](const QString &argument) {
        return argument == QLatin1String("-platform") || argument == QLatin1String("--platform");
    });
    return platformOption || !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") || !qEnvironmentVariableIsEmpty("DISPLAY")
        || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
}

const char kNoDisplay[] = "ai-band-orchestrator: No display found; run with --headless to start the server without a window\n";

// While QApplication is made: Qt ends the process with qFatal() when no platform plugin can
// start (DISPLAY set but unreachable, a plugin missing), after several lines of its own. This
// handler holds those lines back and says the one thing a user can act on instead, then exits
// with the start error's status. A message handler is a plain function, so what it holds back
// lives in a function-local buffer.
QStringList &heldBack()
{
    static QStringList lines;
    return lines;
}

void holdBackUntilTheDisplayWorks(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    if (type == QtFatalMsg) {
        std::fputs(kNoDisplay, stderr);
        std::fflush(stderr);
        std::_Exit(kExitStartError);
    }
    heldBack().append(message);
}

std::unique_ptr<QCoreApplication> makeApplication(bool noGui, int &argc, char **argv)
{
    if (noGui)
        return std::make_unique<QCoreApplication>(argc, argv);
    const QtMessageHandler previous = qInstallMessageHandler(holdBackUntilTheDisplayWorks);
    auto app = std::make_unique<QApplication>(argc, argv);
    qInstallMessageHandler(previous);
    for (const QString &line : std::as_const(heldBack()))
        qWarning().noquote() << line;   // it started after all: the lines may still matter
    heldBack().clear();
    return app;
}

// --headless and --config say how to run, not what to run with; every other option sets a
// setting and comes from the key table.
struct Options {
    QCommandLineOption headless{QStringLiteral("headless"),
                                QStringLiteral("Run the server only: no window, no tray icon.")};
    QCommandLineOption config{QStringLiteral("config"),
                              QStringLiteral("Read settings from this config.json instead of the usual places."),
                              QStringLiteral("file")};
    QList<QCommandLineOption> settings = settingOptions();
};

void describe(QCommandLineParser &parser, const Options &options)
{
    parser.setApplicationDescription(QStringLiteral(
        "AI Band Orchestrator: generates bass, drum and keys MIDI parts from chord progressions\n"
        "for DAW plugins over HTTP and WebSocket. Settings: defaults < config.json < environment\n"
        "(HOST, PORT, LOG_LEVEL, GENERATED_FILES_DIR, ... or AIBAND_*) < these options."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({options.headless, options.config});
    parser.addOptions(options.settings);
}

bool asksForNoWindow(const QCommandLineParser &parser, const Options &options)
{
    return parser.isSet(options.headless) || parser.isSet(QStringLiteral("help"))
        || parser.isSet(QStringLiteral("help-all")) || parser.isSet(QStringLiteral("version"));
}

void printLine(FILE *stream, const QString &text)
{
    std::fputs(qPrintable(text + QLatin1Char('\n')), stream);
    std::fflush(stream);
}

LoadedConfig readConfiguration(const QCommandLineParser &parser, const Options &options)
{
    ConfigSources sources;
    sources.explicitFile = parser.value(options.config);
    sources.candidateFiles = defaultConfigCandidates();
    sources.environment = QProcessEnvironment::systemEnvironment();
    sources.workingDir = QDir::currentPath();
    for (const QCommandLineOption &option : options.settings) {
        if (parser.isSet(option))
            sources.options.insert(option.names().first(), parser.value(option));
    }
    return loadConfig(sources);
}

QString headlessServerRunsLine(const QString &url, qint64 processId)
{
    return QStringLiteral("ai-band-orchestrator: a headless server is already running on %1 (process %2) and has no "
                          "window; plugins can use it as it is. For the window, stop it (systemctl --user stop "
                          "ai-band-orchestrator, or kill %2) and start the app again")
        .arg(url).arg(processId);
}

SettingsContext settingsContext(const LoadedConfig &loaded, const QCommandLineParser &parser, const Options &options)
{
    SettingsContext context;
    context.configFile = loaded.file.isEmpty() ? userConfigFile() : loaded.file;
    context.overrides = loaded.overrides;
    context.program = QCoreApplication::applicationFilePath();
    if (parser.isSet(options.config))
        context.autostartArguments = {QStringLiteral("--config"), QFileInfo(parser.value(options.config)).absoluteFilePath()};
    return context;
}

} // namespace

int main(int argc, char **argv)
{
    // The command line is read before any application object exists: the kind of object
    // depends on it, and neither --help nor a mistyped option should need a display.
    const Options options;
    QCommandLineParser parser;
    describe(parser, options);
    const QStringList arguments = argumentsOf(argc, argv);
    const bool parsed = parser.parse(arguments);
    const bool serverOnly = parsed && asksForNoWindow(parser, options);
    const bool display = hasDisplay(arguments);
    if (parsed && !serverOnly && !display) {
        std::fputs(kNoDisplay, stderr);
        return kExitStartError;
    }
    // A command line that does not parse may still hold Qt's own window options (-platform,
    // -style), which QApplication takes out; it is judged again once the application exists.
    const bool noGui = serverOnly || (!parsed && !display);
    // Without a GUI there is nothing to integrate with GLib's loop, and Qt's own dispatcher
    // handles many sockets far better: GLib re-registers a socket's write notifier on every
    // send, which was 41% of the server's work when syncing 1,000 plugins (docs/BENCHMARKS.md).
    if (noGui && !qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    // A write past a file size limit (ulimit -f) fails with EFBIG and is reported like a full
    // disk; by default the kernel would kill the whole app with SIGXFSZ instead.
    std::signal(SIGXFSZ, SIG_IGN);
    std::unique_ptr<QCoreApplication> app = makeApplication(noGui, argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("ai-band-orchestrator"));
    QCoreApplication::setApplicationVersion(QStringLiteral(AIBAND_VERSION));
    if (!noGui)
        QGuiApplication::setDesktopFileName(QStringLiteral(AIBAND_APP_ID));

    LogBuffer logBuffer(Config{}.logBufferEntries);
    LogRouter logRouter(&logBuffer);

    // An unknown option or a missing value: what was wrong, then the usage, on stderr on
    // every platform (QCommandLineParser::process would show a message box on some).
    if (!parser.parse(QCoreApplication::arguments())) {
        printLine(stderr, QStringLiteral("ai-band-orchestrator: %1").arg(parser.errorText()));
        std::fputs(qPrintable(parser.helpText()), stderr);
        return kExitConfigError;
    }
    parser.process(*app);   // --help and --version print and exit here

    const LoadedConfig loaded = readConfiguration(parser, options);
    if (!loaded.ok()) {
        for (const QString &error : loaded.errors)
            printLine(stderr, QStringLiteral("ai-band-orchestrator: configuration refused: %1").arg(error));
        return kExitConfigError;
    }

    const Config &config = loaded.config;
    // Before anything is shown, the "already running" dialog included.
    if (!noGui)
        qCInfo(lcUi).noquote() << "interface language:" << LanguageLoader::install(config.uiLanguage);

    // Before the server starts, so a second launch never gets as far as a busy port.
    SingleInstance instance(SingleInstance::defaultKey(parser.value(options.config)));
    instance.setMode(noGui ? SingleInstance::Mode::Headless : SingleInstance::Mode::Desktop);
    const auto claim = instance.claim(noGui ? SingleInstance::Request::Ping : SingleInstance::Request::Show);
    if (claim && !claim->primary) {
        if (noGui) {
            printLine(stderr, QStringLiteral("ai-band-orchestrator: already running (%1); not starting a second server")
                                  .arg(claim->otherStatus));
            return kExitAlreadyRunning;
        }
        if (claim->otherMode == SingleInstance::Mode::Headless) {
            // It has no window to bring up, and this one cannot serve beside it.
            printLine(stderr, headlessServerRunsLine(claim->otherStatus, claim->otherProcessId));
            DesktopShell::tellHeadlessServerRuns(claim->otherStatus, claim->otherProcessId);
            return kExitAlreadyRunning;
        }
        printLine(stdout, QStringLiteral("AI Band Orchestrator is already running (%1); its window was brought up.")
                              .arg(claim->otherStatus));
        return 0;
    }
    if (!claim)
        printLine(stderr, QStringLiteral("ai-band-orchestrator: running without the single-instance guard: %1")
                              .arg(claim.error().message));

    applyLogLevel(config.effectiveLogLevel());
    logBuffer.setCapacity(config.logBufferEntries);
    if (const QString error = logRouter.openFile(config.logFile, config.logMaxBytes, config.logBackupCount);
        !error.isEmpty())
        qCWarning(lcApp).noquote() << "cannot write the log file" << config.logFile << ":" << error;
    qCInfo(lcApp).noquote() << "AI Band Orchestrator" << AIBAND_VERSION << "starting"
                            << (parser.isSet(options.headless) ? "headless" : "with desktop interface");
    if (!loaded.file.isEmpty())
        qCInfo(lcConfig).noquote() << "configuration read from" << loaded.file;
    for (const QString &notice : loaded.notices)
        qCWarning(lcConfig).noquote() << notice;

    Orchestrator orchestrator(config, &logBuffer);
    if (auto renderer = faultInjectionRenderer(QProcessEnvironment::systemEnvironment()))
        orchestrator.setRenderer(std::move(renderer));
    // Watched before the "listening" line, so a script that signals right after it is heard.
    // A stop lets running generations and downloads finish (server.shutdown_grace), then quits.
    // A second signal while that drains quits at once; files are still never left half-written.
    // exit(), not quit(): Qt 6's quit() first asks every window to close, and the dashboard
    // refuses (it hides to the tray instead), which silently cancelled the quit.
    QObject::connect(&orchestrator, &Orchestrator::stopped, app.get(), [] { QCoreApplication::exit(0); });
    UnixSignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &UnixSignalWatcher::terminationRequested, app.get(), [&](int number) {
        if (orchestrator.isShuttingDown()) {
            qCWarning(lcApp) << "signal" << number << "received again; stopping now";
            QCoreApplication::exit(0);
            return;
        }
        qCInfo(lcApp) << "signal" << number << "received; shutting down";
        orchestrator.shutdown();
    });

    std::unique_ptr<DesktopShell> shell;
    if (!noGui) {
        shell = std::make_unique<DesktopShell>(orchestrator);
        shell->enableSettings(settingsContext(loaded, parser, options));
        QObject::connect(shell.get(), &DesktopShell::quitRequested, &orchestrator, &Orchestrator::shutdown);
        QObject::connect(&instance, &SingleInstance::activationRequested, shell.get(), [&shell] {
            qCInfo(lcApp) << "another launch asked for the window; showing it";
            shell->showWindow();
        });
    }
    // Headless, a server that cannot start is a failed run. On the desktop the app stays up and
    // says why (tray state "error", the window and a notification), so the user can pick another
    // port in Settings instead of relaunching.
    const Status started = shell ? shell->monitor().start() : orchestrator.start();
    if (!started) {
        printLine(stderr, QStringLiteral("ai-band-orchestrator: %1").arg(started.error().message));
        if (!shell)
            return kExitStartError;
        shell->showWindow();
    } else {
        // One line on stdout that scripts and tests can wait for; everything else goes to the log.
        printLine(stdout, QStringLiteral("AI Band Orchestrator listening on %1").arg(orchestrator.baseUrl().toString()));
    }
    instance.setStatus(orchestrator.baseUrl().toString());
    QObject::connect(&orchestrator, &Orchestrator::listenAddressChanged, &instance,
                     [&instance](const QUrl &url) { instance.setStatus(url.toString()); });
    // Started later from the tray or Settings after a failed start: the address is known only now.
    QObject::connect(&orchestrator, &Orchestrator::runningChanged, &instance, [&instance, &orchestrator](bool running) {
        if (running)
            instance.setStatus(orchestrator.baseUrl().toString());
    });

    const int status = app->exec();
    qCInfo(lcApp) << "stopped";
    return status;
}
