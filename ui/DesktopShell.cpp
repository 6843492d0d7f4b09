#include "DesktopShell.h"

#include "MainWindow.h"
#include "Orchestrator.h"
#include "ServerMonitor.h"
#include "TakeTitle.h"
#include "TrayMenu.h"
#include "WelcomePage.h"
#include "logging/LogCategories.h"

#include <QApplication>
#include <QEvent>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QSystemTrayIcon>

namespace aiband {

DesktopShell::DesktopShell(Orchestrator &orchestrator, QObject *parent)
    : QObject(parent),
      m_orchestrator(orchestrator),
      m_monitor(new ServerMonitor(orchestrator, this)),
      m_window(new MainWindow(*m_monitor)),
      m_menu(new TrayMenu(*m_monitor, m_window))
{
    m_window->menuBar()->addMenu(m_menu);
    connect(m_menu, &TrayMenu::openDashboardRequested, this, &DesktopShell::showWindow);
    connect(m_menu, &TrayMenu::settingsRequested, this, &DesktopShell::settingsRequested);
    connect(m_menu, &TrayMenu::quitRequested, this, &DesktopShell::requestQuit);
    connect(m_window, &MainWindow::changePortRequested, this, &DesktopShell::openSettingsAtPort);
    m_askQuit = [this](int plugins) {
        QMessageBox box(QMessageBox::Question, tr("Quit AI Band Orchestrator?"),
                        tr("%n plugin(s) are connected. Quitting stops the server: they get no new parts "
                           "until you start the app again.", nullptr, plugins),
                        QMessageBox::NoButton, m_window);
        QPushButton *quit = box.addButton(tr("Quit"), QMessageBox::AcceptRole);
        box.addButton(QMessageBox::Cancel);
        box.setDefaultButton(quit);
        box.exec();
        return box.clickedButton() == quit;
    };
    connect(m_monitor, &ServerMonitor::alert, this, [this](const QString &title, const QString &message) {
        notify(title, message, true);
    });
    connect(&orchestrator.session(), &BandSession::filesGenerated, this, [this](const GenerationResult &result) {
        // Read at each generation, so a change in the settings applies at once.
        if (!m_orchestrator.config().notifyNewFiles || result.files.isEmpty())
            return;
        QStringList names;
        const BandSession &session = m_orchestrator.session();
        for (const GeneratedFile &file : result.files)
            names.append(takeTitle(session.styles(), file.file.name, session.files().readMetadata(file.file.name)));
        notify(tr("%n new file(s)", nullptr, static_cast<int>(result.files.size())), names.join(QLatin1Char('\n')), false);
    });

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        // With a tray the app lives on when its window is hidden or a dialog closes.
        QApplication::setQuitOnLastWindowClosed(false);
        createTray();
        qCInfo(lcUi) << "in the system tray";
    } else {
        qCInfo(lcUi) << "no system tray; the window stays open and closing it quits";
        m_window->setHideOnClose(false);
        // Closing the window is Quit: it goes through the orchestrator's shutdown (running
        // generations and downloads finish, plugins hear 1001), which quits the app when done,
        // rather than Qt quitting at once when the last window closes.
        QApplication::setQuitOnLastWindowClosed(false);
        m_window->installEventFilter(this);
        m_window->showNotice(tr("This desktop has no system tray, so the orchestrator runs in this "
                                "window. Closing it stops the server."));
        m_window->show();
    }
    if (WelcomePage::isFirstStart()) {
        m_window->showWelcome();
        showWindow();
        WelcomePage::markSeen();
        qCInfo(lcUi) << "first start: showing the Welcome page";
    }
}

DesktopShell::~DesktopShell()
{
    delete m_window;   // also deletes the menu, its child
}

bool DesktopShell::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window && event->type() == QEvent::Close && !m_tray) {
        if (!quitConfirmed()) {
            event->ignore();
            return true;   // the window stays, and so does the server
        }
        emit quitRequested();
    }
    return QObject::eventFilter(watched, event);
}

