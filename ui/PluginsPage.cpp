#include "PluginsPage.h"

#include "ColumnFit.h"
#include "Orchestrator.h"
#include "PluginTableModel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace aiband {

PluginsPage::PluginsPage(Orchestrator &orchestrator, QWidget *parent)
    : QWidget(parent),
      m_orchestrator(orchestrator),
      m_model(new PluginTableModel(orchestrator.session(), this)),
      m_view(new QTableView),
      m_disconnect(new QPushButton(tr("Disconnect")))
{
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->setWordWrap(false);
    new ColumnFit(m_view, PluginTableModel::Transport);
    m_disconnect->setToolTip(tr("Close the selected plugin's connection. The plugin may reconnect."));

    auto *hint = new QLabel(tr("Plugins connect to the server by themselves; greyed-out rows have no open session."));
    hint->setWordWrap(true);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(hint, 1);
    buttons->addWidget(m_disconnect);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_view);
    layout->addLayout(buttons);

    connect(m_disconnect, &QPushButton::clicked, this, [this] {
        m_orchestrator.disconnectPlugin(selectedPluginId());
        updateButton();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &PluginsPage::updateButton);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &PluginsPage::updateButton);
    connect(m_model, &QAbstractItemModel::modelReset, this, &PluginsPage::updateButton);
    updateButton();
}

QString PluginsPage::selectedPluginId() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : m_model->pluginIdAt(rows.first().row());
}

void PluginsPage::updateButton()
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    m_disconnect->setEnabled(!rows.isEmpty() && rows.first().data(PluginTableModel::ConnectedRole).toBool());
}

} // namespace aiband
