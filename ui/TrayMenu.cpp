#include "TrayMenu.h"

#include "DesktopOpener.h"
#include "Orchestrator.h"
#include "ServerMonitor.h"
#include "TakeTitle.h"

#include <QClipboard>
#include <QDir>
#include <QGuiApplication>

namespace aiband {

TrayMenu::TrayMenu(ServerMonitor &monitor, QWidget *parent)
    : QMenu(tr("&Server"), parent), m_monitor(monitor)
{
    m_openDashboard = addAction(tr("Open dashboard"), this, &TrayMenu::openDashboardRequested);
    addSeparator();
    m_startStop = addAction(QString(), this, [this] {
        if (m_monitor.orchestrator().isRunning())
            m_monitor.stop();
        else
            static_cast<void>(m_monitor.start());   // a failure is shown by the monitor's alert and state
        refresh();
    });
    m_copyUrl = addAction(tr("Copy server URL"), this, [this] {
        QGuiApplication::clipboard()->setText(m_monitor.orchestrator().baseUrl().toString());
    });
    m_openFolder = addAction(tr("Open files folder"), this, [this] {
        DesktopOpener().open(m_monitor.orchestrator().session().files().directory(), parentWidget());
    });
    m_recent = addMenu(tr("Recent files"));
    connect(m_recent, &QMenu::aboutToShow, this, &TrayMenu::refreshRecentFiles);
    addSeparator();
    m_settings = addAction(tr("Settings…"), this, &TrayMenu::settingsRequested);
    m_quit = addAction(tr("Quit"), this, &TrayMenu::quitRequested);

    m_openDashboard->setObjectName(QStringLiteral("openDashboard"));
    m_startStop->setObjectName(QStringLiteral("startStop"));
    m_copyUrl->setObjectName(QStringLiteral("copyUrl"));
    m_openFolder->setObjectName(QStringLiteral("openFolder"));
    m_recent->menuAction()->setObjectName(QStringLiteral("recentFiles"));
    m_settings->setObjectName(QStringLiteral("settings"));
    m_quit->setObjectName(QStringLiteral("quit"));
    m_settings->setMenuRole(QAction::PreferencesRole);
    m_quit->setMenuRole(QAction::QuitRole);

    connect(&monitor, &ServerMonitor::changed, this, &TrayMenu::refresh);
    connect(this, &QMenu::aboutToShow, this, &TrayMenu::refresh);
    refresh();
}

void TrayMenu::refresh()
{
    const ServerStatus status = m_monitor.status();
    m_startStop->setText(status.running ? tr("Stop server") : tr("Start server"));
    m_copyUrl->setEnabled(status.running);
    m_openFolder->setEnabled(QDir(m_monitor.orchestrator().session().files().directory()).exists());
    m_recent->menuAction()->setEnabled(status.filesCount > 0);
}

void TrayMenu::refreshRecentFiles()
{
    m_recent->clear();
    const QList<StoredFile> files = m_monitor.orchestrator().session().files().page(std::nullopt, kRecentFiles).files;
    for (const StoredFile &file : files) {
        const BandSession &session = m_monitor.orchestrator().session();
        const QString title = takeTitle(session.styles(), file.name, session.files().readMetadata(file.name));
        // Menus read "&" as a shortcut mark ("R&B"); the title is shown as it is.
        QAction *action = m_recent->addAction(QString(title).replace(QLatin1Char('&'), QStringLiteral("&&")), this, [this, path = file.path] {
            DesktopOpener().open(path, parentWidget());
        });
        action->setToolTip(file.path);
        action->setData(file.path);
    }
    if (files.isEmpty())
        m_recent->addAction(tr("No files yet"))->setEnabled(false);
}

} // namespace aiband
