#include "StatusPage.h"

#include "Orchestrator.h"
#include "ServerMonitor.h"

#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace aiband {

QString formatDuration(qint64 seconds)
{
    if (seconds >= 3600)
        return StatusPage::tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60, 2, 10, QLatin1Char('0'));
    if (seconds >= 60)
        return StatusPage::tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return StatusPage::tr("%1 s").arg(seconds);
}

StatusPage::StatusPage(ServerMonitor &monitor, QWidget *parent)
    : QWidget(parent), m_monitor(monitor), m_headline(new QLabel), m_details(new QLabel), m_problems(new QLabel),
      m_changePort(new QPushButton(tr("Change port…")))
{
    auto *layout = new QVBoxLayout(this);
    QFont headlineFont = m_headline->font();
    headlineFont.setPointSizeF(headlineFont.pointSizeF() * 1.3);
    headlineFont.setBold(true);
    m_headline->setFont(headlineFont);
    m_headline->setObjectName(QStringLiteral("headline"));
    m_details->setObjectName(QStringLiteral("details"));
    m_problems->setObjectName(QStringLiteral("problems"));
    m_problems->setWordWrap(true);
    m_problems->setStyleSheet(QStringLiteral("color: #b45309;"));
    layout->addWidget(m_headline);
    layout->addWidget(m_details);
    layout->addWidget(m_problems);
    m_changePort->setObjectName(QStringLiteral("changePort"));
    m_changePort->hide();
    connect(m_changePort, &QPushButton::clicked, this, &StatusPage::changePortRequested);
    layout->addWidget(m_changePort, 0, Qt::AlignLeft);

    auto *form = new QFormLayout;
    m_url = addField(form, tr("Server URL:"), QStringLiteral("url"));
    m_uptime = addField(form, tr("Uptime:"), QStringLiteral("uptime"));
    m_plugins = addField(form, tr("Plugins connected:"), QStringLiteral("plugins"));
    m_connections = addField(form, tr("Open connections:"), QStringLiteral("connections"));
    m_files = addField(form, tr("Files in the folder:"), QStringLiteral("files"));
    m_filesDir = addField(form, tr("Files folder:"), QStringLiteral("filesDir"));
    m_generations = addField(form, tr("Generations:"), QStringLiteral("generations"));
    m_durations = addField(form, tr("Generation time:"), QStringLiteral("durations"));
    layout->addLayout(form);
    layout->addStretch();

    connect(&monitor, &ServerMonitor::changed, this, &StatusPage::refresh);
    // Uptime and connection counts change without signals.
    m_clock.setInterval(1000);
    connect(&m_clock, &QTimer::timeout, this, &StatusPage::refresh);
    m_clock.start();
    refresh();
}

QLabel *StatusPage::addField(QFormLayout *form, const QString &label, const QString &name)
{
    auto *value = new QLabel;
    value->setObjectName(name);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(label, value);
    return value;
}

QString StatusPage::fieldText(const QString &name) const
{
    const auto *label = findChild<QLabel *>(name);
    return label ? label->text() : QString();
}

void StatusPage::refresh()
{
    const ServerStatus status = m_monitor.status();
    const StatusSummary summary = StatusSummary::of(status);
    Orchestrator &o = m_monitor.orchestrator();
    const GenerationService &generation = o.session().generation();
    m_headline->setText(summary.headline);
    m_details->setText(summary.details);
    m_problems->setText(summary.problems.join(QLatin1Char('\n')));
    m_problems->setVisible(!summary.problems.isEmpty());
    m_changePort->setVisible(status.busyPort > 0);

    const QString none = QStringLiteral("—");
    m_url->setText(status.running ? status.url.toString() : none);
    m_uptime->setText(status.running ? formatDuration(o.uptimeSeconds()) : none);
    m_plugins->setText(QString::number(status.pluginsConnected));
    m_connections->setText(QString::number(o.openConnections()));
    m_files->setText(QString::number(status.filesCount));
    m_filesDir->setText(o.session().files().directory());
    m_generations->setText(tr("%1 done · %2 failed · %3 in progress")
                               .arg(generation.generatedCount())
                               .arg(generation.failedCount())
                               .arg(generation.pendingCount()));
    const QLocale locale;
    m_durations->setText(generation.generatedCount() == 0
                             ? none
                             : tr("last %1 ms · average %2 ms")
                                   .arg(locale.toString(generation.lastDurationMs(), 'f', 1),
                                        locale.toString(generation.averageDurationMs(), 'f', 1)));
}

} // namespace aiband
