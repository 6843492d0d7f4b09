#pragma once

#include <QCoreApplication>
#include <QString>
#include <QUrl>

#include <functional>

class QWidget;

namespace aiband {

// Opens a folder or a file in the desktop's own application (the file manager, a MIDI player).
// QDesktopServices::openUrl only answers false when nothing took the URL (no file manager, no
// xdg-open), and a click that does nothing looks like a broken button: so when nothing answers,
// the user is told, with the path to open by hand.
class DesktopOpener {
    Q_DECLARE_TR_FUNCTIONS(DesktopOpener)
public:
    using OpenUrl = std::function<bool(const QUrl &)>;

    // The desktop's opener by default; tests pass one that fails.
    explicit DesktopOpener(OpenUrl openUrl = {});

    // False when nothing opened it; then a message box over `parent` says so.
    bool open(const QString &path, QWidget *parent) const;

    static QString notOpenedMessage(const QString &path);

private:
    OpenUrl m_openUrl;
};

} // namespace aiband
