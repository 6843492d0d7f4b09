#pragma once

#include "DesktopOpener.h"

#include <QWidget>

class QLabel;

namespace aiband {

class Orchestrator;

// The first start's page: what the app does, where its files go (the real folder, with a button
// to open it), how to point the DAW plugin at that folder, and a "Try it" button. MainWindow
// shows it as the first tab when isFirstStart(); DesktopShell then marks it seen.
class WelcomePage : public QWidget {
    Q_OBJECT
public:
    explicit WelcomePage(Orchestrator &orchestrator, DesktopOpener opener = DesktopOpener(), QWidget *parent = nullptr);

    // First start: this user has never seen the page (a flag in QSettings, under firstStartKey();
    // tests set or remove it).
    static bool isFirstStart();
    static void markSeen();
    static QString firstStartKey();

    QString filesFolder() const;   // the folder the page names and opens

signals:
    void tryItRequested();

private:
    Orchestrator &m_orchestrator;
    DesktopOpener m_opener;
    QLabel *m_folder;
    QLabel *m_server;
};

} // namespace aiband
