#pragma once

#include "ServerStatus.h"
#include "SettingsDialog.h"

#include <QObject>

#include <functional>

class QSystemTrayIcon;

namespace aiband {

class MainWindow;
class Orchestrator;
class ServerMonitor;
class TrayMenu;

// The desktop face of the app: a tray icon showing the server's state, with its menu, when the
// desktop has a tray; otherwise the window, shown at once with a notice saying why. Either way
// the window has the same menu, so every action is reachable. On the first start it also opens
// the window at the Welcome page. Quit asks first while plugins are connected.
class DesktopShell : public QObject {
    Q_OBJECT
public:
    explicit DesktopShell(Orchestrator &orchestrator, QObject *parent = nullptr);
    ~DesktopShell() override;

    ServerMonitor &monitor() const { return *m_monitor; }
    MainWindow *window() const { return m_window; }
    TrayMenu *menu() const { return m_menu; }
    bool hasTray() const { return m_tray != nullptr; }

    void showWindow();

    // Asked before quitting while plugins are connected, with their number; true quits. A
    // message box by default; tests answer it themselves.
    using QuitQuestion = std::function<bool(int pluginsConnected)>;
    void setQuitQuestion(QuitQuestion ask) { m_askQuit = std::move(ask); }
    // Quit from the menu or the window: asks when plugins are connected, then quitRequested().
    void requestQuit();

    // A desktop launch found a headless server holding the instance lock: it has no window to
    // bring up, so this says where it runs and how to stop it (a message box where a person can
    // see one; main() also prints it).
    static void tellHeadlessServerRuns(const QString &url, qint64 processId);
    // From now on "Settings…" opens the settings dialog, which saves to context.configFile.
    void enableSettings(const SettingsContext &context);
    SettingsDialog *settingsDialog() const { return m_settings; }

signals:
    void quitRequested();
    void settingsRequested();   // "Settings…" in the tray or window menu

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void createTray();
    void refreshTray();
    void notify(const QString &title, const QString &message, bool isProblem);
    bool quitConfirmed();
    void openSettingsAtPort();

    Orchestrator &m_orchestrator;
    ServerMonitor *m_monitor;
    MainWindow *m_window;
    TrayMenu *m_menu;
    QSystemTrayIcon *m_tray = nullptr;
    SettingsDialog *m_settings = nullptr;
    ServerState m_shownState = ServerState::Stopped;
    bool m_iconSet = false;
    QuitQuestion m_askQuit;
};

} // namespace aiband
