#include "DesktopShell.h"

#include "MainWindow.h"
#include "Orchestrator.h"
#include "StatusSummary.h"

#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QMenu>
#include <QSystemTrayIcon>

namespace aiband {

DesktopShell::DesktopShell(Orchestrator &orchestrator, QObject *parent)
    : QObject(parent), m_orchestrator(orchestrator), m_window(new MainWindow(orchestrator))
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        // With a tray the app lives on when its window is hidden or a dialog closes.
        QApplication::setQuitOnLastWindowClosed(false);
        createTray();
    } else {
        m_window->setHideOnClose(false);
        m_window->showNotice(tr("This desktop has no system tray, so the orchestrator runs in this "
                                "window. Closing it stops the server."));
        m_window->show();
    }
}

DesktopShell::~DesktopShell()
{
    delete m_window;
}

void DesktopShell::createTray()
{
    m_tray = new QSystemTrayIcon(QIcon(QStringLiteral(":/icons/ai-band-orchestrator.svg")), this);
    auto *menu = new QMenu(m_window);
    menu->addAction(tr("Open dashboard"), m_window, [this] {
        m_window->show();
        m_window->raise();
        m_window->activateWindow();
    });
    menu->addAction(tr("Copy server URL"), this, [this] {
        QGuiApplication::clipboard()->setText(m_orchestrator.baseUrl().toString());
    });
    menu->addAction(tr("Open files folder"), this, [this] {
        QDesktopServices::openUrl(QUrl::fromLocalFile(m_orchestrator.files().directory()));
    });
    menu->addSeparator();
    menu->addAction(tr("Quit"), this, &DesktopShell::quitRequested);
    m_tray->setContextMenu(menu);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger)
            m_window->setVisible(!m_window->isVisible());
    });
    connect(&m_orchestrator, &Orchestrator::runningChanged, this, &DesktopShell::refreshTray);
    connect(&m_orchestrator, &Orchestrator::pluginCountChanged, this, &DesktopShell::refreshTray);
    connect(&m_orchestrator, &Orchestrator::filesGenerated, this, &DesktopShell::refreshTray);
    refreshTray();
    m_tray->show();
}

void DesktopShell::refreshTray()
{
    m_tray->setToolTip(StatusSummary::of(m_orchestrator).tooltip());
}

} // namespace aiband
