#pragma once

#include <QMainWindow>

class QLabel;
class QTabWidget;

namespace aiband {

class Orchestrator;
class ServerMonitor;

// The dashboard: one tab per page (Status, Plugins, Logs, ...). Closing it hides it to the tray,
// which it says once; without a tray it is a normal window and closing it quits.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(ServerMonitor &monitor, QWidget *parent = nullptr);

    void setHideOnClose(bool hide) { m_hideOnClose = hide; }
    void showNotice(const QString &text);
    QTabWidget *tabs() const { return m_tabs; }
    void showPage(const QString &objectName);   // selects the tab whose page has this object name
    // The first start's Welcome page, as the first tab, selected; its "Try it" opens the Try it tab.
    void showWelcome();

    // The QSettings key remembering that the user was told closing hides to the tray.
    static QString toldHidesToTrayKey();

signals:
    // Emitted the first time the window is closed to the tray (ever, per user), with the text
    // to tell the user; DesktopShell shows it as a tray notification.
    void hidToTrayFirstTime(const QString &message);
    // The Status tab's "Change port…" (the port is busy): Settings, at the port.
    void changePortRequested();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void addPage(QWidget *page, const QString &objectName, const QString &title);

    Orchestrator &m_orchestrator;
    bool m_welcomeShown = false;
    QTabWidget *m_tabs;
    QLabel *m_notice;
    bool m_hideOnClose = true;
};

} // namespace aiband
