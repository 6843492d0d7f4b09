#pragma once

#include <QTimer>
#include <QWidget>

class QFormLayout;
class QLabel;
class QPushButton;

namespace aiband {

class ServerMonitor;

// The Status tab: the state in words (as the tray says it), "Change port…" when the port is busy, the server's address and uptime,
// and what it has done: plugins, connections, files, generations and how long they take.
class StatusPage : public QWidget {
    Q_OBJECT
public:
    explicit StatusPage(ServerMonitor &monitor, QWidget *parent = nullptr);

    void refresh();
    QString fieldText(const QString &name) const;   // a value by its object name, for tests
    QPushButton *changePortButton() const { return m_changePort; }

signals:
    // "Change port…", offered while another program holds the port: Settings, at the port.
    void changePortRequested();

private:
    QLabel *addField(QFormLayout *form, const QString &label, const QString &name);

    ServerMonitor &m_monitor;
    QLabel *m_headline;
    QLabel *m_details;
    QLabel *m_problems;
    QPushButton *m_changePort;
    QLabel *m_url;
    QLabel *m_uptime;
    QLabel *m_plugins;
    QLabel *m_connections;
    QLabel *m_files;
    QLabel *m_filesDir;
    QLabel *m_generations;
    QLabel *m_durations;
    QTimer m_clock;
};

QString formatDuration(qint64 seconds);   // "2 h 05 min", "3 min 07 s", "12 s"

} // namespace aiband