bool DesktopShell::quitConfirmed()
{
    const int plugins = m_orchestrator.pluginCount();
    return plugins == 0 || !m_askQuit || m_askQuit(plugins);
}

void DesktopShell::requestQuit()
{
    if (quitConfirmed())
        emit quitRequested();
}

void DesktopShell::openSettingsAtPort()
{
    emit settingsRequested();
    if (m_settings)
        m_settings->showField(QStringLiteral("server.port"));
}

void DesktopShell::tellHeadlessServerRuns(const QString &url, qint64 processId)
{
    // Nobody could see or close a message box on these platforms; main() has printed the line.
    const QString platform = QGuiApplication::platformName();
    if (platform == QLatin1String("offscreen") || platform == QLatin1String("minimal"))
        return;
    QMessageBox::information(
        nullptr, tr("AI Band Orchestrator is already running"),
        tr("A server without a window (started with --headless) is already running on %1, and your plugins can "
           "use it as it is.\n\nTo use the window instead, stop that server (systemctl --user stop "
           "ai-band-orchestrator, or end process %2) and start AI Band Orchestrator again.")
            .arg(url)
            .arg(processId));
}

void DesktopShell::showWindow()
{
    m_window->show();
    m_window->raise();
    m_window->activateWindow();
}

void DesktopShell::enableSettings(const SettingsContext &context)
{
    if (m_settings)
        return;
    // One dialog for the whole run: it remembers applied settings that wait for a restart.
    m_settings = new SettingsDialog(m_orchestrator, context, m_window);
    // The token row: the token in use (none before the server has read it), regenerated on
    // request (the new one applies to the next request; the dialog shows it at once).
    auto showToken = [this] { m_settings->setAccessToken(m_orchestrator.accessToken()); };
    showToken();
    connect(&m_orchestrator, &Orchestrator::accessTokenChanged, m_settings, showToken);
    connect(&m_orchestrator, &Orchestrator::runningChanged, m_settings, showToken);   // read at start
    connect(m_settings, &SettingsDialog::tokenRegenerationRequested, this, [this] {
        if (const Status regenerated = m_orchestrator.regenerateAccessToken(); !regenerated)
            notify(tr("The access token was not changed"), regenerated.error().message, true);
    });
    // The server could not start (say, the port was busy): applying settings that fix it starts
    // it, as the user expects, instead of waiting for "Start server" as well.
    connect(m_settings, &SettingsDialog::applied, this, [this] {
        if (!m_orchestrator.isRunning() && !m_monitor->status().startError.isEmpty())
            m_monitor->start();
    });
    connect(this, &DesktopShell::settingsRequested, m_settings, [this] {
        m_settings->reload();
        m_settings->show();
        m_settings->raise();
        m_settings->activateWindow();
    });
}

void DesktopShell::createTray()
{
    m_tray = new QSystemTrayIcon(this);
    m_tray->setContextMenu(m_menu);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason != QSystemTrayIcon::Trigger)
            return;
        if (m_window->isVisible())
            m_window->hide();
        else
            showWindow();
    });
    connect(m_tray, &QSystemTrayIcon::messageClicked, this, &DesktopShell::showWindow);
    connect(m_window, &MainWindow::hidToTrayFirstTime, this, [this](const QString &message) {
        notify(tr("Still running"), message, false);
    });
    connect(m_monitor, &ServerMonitor::changed, this, &DesktopShell::refreshTray);
    refreshTray();
    m_tray->show();
}

void DesktopShell::refreshTray()
{
    const StatusSummary summary = m_monitor->summary();
    // Only a change of state swaps the icon; the tooltip follows every change.
    if (!m_iconSet || summary.state != m_shownState) {
        m_tray->setIcon(QIcon(summary.iconPath));
        m_shownState = summary.state;
        m_iconSet = true;
    }
    m_tray->setToolTip(summary.tooltip);
}

void DesktopShell::notify(const QString &title, const QString &message, bool isProblem)
{
    if (m_tray) {
        m_tray->showMessage(title, message,
                            isProblem ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information);
        return;
    }
    m_window->statusBar()->showMessage(title + QStringLiteral(": ") + message);
}

} // namespace aiband
