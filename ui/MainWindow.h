#pragma once

#include <QMainWindow>

class QLabel;

namespace aiband {

class Orchestrator;

// A first window: what the server is doing and where the files are. The dashboard with
// plugins, files, piano roll and logs replaces its contents later.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(Orchestrator &orchestrator, QWidget *parent = nullptr);

    void setHideOnClose(bool hide) { m_hideOnClose = hide; }
    void showNotice(const QString &text);
    void refresh();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    Orchestrator &m_orchestrator;
    QLabel *m_headline;
    QLabel *m_details;
    QLabel *m_filesDir;
    QLabel *m_notice;
    bool m_hideOnClose = true;
};

} // namespace aiband
