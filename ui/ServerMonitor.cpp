#include "ServerMonitor.h"

#include "Orchestrator.h"
#include "logging/LogCategories.h"

#include <QHostAddress>
#include <QTcpServer>

namespace aiband {
namespace {
const QString kGenerationWarning = QStringLiteral("generation");
const QString kStorageWarning = QStringLiteral("storage");

// Whether a listen failed because something else has the port: asked of the system again,
// since the core's error is a sentence (in the language of Qt's own messages), not a reason.
bool portTakenByAnotherProgram(const QString &host, int port)
{
    if (port <= 0)
        return false;
    const QHostAddress address = host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0
                                     ? QHostAddress(QHostAddress::LocalHost)
                                     : QHostAddress(host);
    QTcpServer probe;
    if (probe.listen(address, static_cast<quint16>(port)))
        return false;   // free again
    return probe.serverError() == QAbstractSocket::AddressInUseError;
}
} // namespace

ServerMonitor::ServerMonitor(Orchestrator &orchestrator, QObject *parent)
    : QObject(parent), m_orchestrator(orchestrator)
{
    // A thousand plugins connecting must not redraw the tray icon a thousand times.
    m_changed.setSingleShot(true);
    m_changed.setInterval(100);
    connect(&m_changed, &QTimer::timeout, this, &ServerMonitor::changed);

    connect(&orchestrator, &Orchestrator::runningChanged, this, &ServerMonitor::scheduleChanged);
    connect(&orchestrator, &Orchestrator::pluginCountChanged, this, &ServerMonitor::scheduleChanged);
    connect(&orchestrator.session().generation(), &GenerationService::pendingCountChanged, this, &ServerMonitor::scheduleChanged);
    connect(&orchestrator.session(), &BandSession::filesGenerated, this, [this] {
        m_failedGeneration.clear();   // the last generation worked again
        showFailedGeneration();
        scheduleChanged();
    });
    // Disk full or the folder gone: a warning (with a notification) until a write works again.
    auto storageProblem = [this](const QString &problem) {
        setWarning(kStorageWarning, problem.isEmpty() ? QString() : tr("Files cannot be written: %1").arg(problem));
        showFailedGeneration();
    };
    connect(&orchestrator.session(), &BandSession::storageProblemChanged, this, storageProblem);
    storageProblem(orchestrator.session().storageProblem());
    connect(&orchestrator.session().generation(), &GenerationService::failed, this,
            [this](const QString &requestId, const Error &error) {
                m_failedGeneration = error.message;
                showFailedGeneration();
                emit alert(tr("Generation failed"), tr("%1: %2").arg(requestId, error.message));
            });
}

ServerStatus ServerMonitor::status() const
{
    const Orchestrator &o = m_orchestrator;
    ServerStatus status;
    status.running = o.isRunning();
    if (status.running)
        status.url = o.baseUrl();
    status.startError = m_startError;
    status.busyPort = m_busyPort;
    status.warnings = warnings();
    status.pluginsConnected = o.pluginCount();
    status.filesCount = o.session().files().count();
    status.generationsInFlight = m_orchestrator.session().generation().pendingCount();
    return status;
}

Status ServerMonitor::start()
{
    const Status started = m_orchestrator.start();
    m_startError = started ? QString() : started.error().message;
    const Config &config = m_orchestrator.config();
    m_busyPort = !started && started.error().code == QLatin1String("listen_failed")
                         && portTakenByAnotherProgram(config.host, config.port)
                     ? config.port
                     : 0;
    if (!started)
        emit alert(tr("The server could not start"), m_busyPort > 0 ? busyPortText(m_busyPort) : m_startError);
    scheduleChanged();
    return started;
}

void ServerMonitor::stop()
{
    m_orchestrator.stop();
    scheduleChanged();
}

void ServerMonitor::setWarning(const QString &source, const QString &text)
{
    if (m_warnings.value(source) == text)
        return;
    const bool isNew = !text.isEmpty() && !m_warnings.contains(source);
    if (text.isEmpty())
        m_warnings.remove(source);
    else
        m_warnings.insert(source, text);
    // The generation warning is alerted by its own failure message, with the request id.
    if (isNew && source != kGenerationWarning)
        emit alert(tr("Warning"), text);
    scheduleChanged();
}

void ServerMonitor::showFailedGeneration()
{
    // A generation that failed because files cannot be written is the storage warning's story,
    // with the same words: told once, not twice in the tooltip and on the Status tab.
    const bool storageSaysIt = m_failedGeneration == m_orchestrator.session().storageProblem();
    setWarning(kGenerationWarning, m_failedGeneration.isEmpty() || storageSaysIt
                                       ? QString()
                                       : tr("The last generation failed: %1").arg(m_failedGeneration));
}

void ServerMonitor::scheduleChanged()
{
    if (!m_changed.isActive())
        m_changed.start();
}

} // namespace aiband
