#pragma once

#include <QMenu>

namespace aiband {

class ServerMonitor;

// The tray icon's menu (also the window's "Server" menu): open the dashboard, start or stop the
// server, copy its URL, open the files folder, the newest files (by takeTitle), settings and
// quit. Actions that need a running server or an existing folder are disabled without one.
class TrayMenu : public QMenu {
    Q_OBJECT
public:
    static constexpr int kRecentFiles = 10;

    explicit TrayMenu(ServerMonitor &monitor, QWidget *parent = nullptr);

    QAction *openDashboardAction() const { return m_openDashboard; }
    QAction *startStopAction() const { return m_startStop; }
    QAction *copyUrlAction() const { return m_copyUrl; }
    QAction *openFolderAction() const { return m_openFolder; }
    QMenu *recentFilesMenu() const { return m_recent; }
    QAction *settingsAction() const { return m_settings; }
    QAction *quitAction() const { return m_quit; }

    void refresh();              // labels and enabled states from the monitor's status
    void refreshRecentFiles();   // re-reads the newest files (done each time the submenu opens)

signals:
    void openDashboardRequested();
    void settingsRequested();
    void quitRequested();

private:
    ServerMonitor &m_monitor;
    QAction *m_openDashboard;
    QAction *m_startStop;
    QAction *m_copyUrl;
    QAction *m_openFolder;
    QMenu *m_recent;
    QAction *m_settings;
    QAction *m_quit;
};

} // namespace aiband
