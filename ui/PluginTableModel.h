#pragma once

#include "session/BandSession.h"

#include <QAbstractTableModel>
#include <QTimer>

namespace aiband {

// The plugins the server knows, one row each, live: rows follow BandSession::pluginsChanged(), and
// a one-second clock refreshes what changes without a signal (heartbeats, "12 s ago").
// Bursts of changes are read once, at most every 100 ms.
class PluginTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    // FirstSeen: the plugin's first registration or connection. Not "connected since": plugins
    // known over HTTP alone never connect, and a session that reopens keeps the first time.
    enum Column { Id, Address, FirstSeen, LastHeartbeat, Transport, Files, ColumnCount };
    enum Role {
        RawRole = Qt::UserRole,        // the value behind the text: QDateTime, quint64, ...
        ConnectedRole,                 // bool: a WebSocket session is open
        PluginIdRole,
    };

    explicit PluginTableModel(const BandSession &session, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    QString pluginIdAt(int row) const;
    void refresh();   // re-reads the plugins (the clock calls it; tests may too)

    // "playing · beat 8.0, 96 BPM, 4/4" while the plugin can report it: over its session, or
    // over HTTP for a plugin that has none. Once its session has closed, its DAW may have
    // stopped unheard, so the last report is not repeated: "unknown".
    static QString describeTransport(const PluginInfo &info);
    static QString ago(const QDateTime &time, const QDateTime &now);

private:
    const BandSession &m_session;
    QList<PluginInfo> m_rows;
    QTimer m_clock;
    QTimer m_coalesce;   // a burst of registry changes (a thousand transports) is one refresh
};

} // namespace aiband
