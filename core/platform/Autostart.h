#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace aiband {

// "Start on login" as the XDG Autostart specification defines it: a desktop entry in
// $XDG_CONFIG_HOME/autostart, which GNOME, KDE, Xfce and others run when the user logs in.
namespace autostart {

QString entryPath();   // ~/.config/autostart/ai-band-orchestrator.desktop
bool isEnabled();      // the entry exists

// The entry that runs `program` with `arguments` (quoted as the Desktop Entry spec requires).
QByteArray entryContent(const QString &program, const QStringList &arguments);

Status enable(const QString &program, const QStringList &arguments);
Status disable();      // removing an entry that is not there is not an error

} // namespace autostart
} // namespace aiband
