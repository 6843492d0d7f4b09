// Exits 0 when the X display has a system tray now (as the app itself asks Qt, in
// DesktopShell), 1 when it has none. tests/desktop/tray_session.sh polls it after starting
// trayer: trayer owns the tray's selection a moment after it starts, and an app started before
// that rightly runs without a tray, which made the test fail on a busy machine.
#include <QApplication>
#include <QSystemTrayIcon>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    return QSystemTrayIcon::isSystemTrayAvailable() ? 0 : 1;
}
