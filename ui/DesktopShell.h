#pragma once

#include <QObject>

class QSystemTrayIcon;

namespace aiband {

class MainWindow;
class Orchestrator;

// The desktop face of the app: a tray icon with its menu when the desktop has a tray,
// otherwise the window, shown at once with a notice saying why.
class DesktopShell : public QObject {
    Q_OBJECT
public:
    explicit DesktopShell(Orchestrator &orchestrator, QObject *parent = nullptr);
    ~DesktopShell() override;

    MainWindow *window() const { return m_window; }
    bool hasTray() const { return m_tray != nullptr; }

signals:
    void quitRequested();

private:
    void createTray();
    void refreshTray();

    Orchestrator &m_orchestrator;
    MainWindow *m_window;
    QSystemTrayIcon *m_tray = nullptr;
};

} // namespace aiband
