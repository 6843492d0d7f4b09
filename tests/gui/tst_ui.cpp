// The desktop app, offscreen: the status function and its icons, the tray menu, the dashboard's
// pages and models fed by a real core (a server on a free port, real WebSocket plugins).

#include "DesktopShell.h"
#include "LanguageLoader.h"
#include "LogFilterModel.h"
#include "LogTableModel.h"
#include "LogsPage.h"
#include "MainWindow.h"
#include "ModelCell.h"
#include "PluginTableModel.h"
#include "PluginsPage.h"
#include "ServerMonitor.h"
#include "StatusPage.h"
#include "StatusSummary.h"
#include "TestServer.h"
#include "TrayMenu.h"
#include "WelcomePage.h"
#include "SettingsDialog.h"
#include "logging/LogBuffer.h"
#include "logging/LogCategories.h"
#include "logging/Logging.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QTimer>
#include <QTemporaryDir>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QStatusBar>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTableView>
#include <QTcpServer>
#include <QTest>

using namespace aiband;
using namespace aiband::test;

namespace {

QStringList labelTexts(const QWidget *window)
{
    QStringList texts;
    for (const QLabel *label : window->findChildren<QLabel *>())
        texts.append(label->text());
    return texts;
}

ServerStatus runningStatus()
{
    ServerStatus status;
    status.running = true;
    status.url = QUrl(QStringLiteral("http://127.0.0.1:8000"));
    status.pluginsConnected = 2;
    status.filesCount = 14;
    return status;
}

} // namespace

