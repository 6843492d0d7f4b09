<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>StatusSummary</name>
    <message>
        <location filename="../ui/StatusSummary.cpp" line="+14"/>
        <source>Server stopped</source>
        <translation>Servidor detenido</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Listening on %1</source>
        <translation>Escuchando en %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>1 plugin connected</source>
        <translation>1 plugin conectado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 plugins connected</source>
        <translation>%1 plugins conectados</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 file</source>
        <translation>1 archivo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 files</source>
        <translation>%1 archivos</translation>
    </message>
</context>
<context>
    <name>aiband::DesktopShell</name>
    <message>
        <location filename="../ui/DesktopShell.cpp" line="+24"/>
        <source>This desktop has no system tray, so the orchestrator runs in this window. Closing it stops the server.</source>
        <translation>Este escritorio no tiene bandeja del sistema, así que el orquestador funciona en esta ventana. Si la cierras, el servidor se detiene.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Open dashboard</source>
        <translation>Abrir el panel</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Copy server URL</source>
        <translation>Copiar la URL del servidor</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open files folder</source>
        <translation>Abrir la carpeta de archivos</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Quit</source>
        <translation>Salir</translation>
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
        <translation>Carpeta de archivos: %1</translation>
    </message>
</context>
</TS>
