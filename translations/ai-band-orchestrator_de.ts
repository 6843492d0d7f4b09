<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>StatusSummary</name>
    <message>
        <location filename="../ui/StatusSummary.cpp" line="+14"/>
        <source>Server stopped</source>
        <translation>Server angehalten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Listening on %1</source>
        <translation>Empfangsbereit unter %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>1 plugin connected</source>
        <translation>1 Plugin verbunden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 plugins connected</source>
        <translation>%1 Plugins verbunden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 file</source>
        <translation>1 Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 files</source>
        <translation>%1 Dateien</translation>
    </message>
</context>
<context>
    <name>aiband::DesktopShell</name>
    <message>
        <location filename="../ui/DesktopShell.cpp" line="+24"/>
        <source>This desktop has no system tray, so the orchestrator runs in this window. Closing it stops the server.</source>
        <translation>Diese Arbeitsumgebung hat keinen Infobereich (System-Tray), daher läuft der Orchestrator in diesem Fenster. Wenn du es schließt, wird der Server beendet.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Open dashboard</source>
        <translation>Übersicht öffnen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Copy server URL</source>
        <translation>Server-URL kopieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open files folder</source>
        <translation>Dateiordner öffnen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
</context>
<context>
    <name>aiband::MainWindow</name>
    <message>
        <location filename="../ui/MainWindow.cpp" line="+20"/>
        <source>AI Band Orchestrator</source>
        <translation>AI Band Orchestrator</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Files folder: %1</source>
        <translation>Dateiordner: %1</translation>
    </message>
</context>
</TS>