class TestUi : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // QSettings go to a throw-away test location, never the user's.
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("aiband-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_ui"));
        // Past the first start: the Welcome page has its own test, which clears this.
        WelcomePage::markSeen();
        // English as the app installs it: counted texts take their plural forms from it.
        QCOMPARE(LanguageLoader::install(QStringLiteral("en")), QStringLiteral("en"));
    }

    // --- the state function -----------------------------------------------------------------

    void stoppedState()
    {
        const StatusSummary summary = StatusSummary::of(ServerStatus{});
        QCOMPARE(summary.state, ServerState::Stopped);
        QCOMPARE(summary.headline, QStringLiteral("Server stopped"));
        QCOMPARE(summary.iconPath, QStringLiteral(":/icons/tray-stopped.svg"));
        QCOMPARE(summary.tooltip, QStringLiteral("AI Band Orchestrator\nServer stopped\n"
                                                 "Plugins cannot connect until it is started."));
    }

    void listeningState()
    {
        const StatusSummary summary = StatusSummary::of(runningStatus());
        QCOMPARE(summary.state, ServerState::Listening);
        QCOMPARE(summary.iconPath, QStringLiteral(":/icons/tray-listening.svg"));
        QCOMPARE(summary.tooltip, QStringLiteral("AI Band Orchestrator\nListening on http://127.0.0.1:8000\n"
                                                 "2 plugins connected · 14 files"));
        ServerStatus one = runningStatus();
        one.pluginsConnected = 1;
        one.filesCount = 1;
        QCOMPARE(StatusSummary::of(one).details, QStringLiteral("1 plugin connected · 1 file"));
    }

    void generatingState()
    {
        ServerStatus status = runningStatus();
        status.generationsInFlight = 3;
        const StatusSummary summary = StatusSummary::of(status);
        QCOMPARE(summary.state, ServerState::Generating);
        QCOMPARE(summary.iconPath, QStringLiteral(":/icons/tray-generating.svg"));
        QCOMPARE(summary.tooltip, QStringLiteral("AI Band Orchestrator\nGenerating on http://127.0.0.1:8000\n"
                                                 "2 plugins connected · 14 files · 3 generations in progress"));
    }

    void warningStateOutranksGenerating()
    {
        ServerStatus status = runningStatus();
        status.generationsInFlight = 1;
        status.warnings = {QStringLiteral("The files folder is not writable")};
        StatusSummary summary = StatusSummary::of(status);
        QCOMPARE(summary.state, ServerState::Warning);
        QCOMPARE(summary.iconPath, QStringLiteral(":/icons/tray-warning.svg"));
        QCOMPARE(summary.tooltip, QStringLiteral("AI Band Orchestrator\nListening on http://127.0.0.1:8000, with a warning\n"
                                                 "2 plugins connected · 14 files · 1 generation in progress\n"
                                                 "The files folder is not writable"));
        status.warnings.append(QStringLiteral("The disk is nearly full"));
        summary = StatusSummary::of(status);
        QCOMPARE(summary.headline, QStringLiteral("Listening on http://127.0.0.1:8000, with 2 warnings"));
        QCOMPARE(summary.problems, status.warnings);
    }

    void errorStateWhenTheStartFailed()
    {
        ServerStatus status;
        status.startError = QStringLiteral("cannot listen on 127.0.0.1:8000: address in use");
        const StatusSummary summary = StatusSummary::of(status);
        QCOMPARE(summary.state, ServerState::Error);
        QCOMPARE(summary.iconPath, QStringLiteral(":/icons/tray-error.svg"));
        QCOMPARE(summary.tooltip, QStringLiteral("AI Band Orchestrator\nServer not running: it could not start\n"
                                                 "cannot listen on 127.0.0.1:8000: address in use"));
    }

    void everyStateHasACrispIcon()
    {
        for (ServerState state : {ServerState::Stopped, ServerState::Listening, ServerState::Generating,
                                  ServerState::Warning, ServerState::Error}) {
            const QString path = iconPathFor(state);
            QSvgRenderer renderer(path);
            QVERIFY2(renderer.isValid(), qPrintable(path));
            // Vector: rendered at the size asked for, not scaled from a bitmap.
            for (int size : {16, 22, 64, 256}) {
                const QPixmap pixmap = QIcon(path).pixmap(size, size);
                QCOMPARE(pixmap.size(), QSize(size, size));
            }
        }
        QVERIFY(QIcon(iconPathFor(ServerState::Error)).pixmap(32).toImage()
                != QIcon(iconPathFor(ServerState::Listening)).pixmap(32).toImage());
    }

    // --- the monitor on a real core ----------------------------------------------------------

    void monitorFollowsTheServerAndItsWarnings()
    {
        TestServer server;
        ServerMonitor monitor(*server.orchestrator);
        QSignalSpy alerts(&monitor, &ServerMonitor::alert);
        QCOMPARE(monitor.summary().state, ServerState::Stopped);
        QVERIFY(monitor.start().ok());
        QCOMPARE(monitor.summary().state, ServerState::Listening);
        QCOMPARE(monitor.status().url, server.orchestrator->baseUrl());
        QVERIFY(monitor.summary().tooltip.contains(QStringLiteral(":%1").arg(server.orchestrator->port())));

        QSignalSpy changed(&monitor, &ServerMonitor::changed);
        monitor.setWarning(QStringLiteral("storage"), QStringLiteral("The files folder is not writable"));
        QVERIFY(changed.wait());
        QCOMPARE(monitor.summary().state, ServerState::Warning);
        QCOMPARE(alerts.size(), 1);
        QCOMPARE(alerts.last().at(1).toString(), QStringLiteral("The files folder is not writable"));
        monitor.setWarning(QStringLiteral("storage"), {});
        QCOMPARE(monitor.summary().state, ServerState::Listening);
        monitor.stop();
        QCOMPARE(monitor.summary().state, ServerState::Stopped);
    }

    void aBusyPortIsAnErrorWithAnAlert()
    {
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
        Config config;
        config.port = squatter.serverPort();
        QTemporaryDir dir;
        config.filesDir = dir.filePath(QStringLiteral("files"));
        Orchestrator orchestrator(config, nullptr);
        ServerMonitor monitor(orchestrator);
        QSignalSpy alerts(&monitor, &ServerMonitor::alert);
        QVERIFY(!monitor.start().ok());
        QCOMPARE(monitor.status().busyPort, config.port);
        const StatusSummary summary = monitor.summary();
        QCOMPARE(summary.state, ServerState::Error);
        // Plain words, not the socket error.
        const QString words = QStringLiteral("Port %1 is used by another program. Choose another port in Settings.")
                                  .arg(config.port);
        QCOMPARE(summary.problems, QStringList{words});
        QCOMPARE(alerts.size(), 1);
        QCOMPARE(alerts.first().at(1).toString(), words);
        squatter.close();
        QVERIFY(monitor.start().ok());   // the error is forgotten once a start works
        QCOMPARE(monitor.status().busyPort, 0);
        QCOMPARE(monitor.summary().state, ServerState::Listening);
    }

    // "Change port…" on the Status tab, only while the port is busy, opens Settings at the port.
    void aBusyPortOffersChangePortWhichOpensSettingsAtThePort()
    {
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
        QTemporaryDir dir;
        Config config;
        config.port = squatter.serverPort();
        config.filesDir = dir.filePath(QStringLiteral("files"));
        Orchestrator orchestrator(config, nullptr);
        DesktopShell shell(orchestrator);
        shell.enableSettings(SettingsContext{dir.filePath(QStringLiteral("config.json")), {}, QStringLiteral("app"), {}});
        auto *status = shell.window()->findChild<StatusPage *>();
        QVERIFY(status);
        QVERIFY(status->changePortButton()->isHidden());
        QVERIFY(!shell.monitor().start().ok());
        QTRY_VERIFY(!status->changePortButton()->isHidden());
        QCOMPARE(status->changePortButton()->text(), QStringLiteral("Change port…"));
        QVERIFY(status->fieldText(QStringLiteral("problems"))
                    .startsWith(QStringLiteral("Port %1 is used by another program.").arg(config.port)));

        shell.settingsDialog()->tabs()->setCurrentIndex(1);
        status->changePortButton()->click();
        SettingsDialog *settings = shell.settingsDialog();
        QVERIFY(settings->isVisible());
        QCOMPARE(settings->tabs()->currentIndex(), 0);
        QCOMPARE(settings->focusWidget(), settings->editorFor(QStringLiteral("server.port")));
        settings->hide();

        auto *port = qobject_cast<QLineEdit *>(settings->editorFor(QStringLiteral("server.port")));
        port->setText(QStringLiteral("0"));
        QVERIFY(settings->apply().ok());
        QTRY_VERIFY(orchestrator.isRunning());
        QTRY_VERIFY(status->changePortButton()->isHidden());
    }

    // Quit with plugins connected asks first; the answer decides. With none, it just quits.
    void quitAsksFirstWhilePluginsAreConnected()
    {
        TestServer server;
        QVERIFY(server.start());
        DesktopShell shell(*server.orchestrator);
        QList<int> asked;
        bool answer = false;
        shell.setQuitQuestion([&](int plugins) {
            asked.append(plugins);
            return answer;
        });
        QSignalSpy quit(&shell, &DesktopShell::quitRequested);
        shell.menu()->quitAction()->trigger();
        QCOMPARE(quit.size(), 1);
        QVERIFY(asked.isEmpty());   // nobody to disconnect: no question

        PluginClient first;
        PluginClient second;
        QVERIFY(first.join(server.wsUrl(QStringLiteral("/ws/bass-1"))));
        QVERIFY(second.join(server.wsUrl(QStringLiteral("/ws/drums-1"))));
        QTRY_COMPARE(server.orchestrator->pluginCount(), 2);
        shell.menu()->quitAction()->trigger();
        QCOMPARE(asked, QList<int>{2});
        QCOMPARE(quit.size(), 1);   // "Cancel": still running
        // Without a tray, closing the window is Quit: refused too, and the window stays.
        QVERIFY(!shell.hasTray());
        QVERIFY(!shell.window()->close());
        QVERIFY(shell.window()->isVisible());
        QCOMPARE(asked, (QList<int>{2, 2}));
        QCOMPARE(quit.size(), 1);

        answer = true;
        shell.menu()->quitAction()->trigger();
        QCOMPARE(quit.size(), 2);
    }

    // The first start opens the window at the Welcome page; later starts do not.
    void theFirstStartShowsTheWelcomePage()
    {
        QSettings().remove(WelcomePage::firstStartKey());
        QVERIFY(WelcomePage::isFirstStart());
        TestServer server;
        QVERIFY(server.start());
        {
            DesktopShell shell(*server.orchestrator);
            QVERIFY(shell.window()->isVisible());
            QTabWidget *tabs = shell.window()->tabs();
            QCOMPARE(tabs->currentWidget()->objectName(), QStringLiteral("welcome"));
            QCOMPARE(tabs->tabText(0), QStringLiteral("Welcome"));
            auto *welcome = qobject_cast<WelcomePage *>(tabs->currentWidget());
            QVERIFY(welcome);
            // The real folder, named and opened by the page; the server's address for plugins.
            QCOMPARE(welcome->findChild<QLabel *>(QStringLiteral("folder"))->text(),
                     server.orchestrator->config().filesDir);   // the one plugins watch, not its takes folder
            QVERIFY(!welcome->filesFolder().endsWith(QLatin1String("/takes")));
            QVERIFY(welcome->findChild<QLabel *>(QStringLiteral("server"))->text()
                        .contains(server.orchestrator->baseUrl().toString()));
            QVERIFY(welcome->findChild<QPushButton *>(QStringLiteral("openFolder")));
            welcome->findChild<QPushButton *>(QStringLiteral("tryIt"))->click();
            QCOMPARE(tabs->currentWidget()->objectName(), QStringLiteral("tryit"));
        }
        QVERIFY(!WelcomePage::isFirstStart());
        DesktopShell again(*server.orchestrator);
        QVERIFY(!again.window()->findChild<WelcomePage *>());
    }

    void settingsThatFixAFailedStartStartTheServer()
    {
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
        QTemporaryDir dir;
        Config config;
        config.port = squatter.serverPort();
        config.filesDir = dir.filePath(QStringLiteral("files"));
        Orchestrator orchestrator(config, nullptr);
        DesktopShell shell(orchestrator);
        shell.enableSettings(SettingsContext{dir.filePath(QStringLiteral("config.json")), {}, QStringLiteral("app"), {}});
        QVERIFY(!shell.monitor().start().ok());
        QCOMPARE(shell.monitor().summary().state, ServerState::Error);

        auto *port = qobject_cast<QLineEdit *>(shell.settingsDialog()->editorFor(QStringLiteral("server.port")));
        QVERIFY(port);
        port->setText(QStringLiteral("0"));
        QVERIFY(shell.settingsDialog()->apply().ok());
        QTRY_VERIFY(orchestrator.isRunning());
        QVERIFY(orchestrator.port() != squatter.serverPort());
        QTRY_COMPARE(shell.monitor().summary().state, ServerState::Listening);
    }

    void aFailedWriteWarnsUntilOneWorks()
    {
        TestServer server;
        QVERIFY(server.start());
        ServerMonitor monitor(*server.orchestrator);
        QSignalSpy alerts(&monitor, &ServerMonitor::alert);
        // The files folder replaced by a plain file: the next write fails.
        const QString folder = server.filesDir();
        QVERIFY(QDir(folder).removeRecursively());
        QFile blocker(folder);
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        QCOMPARE(server.post(QStringLiteral("/api/generate"), seedExampleBody()).status >= 500, true);
        QTRY_COMPARE(monitor.summary().state, ServerState::Warning);
        // The generation failed because the file could not be written: one warning says so,
        // not a second one with the same error ("The last generation failed: <the same words>").
        const QString problem = server.orchestrator->session().storageProblem();
        QVERIFY(!problem.isEmpty());
        QTRY_COMPARE(monitor.summary().problems, QStringList{QStringLiteral("Files cannot be written: ") + problem});
        QCOMPARE(monitor.summary().tooltip.count(problem), 1);
        StatusPage page(monitor);
        QCOMPARE(page.fieldText(QStringLiteral("problems")).count(problem), 1);
        // Both are still told as they happen: the failed request, and the storage warning.
        QCOMPARE(alerts.size(), 2);
        QStringList titles{alerts.at(0).at(0).toString(), alerts.at(1).at(0).toString()};
        titles.sort();
        QCOMPARE(titles, (QStringList{QStringLiteral("Generation failed"), QStringLiteral("Warning")}));
        QCOMPARE(server.orchestrator->session().generation().failedCount(), quint64(1));

        QVERIFY(QFile::remove(folder));
        QVERIFY(QDir().mkpath(folder));
        QCOMPARE(server.post(QStringLiteral("/api/generate"), seedExampleBody()).status, 200);
        QTRY_COMPARE(monitor.summary().state, ServerState::Listening);
        QVERIFY(monitor.summary().problems.isEmpty());
    }

    // --- the tray menu -----------------------------------------------------------------------

    void trayMenuHasEveryActionEnabledByState()
    {
        TestServer server;
        ServerMonitor monitor(*server.orchestrator);
        TrayMenu menu(monitor);
        QStringList texts;
        for (QAction *action : menu.actions()) {
            if (!action->isSeparator())
                texts.append(action->text());
        }
        QCOMPARE(texts, (QStringList{QStringLiteral("Open dashboard"), QStringLiteral("Start server"),
                                     QStringLiteral("Copy server URL"), QStringLiteral("Open files folder"),
                                     QStringLiteral("Recent files"), QStringLiteral("Settings…"),
                                     QStringLiteral("Quit")}));
        // Stopped: nothing to copy, no folder yet, no files.
        QVERIFY(!menu.copyUrlAction()->isEnabled());
        QVERIFY(!menu.openFolderAction()->isEnabled());
        QVERIFY(!menu.recentFilesMenu()->menuAction()->isEnabled());
        QVERIFY(menu.settingsAction()->isEnabled());
        QVERIFY(menu.quitAction()->isEnabled());

        menu.startStopAction()->trigger();
        QVERIFY(server.orchestrator->isRunning());
        QCOMPARE(menu.startStopAction()->text(), QStringLiteral("Stop server"));
        QVERIFY(menu.copyUrlAction()->isEnabled());
        QVERIFY(menu.openFolderAction()->isEnabled());
        menu.copyUrlAction()->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), server.orchestrator->baseUrl().toString());

        QCOMPARE(server.post(QStringLiteral("/api/generate"), seedExampleBody()).status, 200);
        QTRY_VERIFY(menu.recentFilesMenu()->menuAction()->isEnabled());
        menu.refreshRecentFiles();
        // Each take by its title (style, progression, part), opening its file.
        QStringList recent;
        QStringList opened;
        for (QAction *action : menu.recentFilesMenu()->actions()) {
            recent.append(action->text());
            opened.append(action->data().toString());
        }
        QStringList titles;
        QStringList stored;
        for (const StoredFile &file : server.orchestrator->session().files().list()) {
            titles.append(QStringLiteral("Pop · C–Am–F–G · %1")
                              .arg(file.trackType == QLatin1String("bass") ? QStringLiteral("Bass") : QStringLiteral("Drums")));
            stored.append(file.path);
        }
        QCOMPARE(recent, titles);
        QCOMPARE(opened, stored);
        QCOMPARE(recent.size(), 2);   // bass and drums

        menu.startStopAction()->trigger();
        QVERIFY(!server.orchestrator->isRunning());
        QCOMPARE(menu.startStopAction()->text(), QStringLiteral("Start server"));
        QVERIFY(!menu.copyUrlAction()->isEnabled());
    }

    void shellForwardsSettingsAndQuit()
    {
        TestServer server;
        QVERIFY(server.start());
        DesktopShell shell(*server.orchestrator);
        QSignalSpy settings(&shell, &DesktopShell::settingsRequested);
        QSignalSpy quit(&shell, &DesktopShell::quitRequested);
        shell.menu()->settingsAction()->trigger();
        shell.menu()->quitAction()->trigger();
        QCOMPARE(settings.size(), 1);
        QCOMPARE(quit.size(), 1);
        // Without a tray the same menu is in the window's menu bar.
        QVERIFY(shell.window()->menuBar()->actions().contains(shell.menu()->menuAction()));
    }

    void newFileNotificationsNameTheTakes()
    {
        // Without a tray (offscreen) a notification is the window's status bar message.
        Config config;
        config.notifyNewFiles = true;
        TestServer server(config);
        QVERIFY(server.start());
        DesktopShell shell(*server.orchestrator);
        QCOMPARE(server.post(QStringLiteral("/api/generate"), seedExampleBody()).status, 200);
        QTRY_VERIFY(shell.window()->statusBar()->currentMessage().endsWith(
            QStringLiteral(": Pop · C–Am–F–G · Bass\nPop · C–Am–F–G · Drums")));
    }

    // --- the window --------------------------------------------------------------------------

    void withoutTrayTheWindowOpensWithANotice()
    {
        // The offscreen platform has no system tray: the fallback path is the one under test.
        QVERIFY(!QSystemTrayIcon::isSystemTrayAvailable());
        TestServer server;
        QVERIFY(server.start());
        DesktopShell shell(*server.orchestrator);
        QVERIFY(!shell.hasTray());
        QVERIFY(shell.window()->isVisible());
        const QStringList texts = labelTexts(shell.window());
        QVERIFY(texts.join(QLatin1Char('\n')).contains(QStringLiteral("no system tray")));
        QTRY_VERIFY(labelTexts(shell.window()).contains(QStringLiteral("Listening on ") + server.orchestrator->baseUrl().toString()));
        // A normal window: closing it closes it, and stops the app the way Quit does (through
        // the orchestrator's shutdown, not by Qt quitting when the last window closes).
        QSignalSpy told(shell.window(), &MainWindow::hidToTrayFirstTime);
        QSignalSpy quit(&shell, &DesktopShell::quitRequested);
        shell.window()->close();
        QVERIFY(!shell.window()->isVisible());
        QCOMPARE(told.size(), 0);
        QCOMPARE(quit.size(), 1);
        QVERIFY(!QApplication::quitOnLastWindowClosed());
    }

    void settingsShowTheAccessTokenAndRegenerateIt()
    {
        QTemporaryDir dir;
        Config config;
        config.tokenFile = dir.filePath(QStringLiteral("token"));
        TestServer server(config);
        DesktopShell shell(*server.orchestrator);
        shell.enableSettings(SettingsContext{dir.filePath(QStringLiteral("config.json")), {}, QStringLiteral("app"), {}});
        QVERIFY(server.start());
        auto *token = shell.settingsDialog()->findChild<QLineEdit *>(QStringLiteral("token"));
        QVERIFY(token);
        QTRY_COMPARE(token->text(), server.orchestrator->accessToken());
        QVERIFY(token->text().size() >= 22);
        const QString first = token->text();

        emit shell.settingsDialog()->tokenRegenerationRequested();
        QTRY_VERIFY(token->text() != first);
        QCOMPARE(token->text(), server.orchestrator->accessToken());
        QFile file(config.tokenFile);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromLatin1(file.readAll()).trimmed(), token->text());
    }

    void theWindowHasItsTabs()
    {
        TestServer server;
        ServerMonitor monitor(*server.orchestrator);
        MainWindow window(monitor);
        QStringList titles;
        for (int i = 0; i < window.tabs()->count(); ++i)
            titles.append(window.tabs()->tabText(i));
        QCOMPARE(titles, (QStringList{QStringLiteral("Status"), QStringLiteral("Plugins"), QStringLiteral("Files"),
                                   QStringLiteral("Try it"), QStringLiteral("Logs")}));
    }

    void closingHidesToTheTrayAndTellsOnce()
    {
        QSettings().remove(MainWindow::toldHidesToTrayKey());
        TestServer server;
        ServerMonitor monitor(*server.orchestrator);
        {
            MainWindow window(monitor);
            QSignalSpy told(&window, &MainWindow::hidToTrayFirstTime);
            window.show();
            QVERIFY(window.close() == false);   // the close is refused: the window hides instead
            QVERIFY(!window.isVisible());
            QCOMPARE(told.size(), 1);
            QVERIFY(told.first().first().toString().contains(QStringLiteral("tray")));
            window.show();
            window.close();
            QVERIFY(!window.isVisible());
            QCOMPARE(told.size(), 1);
        }
        // Remembered for the next run.
        QVERIFY(QSettings().value(MainWindow::toldHidesToTrayKey()).toBool());
        MainWindow again(monitor);
        QSignalSpy told(&again, &MainWindow::hidToTrayFirstTime);
        again.show();
        again.close();
        QCOMPARE(told.size(), 0);
    }

    void statusPageShowsTheServerAndGenerations()
    {
        TestServer server;
        QVERIFY(server.start());
        ServerMonitor monitor(*server.orchestrator);
        StatusPage page(monitor);
        QCOMPARE(page.fieldText(QStringLiteral("url")), server.orchestrator->baseUrl().toString());
        QCOMPARE(page.fieldText(QStringLiteral("generations")), QStringLiteral("0 done · 0 failed · 0 in progress"));
        QCOMPARE(page.fieldText(QStringLiteral("durations")), QStringLiteral("—"));
        QCOMPARE(server.post(QStringLiteral("/api/generate"), seedExampleBody()).status, 200);
        QTRY_COMPARE(page.fieldText(QStringLiteral("generations")), QStringLiteral("1 done · 0 failed · 0 in progress"));
        QTRY_COMPARE(page.fieldText(QStringLiteral("files")), QStringLiteral("2"));
        QVERIFY(page.fieldText(QStringLiteral("durations")).startsWith(QStringLiteral("last ")));
        QVERIFY(server.orchestrator->session().generation().lastDurationMs() > 0.0);
        QCOMPARE(server.orchestrator->session().generation().averageDurationMs(), server.orchestrator->session().generation().lastDurationMs());
        QCOMPARE(page.fieldText(QStringLiteral("headline")), QStringLiteral("Listening on ") + server.orchestrator->baseUrl().toString());
    }

    // --- plugins -----------------------------------------------------------------------------

    void pluginTableFollowsARealPlugin()
    {
        TestServer server;
        QVERIFY(server.start());
        PluginsPage page(*server.orchestrator);
        const PluginTableModel &model = *page.model();
        QCOMPARE(model.rowCount(), 0);

        PluginClient plugin;
        QVERIFY(plugin.join(server.wsUrl(QStringLiteral("/ws/bass-1"))));
        QTRY_COMPARE(model.rowCount(), 1);
        QCOMPARE(cell(model, 0, PluginTableModel::Id), QStringLiteral("bass-1"));
        QCOMPARE(cell(model, 0, PluginTableModel::Address), QStringLiteral("127.0.0.1"));
        QVERIFY(model.data(model.index(0, PluginTableModel::FirstSeen), PluginTableModel::RawRole).toDateTime().isValid());
        QCOMPARE(cell(model, 0, PluginTableModel::Transport), QStringLiteral("not reported"));
        QCOMPARE(cell(model, 0, PluginTableModel::Files), QStringLiteral("0"));
        QVERIFY(model.data(model.index(0, 0), PluginTableModel::ConnectedRole).toBool());

        // Transport, live.
        plugin.sendJson(wsMessage(QStringLiteral("transport_update"),
                                {{QStringLiteral("is_playing"), true}, {QStringLiteral("current_beat"), 8},
                                 {QStringLiteral("tempo"), 96}}));
        QTRY_VERIFY(cell(model, 0, PluginTableModel::Transport).startsWith(QStringLiteral("playing")));
        QVERIFY2(cell(model, 0, PluginTableModel::Transport).contains(QStringLiteral("beat 8.0, 96 BPM")),
                 qPrintable(cell(model, 0, PluginTableModel::Transport)));   // a whole tempo, as DAWs show it
        plugin.sendJson(wsMessage(QStringLiteral("transport_update"),
                                {{QStringLiteral("is_playing"), true}, {QStringLiteral("current_beat"), 9},
                                 {QStringLiteral("tempo"), 92.5}}));
        QTRY_VERIFY(cell(model, 0, PluginTableModel::Transport).contains(QStringLiteral("92.5 BPM")));

        // A heartbeat moves "last heartbeat" on, although the registry emits nothing for it.
        const QDateTime before = model.data(model.index(0, PluginTableModel::LastHeartbeat), PluginTableModel::RawRole).toDateTime();
        QTRY_VERIFY(QDateTime::currentDateTimeUtc() > before);
        plugin.sendJson(wsMessage(QStringLiteral("heartbeat")));
        QVERIFY(!plugin.take(QStringLiteral("heartbeat_response")).isEmpty());
        QTRY_VERIFY(model.data(model.index(0, PluginTableModel::LastHeartbeat), PluginTableModel::RawRole).toDateTime() > before);

        // Files generated for this plugin are counted on its row.
        QCOMPARE(server.post(QStringLiteral("/api/generate"), seedExampleBody(QStringLiteral("bass-1"))).status, 200);
        QTRY_COMPARE(cell(model, 0, PluginTableModel::Files), QStringLiteral("2"));

        // Disconnect: only with a row selected; closes the session with 4003.
        QVERIFY(!page.disconnectButton()->isEnabled());
        page.view()->selectRow(0);
        QVERIFY(page.disconnectButton()->isEnabled());
        QSignalSpy closed(&plugin.socket, &QWebSocket::disconnected);
        QTest::mouseClick(page.disconnectButton(), Qt::LeftButton);
        QVERIFY(closed.wait());
        QCOMPARE(int(plugin.socket.closeCode()), 4003);
        QTRY_VERIFY(!model.data(model.index(0, 0), PluginTableModel::ConnectedRole).toBool());
        QVERIFY(!page.disconnectButton()->isEnabled());
        QCOMPARE(server.orchestrator->pluginCount(), 0);
    }

    void pluginsSayWhatIsKnownOfThem()
    {
        TestServer server;
        QVERIFY(server.start());
        PluginsPage page(*server.orchestrator);
        const PluginTableModel &model = *page.model();
        // The time is the first registration or connection: a plugin known over HTTP alone
        // never connected.
        QCOMPARE(model.headerData(PluginTableModel::FirstSeen, Qt::Horizontal).toString(), QStringLiteral("First seen"));

        QCOMPARE(server.post(QStringLiteral("/api/plugin/register"), R"({"plugin_id": "http-only"})").status, 200);
        QCOMPARE(server.post(QStringLiteral("/api/transport/sync"),
                             R"({"plugin_id": "http-only", "is_playing": true, "current_beat": 4, "tempo": 100})").status, 200);
        QTRY_COMPARE(model.rowCount(), 1);
        QTRY_VERIFY2(cell(model, 0, PluginTableModel::Transport).startsWith(QStringLiteral("playing · beat ")),
                     qPrintable(cell(model, 0, PluginTableModel::Transport)));   // it reports over HTTP
        QVERIFY(!model.data(model.index(0, 0), PluginTableModel::ConnectedRole).toBool());

        // A plugin whose session closed while playing: its DAW may have stopped since, unheard.
        PluginClient plugin;
        QVERIFY(plugin.join(server.wsUrl(QStringLiteral("/ws/bass-1"))));
        plugin.sendJson(wsMessage(QStringLiteral("transport_update"),
                                  {{QStringLiteral("is_playing"), true}, {QStringLiteral("current_beat"), 8}}));
        QTRY_COMPARE(model.rowCount(), 2);
        QTRY_VERIFY(cell(model, 1, PluginTableModel::Transport).startsWith(QStringLiteral("playing")));
        plugin.socket.close();
        QTRY_VERIFY(!model.data(model.index(1, 0), PluginTableModel::ConnectedRole).toBool());
        QCOMPARE(cell(model, 1, PluginTableModel::Transport), QStringLiteral("unknown (disconnected)"));
    }

    void aSecondPluginIsInsertedWithoutLosingTheSelection()
    {
        TestServer server;
        QVERIFY(server.start());
        PluginsPage page(*server.orchestrator);
        PluginClient first;
        PluginClient second;
        QVERIFY(first.join(server.wsUrl(QStringLiteral("/ws/first"))));
        QTRY_COMPARE(page.model()->rowCount(), 1);
        page.view()->selectRow(0);
        QVERIFY(second.join(server.wsUrl(QStringLiteral("/ws/second"))));
        QTRY_COMPARE(page.model()->rowCount(), 2);
        QCOMPARE(cell(*page.model(), 1, PluginTableModel::Id), QStringLiteral("second"));
        QCOMPARE(page.view()->selectionModel()->selectedRows().size(), 1);
        QCOMPARE(page.view()->selectionModel()->selectedRows().first().row(), 0);
    }

    void theTransportColumnFillsTheTableWhenAPluginJoinsLater()
    {
        // Seen in the README's screenshots: a plugin joining while the page was on screen sized
        // every column to its contents, the Transport column too, leaving a blank band at the right.
        TestServer server;
        QVERIFY(server.start());
        PluginsPage page(*server.orchestrator);
        page.resize(1000, 500);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        PluginClient plugin;
        QVERIFY(plugin.join(server.wsUrl(QStringLiteral("/ws/bass-1"))));
        QTRY_COMPARE(page.model()->rowCount(), 1);
        QHeaderView *header = page.view()->horizontalHeader();
        QTRY_COMPARE(header->sectionPosition(PluginTableModel::Files) + header->sectionSize(PluginTableModel::Files),
                     page.view()->viewport()->width());
        QVERIFY(header->sectionSize(PluginTableModel::Transport) > header->sectionSize(PluginTableModel::Id));
    }

    // --- logs --------------------------------------------------------------------------------

    void logTableGrowsLiveAndFilters()
    {
        LogBuffer buffer(1000);
        LogRouter router(&buffer);
        router.setEchoToStderr(false);
        applyLogLevel(LogLevel::Debug);
        LogsPage page(&buffer);
        const LogTableModel &model = *page.model();
        const LogFilterModel &filter = *page.filter();

        TestServer server({}, &buffer);
        QVERIFY(server.start());   // the core logs "listening on ..."
        const auto rowsContaining = [](const QAbstractItemModel &m, const QString &text) {
            int n = 0;
            for (int row = 0; row < m.rowCount(); ++row)
                n += cell(m, row, LogTableModel::Message).contains(text);
            return n;
        };
        QTRY_COMPARE(rowsContaining(model, QStringLiteral("listening on")), 1);
        qCWarning(lcFiles) << "disk nearly full";
        qCDebug(lcServer) << "a detail nobody needs";
        QTRY_COMPARE(rowsContaining(model, QStringLiteral("disk nearly full")), 1);
        QTRY_COMPARE(rowsContaining(model, QStringLiteral("a detail nobody needs")), 1);

        // The default filter hides debug lines.
        QCOMPARE(rowsContaining(filter, QStringLiteral("a detail nobody needs")), 0);
        QCOMPARE(rowsContaining(filter, QStringLiteral("listening on")), 1);
        page.levelBox()->setCurrentIndex(page.levelBox()->findData(int(LogLevel::Warning)));
        QCOMPARE(rowsContaining(filter, QStringLiteral("listening on")), 0);
        QCOMPARE(rowsContaining(filter, QStringLiteral("disk nearly full")), 1);
        for (int row = 0; row < filter.rowCount(); ++row)
            QVERIFY(filter.data(filter.index(row, 0), LogTableModel::LevelRole).toInt() >= int(LogLevel::Warning));

        page.levelBox()->setCurrentIndex(page.levelBox()->findData(int(LogLevel::Debug)));
        page.searchField()->setText(QStringLiteral("NEARLY"));
        QCOMPARE(filter.rowCount(), 1);
        QCOMPARE(cell(filter, 0, LogTableModel::Level), QStringLiteral("warning"));
        QCOMPARE(cell(filter, 0, LogTableModel::Category), QStringLiteral("aiband.files"));

        // Copy: the shown line, as the log file has it.
        const QString copied = page.copyLines();
        QVERIFY2(copied.contains(QStringLiteral("disk nearly full")) && !copied.contains(QLatin1Char('\n')), qPrintable(copied));
        QCOMPARE(QGuiApplication::clipboard()->text(), copied);
        page.searchField()->clear();
        QVERIFY(filter.rowCount() > 1);
        applyLogLevel(LogLevel::Info);
    }

    void logTableDropsTheOldestPastItsLimit()
    {
        LogBuffer buffer(100);
        LogTableModel model(&buffer, 3);
        for (int i = 1; i <= 5; ++i)
            buffer.append(LogEntry{0, QDateTime::currentDateTimeUtc(), QStringLiteral("info"), QStringLiteral("test"),
                                   QStringLiteral("line %1").arg(i)});
        QTRY_COMPARE(cell(model, model.rowCount() - 1, LogTableModel::Message), QStringLiteral("line 5"));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(cell(model, 0, LogTableModel::Message), QStringLiteral("line 3"));
    }
};

QTEST_MAIN(TestUi)
#include "tst_ui.moc"
