#include "PluginTableModel.h"

#include <QBrush>
#include <QLocale>
#include <QPalette>
#include <QGuiApplication>

#include <cmath>

namespace aiband {
namespace {

bool sameIds(const QList<PluginInfo> &a, const QList<PluginInfo> &b, qsizetype count)
{
    for (qsizetype i = 0; i < count; ++i) {
        if (a[i].pluginId != b[i].pluginId)
            return false;
    }
    return true;
}

} // namespace

PluginTableModel::PluginTableModel(const BandSession &session, QObject *parent)
    : QAbstractTableModel(parent), m_session(session), m_rows(session.plugins())
{
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(100);
    connect(&m_coalesce, &QTimer::timeout, this, &PluginTableModel::refresh);
    connect(&session, &BandSession::pluginsChanged, this, [this] {
        if (!m_coalesce.isActive())
            m_coalesce.start();
    });
    m_clock.setInterval(1000);
    connect(&m_clock, &QTimer::timeout, this, &PluginTableModel::refresh);
    m_clock.start();
}

// Rows are kept in place when plugins only change or join, so a selection survives a
// heartbeat; anything else (a plugin forgotten) re-reads the whole table.
void PluginTableModel::refresh()
{
    QList<PluginInfo> now = m_session.plugins();
    const qsizetype old = m_rows.size();
    if (now.size() >= old && sameIds(m_rows, now, old)) {
        if (old > 0) {
            for (qsizetype i = 0; i < old; ++i)
                m_rows[i] = now[i];
            emit dataChanged(index(0, 0), index(static_cast<int>(old) - 1, ColumnCount - 1));
        }
        if (now.size() > old) {
            beginInsertRows({}, static_cast<int>(old), static_cast<int>(now.size()) - 1);
            m_rows = std::move(now);
            endInsertRows();
        }
        return;
    }
    beginResetModel();
    m_rows = std::move(now);
    endResetModel();
}

int PluginTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int PluginTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString PluginTableModel::pluginIdAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row].pluginId : QString();
}

QString PluginTableModel::ago(const QDateTime &time, const QDateTime &now)
{
    if (!time.isValid())
        return tr("never");
    const qint64 seconds = std::max<qint64>(0, time.secsTo(now));
    if (seconds < 2)
        return tr("just now");
    if (seconds < 120)
        return tr("%1 s ago").arg(seconds);
    if (seconds < 7200)
        return tr("%1 min ago").arg(seconds / 60);
    return tr("%1 h ago").arg(seconds / 3600);
}

QString PluginTableModel::describeTransport(const PluginInfo &info)
{
    if (!info.transport)
        return tr("not reported");
    // awaitingSession: registered over HTTP with no session since, so it reports over HTTP.
    // (Such a plugin is forgotten once silent for the connection timeout.)
    const bool sessionClosed = !info.connected && !info.awaitingSession;
    if (sessionClosed)
        return tr("unknown (disconnected)");
    const TransportState &t = *info.transport;
    // "120 BPM" as DAWs write a whole tempo; a fractional one keeps its decimal ("92.5 BPM").
    const int tempoDecimals = std::floor(t.tempoBpm) == t.tempoBpm ? 0 : 1;
    const QString where = tr("beat %1, %2 BPM, %3")
                              .arg(QLocale().toString(t.beat, 'f', 1), QLocale().toString(t.tempoBpm, 'f', tempoDecimals),
                                   t.timeSignature.name());
    return (t.playing ? tr("playing") : tr("stopped")) + QStringLiteral(" · ") + where;
}

QVariant PluginTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const PluginInfo &info = m_rows[index.row()];
    switch (role) {
    case ConnectedRole: return info.connected;
    case PluginIdRole: return info.pluginId;
    case Qt::ForegroundRole:
        // Plugins known only over HTTP, or whose session ended, are shown greyed out.
        if (!info.connected)
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Id) {
            QStringList lines{info.connected ? tr("WebSocket session open") : tr("No WebSocket session")};
            if (!info.name.isEmpty())
                lines << tr("Name: %1").arg(info.name);
            if (!info.version.isEmpty())
                lines << tr("Version: %1").arg(info.version);
            if (!info.daw.isEmpty())
                lines << tr("DAW: %1").arg(info.daw);
            return lines.join(QLatin1Char('\n'));
        }
        if (index.column() == FirstSeen || index.column() == LastHeartbeat)
            return data(index, RawRole).toDateTime().toLocalTime().toString(Qt::ISODate);
        return {};
    case RawRole:
        switch (index.column()) {
        case Id: return info.pluginId;
        case Address: return info.address;
        case FirstSeen: return info.connectedSince;
        case LastHeartbeat: return info.lastHeartbeat;
        case Transport: return info.transport ? QVariant(info.transport->playing) : QVariant();
        case Files: return static_cast<qulonglong>(info.filesGenerated);
        }
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case Id: return info.pluginId;
        case Address: return info.address;
        case FirstSeen:
            return QLocale().toString(info.connectedSince.toLocalTime(), QLocale::ShortFormat);
        case LastHeartbeat: return ago(info.lastHeartbeat, QDateTime::currentDateTimeUtc());
        case Transport: return describeTransport(info);
        case Files: return static_cast<qulonglong>(info.filesGenerated);
        }
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == Files ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    }
    return {};
}

QVariant PluginTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && section == FirstSeen)
        return tr("When the server first heard from the plugin: its registration over HTTP or its first connection.");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Id: return tr("Plugin");
    case Address: return tr("Address");
    case FirstSeen: return tr("First seen");
    case LastHeartbeat: return tr("Last heartbeat");
    case Transport: return tr("Transport");
    case Files: return tr("Files");
    }
    return {};
}

} // namespace aiband
