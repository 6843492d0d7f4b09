#pragma once

#include <QWidget>

class QPushButton;
class QTableView;

namespace aiband {

class Orchestrator;
class PluginTableModel;

// The Plugins tab: every plugin the server knows, live, and a button to close one's session.
class PluginsPage : public QWidget {
    Q_OBJECT
public:
    explicit PluginsPage(Orchestrator &orchestrator, QWidget *parent = nullptr);

    PluginTableModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QPushButton *disconnectButton() const { return m_disconnect; }

private:
    QString selectedPluginId() const;
    void updateButton();

    Orchestrator &m_orchestrator;
    PluginTableModel *m_model;
    QTableView *m_view;
    QPushButton *m_disconnect;
};

} // namespace aiband
