#include "SettingsChange.h"

#include "Orchestrator.h"
#include "config/ConfigRules.h"
#include "config/ConfigWriter.h"
#include "platform/Autostart.h"

namespace aiband {

SettingsOutcome applySettings(Orchestrator &orchestrator, const SettingsContext &context, const SettingsChange &change)
{
    using Failed = SettingsOutcome::Failed;
    if (const QList<Error> conflicts = conflictingSettings(change.wanted); !conflicts.isEmpty())
        return {Failed::Applying, conflicts.first(), {}};
    if (const Status live = orchestrator.reconfigure(change.wanted); !live)
        return {Failed::Applying, live.error(), {}};
    if (!change.changedKeys.isEmpty()) {
        if (const Status saved = writeConfigKeys(context.configFile, change.wanted, change.changedKeys); !saved)
            return {Failed::Saving, saved.error(), {}};
    }
    if (change.startOnLogin && *change.startOnLogin != autostart::isEnabled()) {
        const Status done = *change.startOnLogin ? autostart::enable(context.program, context.autostartArguments)
                                                 : autostart::disable();
        if (!done)
            return {Failed::StartOnLogin, done.error(), {}};
    }
    return {Failed::Nothing, {}, orchestrator.restartSettingsDiffering(change.wanted)};
}

} // namespace aiband
