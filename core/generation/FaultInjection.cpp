#include "FaultInjection.h"

#include "GenerationService.h"
#include "logging/LogCategories.h"

#include <QThread>

namespace aiband {

GenerationService::Renderer faultInjectionRenderer(const QProcessEnvironment &environment)
{
    bool ok = false;
    const int delayMs = environment.value(QStringLiteral("AIBAND_TEST_SLOW_GENERATION_MS")).toInt(&ok);
    if (!ok || delayMs <= 0)
        return {};
    qCWarning(lcGeneration) << "fault injection: every generation is held for" << delayMs << "ms";
    return [delayMs](const Arrangement &arrangement) {
        qCWarning(lcGeneration) << "fault injection: holding a generation for" << delayMs << "ms";
        QThread::msleep(static_cast<unsigned long>(delayMs));
        return renderSong(arrangement);
    };
}

} // namespace aiband
