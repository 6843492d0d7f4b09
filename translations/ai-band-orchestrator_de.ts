<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>DesktopOpener</name>
    <message>
        <location filename="../ui/DesktopOpener.cpp" line="+18"/>
        <source>Nothing opened</source>
        <translation>Nichts geöffnet</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No file manager answered, so the folder could not be shown. Open it yourself:
%1</source>
        <translation>Kein Dateimanager hat geantwortet, daher konnte der Ordner nicht angezeigt werden. Öffne ihn selbst:
%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No application answered, so the file could not be opened. It is here:
%1</source>
        <translation>Keine Anwendung hat geantwortet, daher konnte die Datei nicht geöffnet werden. Sie liegt hier:
%1</translation>
    </message>
</context>
<context>
    <name>StatusSummary</name>
    <message>
        <location filename="../ui/StatusSummary.cpp" line="+23"/>
        <source>Port %1 is used by another program. Choose another port in Settings.</source>
        <translation>Port %1 wird von einem anderen Programm verwendet. Wähle in den Einstellungen einen anderen Port.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Server stopped</source>
        <translation>Server angehalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plugins cannot connect until it is started.</source>
        <translation>Plugins können sich erst verbinden, wenn du ihn startest.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Server not running: it could not start</source>
        <translation>Server läuft nicht: er konnte nicht starten</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Listening on %1</source>
        <translation>Empfangsbereit unter %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Generating on %1</source>
        <translation>Generierung läuft unter %1</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Listening on %1, with %n warning(s)</source>
        <translation>
            <numerusform>Empfangsbereit unter %1, mit einer Warnung</numerusform>
            <numerusform>Empfangsbereit unter %1, mit %n Warnungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n plugin(s) connected</source>
        <translation>
            <numerusform>%n Plugin verbunden</numerusform>
            <numerusform>%n Plugins verbunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n Datei</numerusform>
            <numerusform>%n Dateien</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n generation(s) in progress</source>
        <translation>
            <numerusform>%n Generierung läuft</numerusform>
            <numerusform>%n Generierungen laufen</numerusform>
        </translation>
    </message>
    <message>
        <source>Listening on %1, with a warning</source>
        <translation type="vanished">Empfangsbereit unter %1, mit einer Warnung</translation>
    </message>
    <message>
        <source>Listening on %1, with %2 warnings</source>
        <translation type="vanished">Empfangsbereit unter %1, mit %2 Warnungen</translation>
    </message>
    <message>
        <source>1 plugin connected</source>
        <translation type="vanished">1 Plugin verbunden</translation>
    </message>
    <message>
        <source>%1 plugins connected</source>
        <translation type="vanished">%1 Plugins verbunden</translation>
    </message>
    <message>
        <source>1 file</source>
        <translation type="vanished">1 Datei</translation>
    </message>
    <message>
        <source>%1 files</source>
        <translation type="vanished">%1 Dateien</translation>
    </message>
    <message>
        <source>1 generation in progress</source>
        <translation type="vanished">1 Generierung läuft</translation>
    </message>
    <message>
        <source>%1 generations in progress</source>
        <translation type="vanished">%1 Generierungen laufen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>AI Band Orchestrator</source>
        <translation>AI Band Orchestrator</translation>
    </message>
</context>
<context>
    <name>aiband::ConfigKey</name>
    <message>
        <location filename="../core/config/ConfigSchema.cpp" line="+186"/>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Debug</source>
        <translation>Debug</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Max connections</source>
        <translation>Max. Verbindungen</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Token file</source>
        <translation>Token-Datei</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Require token</source>
        <translation>Token verlangen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Allowed origins</source>
        <translation>Erlaubte Origins</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Allowed hosts</source>
        <translation>Erlaubte Hosts</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Timeout</source>
        <translation>Zeitlimit</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Queue size</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cleanup hours</source>
        <translation>Aufbewahren (Stunden)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Max files</source>
        <translation>Max. Dateien</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Durable writes</source>
        <translation>Sicheres Schreiben</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Styles dir</source>
        <translation>Stilordner</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Default style</source>
        <translation>Standardstil</translation>
    </message>
    <message>
        <location line="+152"/>
        <source>Max chords</source>
        <translation>Max. Akkorde</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Max bars</source>
        <translation>Max. Takte</translation>
    </message>
    <message>
        <location line="-139"/>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Max bytes</source>
        <translation>Max. Größe (Bytes)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Backup count</source>
        <translation>Aufbewahrte Kopien</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Buffer entries</source>
        <translation>Zeilen im Speicher</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Heartbeat interval</source>
        <translation>Heartbeat-Intervall</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Connection timeout</source>
        <translation>Verbindungs-Zeitlimit</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Max message bytes</source>
        <translation>Max. Nachrichtengröße (Bytes)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Max messages per second</source>
        <translation>Max. Nachrichten pro Sekunde</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Max body bytes</source>
        <translation>Max. Body-Größe (Bytes)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Max header bytes</source>
        <translation>Max. Header-Größe (Bytes)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Max URL length</source>
        <translation>Max. URL-Länge</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Request timeout</source>
        <translation>Anfrage-Zeitlimit</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Idle timeout</source>
        <translation>Leerlauf-Zeitlimit</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Shutdown grace</source>
        <translation>Frist beim Beenden</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>Max JSON depth</source>
        <translation>Max. JSON-Tiefe</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Max JSON array items</source>
        <translation>Max. Elemente pro JSON-Array</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Generation rate per minute</source>
        <translation>Generierungen pro Minute</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Generation burst</source>
        <translation>Generierungen auf einmal</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Max generations per client</source>
        <translation>Max. Generierungen pro Client</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Notify new files</source>
        <translation>Neue Dateien melden</translation>
    </message>
    <message>
        <source>Address to listen on. Loopback only (127.0.0.1, ::1, localhost) until token auth exists.</source>
        <translation type="vanished">Adresse, auf der der Server lauscht. Nur Loopback (127.0.0.1, ::1, localhost), bis es Token-Authentifizierung gibt.</translation>
    </message>
    <message>
        <location line="-261"/>
        <source>TCP port; 0 picks a free one and prints it.</source>
        <translation>TCP-Port; 0 wählt einen freien und gibt ihn aus.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Log at debug level whatever logging.level says.</source>
        <translation>Protokolliert auf Debug-Stufe, egal was logging.level sagt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>connections</source>
        <translation>Verbindungen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open connections (HTTP and WebSocket) beyond which new ones get 503.</source>
        <translation>Offene Verbindungen (HTTP und WebSocket), ab denen neue ein 503 erhalten.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Access token</source>
        <translation>Zugangstoken</translation>
    </message>
    <message>
        <location line="+33"/>
        <location line="+96"/>
        <location line="+7"/>
        <location line="+42"/>
        <location line="+7"/>
        <location line="+70"/>
        <source>s</source>
        <translation>s</translation>
    </message>
    <message>
        <location line="-219"/>
        <source>Seconds a generation may take before it is answered with an error.</source>
        <translation>Sekunden, die eine Generierung dauern darf, bevor mit einem Fehler geantwortet wird.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+173"/>
        <location line="+7"/>
        <source>generations</source>
        <translation>Generierungen</translation>
    </message>
    <message>
        <location line="-177"/>
        <source>Generations waiting or running at once; more are answered 503 busy.</source>
        <translation>Gleichzeitig wartende oder laufende Generierungen; weitere erhalten 503 (ausgelastet).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Folder the MIDI files are written to (plugins watch it).</source>
        <translation>Ordner, in den die MIDI-Dateien geschrieben werden (Plugins beobachten ihn).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>h</source>
        <translation>h</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Age in hours after which generated files are removed; 0 keeps them.</source>
        <translation>Alter in Stunden, ab dem generierte Dateien entfernt werden; 0 behält sie.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+53"/>
        <source>files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <location line="-50"/>
        <source>Most files kept in the folder.</source>
        <translation>Höchstzahl der Dateien, die im Ordner bleiben.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Folder of your own style definitions (*.json), read at start.</source>
        <translation>Ordner mit deinen eigenen Stildefinitionen (*.json); wird beim Start gelesen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Style used when a request names none.</source>
        <translation>Stil, der verwendet wird, wenn eine Anfrage keinen nennt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SoundFont</source>
        <translation>SoundFont</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>SoundFont (.sf2) takes are played with when you listen to them; empty uses the General MIDI one of fluid-soundfont-gm.</source>
        <translation>SoundFont (.sf2), mit dem Takes beim Anhören klingen; leer nimmt den General-MIDI-SoundFont aus fluid-soundfont-gm.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sync each file to the disk before it appears (survives a power cut); off is faster.</source>
        <translation>Schreibt jede Datei fest auf die Platte, bevor sie erscheint (übersteht einen Stromausfall); aus ist schneller.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>debug, info, warning, error or critical.</source>
        <translation>debug, info, warning, error oder critical.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Log file; rotated when it reaches logging.max_bytes.</source>
        <translation>Protokolldatei; wird rotiert, wenn sie logging.max_bytes erreicht.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+35"/>
        <location line="+14"/>
        <location line="+7"/>
        <source>bytes</source>
        <translation>Bytes</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>Size at which the log rotates.</source>
        <translation>Größe, ab der das Protokoll rotiert wird.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Rotated log files kept.</source>
        <translation>Anzahl der aufbewahrten rotierten Protokolldateien.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>lines</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Log lines kept in memory for /api/logs and the Logs tab.</source>
        <translation>Protokollzeilen, die für /api/logs und den Tab „Protokoll“ im Speicher bleiben.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Seconds between the heartbeats plugins are asked to send.</source>
        <translation>Sekunden zwischen den Heartbeats, die Plugins senden sollen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Seconds of silence after which a plugin session is considered gone.</source>
        <translation>Sekunden ohne Nachricht, nach denen eine Plugin-Sitzung als beendet gilt.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Largest WebSocket message accepted.</source>
        <translation>Größte WebSocket-Nachricht, die angenommen wird.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>per second</source>
        <translation>pro Sekunde</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Messages one plugin session may send per second (bursts up to as many); more get an error.</source>
        <translation>Nachrichten, die eine Plugin-Sitzung pro Sekunde senden darf (in Spitzen ebenso viele auf einmal); weitere erhalten einen Fehler.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Largest HTTP request body; larger ones get 413 before they are read.</source>
        <translation>Größter HTTP-Anfrageinhalt (Body); größere erhalten 413, bevor sie gelesen werden.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Largest block of HTTP request headers; larger ones get 431.</source>
        <translation>Größter Block von HTTP-Anfrage-Headern; größere erhalten 431.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>characters</source>
        <translation>Zeichen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Longest request URL (path and query); longer ones get 414.</source>
        <translation>Längste Anfrage-URL (Pfad und Query); längere erhalten 414.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Seconds from a request&apos;s first byte to its last; a slower client gets 408 and is closed.</source>
        <translation>Sekunden vom ersten bis zum letzten Byte einer Anfrage; ein langsamerer Client erhält 408 und wird getrennt.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Seconds an HTTP keep-alive connection may sit idle before it is closed (at least backend.timeout).</source>
        <translation>Sekunden, die eine HTTP-Keep-Alive-Verbindung ungenutzt bleiben darf, bevor sie geschlossen wird (mindestens backend.timeout).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>levels</source>
        <translation>Ebenen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Deepest nesting of JSON objects and arrays in a request or message; deeper gets 422.</source>
        <translation>Tiefste Verschachtelung von JSON-Objekten und -Arrays in einer Anfrage oder Nachricht; tiefere erhält 422.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>items</source>
        <translation>Elemente</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Most items in any JSON array of a request or message; more gets 422.</source>
        <translation>Höchstzahl der Elemente in jedem JSON-Array einer Anfrage oder Nachricht; mehr erhält 422.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>per minute</source>
        <translation>pro Minute</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Generations one client (plugin id, else address) may start per minute; more get 429.</source>
        <translation>Generierungen, die ein Client (Plugin-ID, sonst Adresse) pro Minute starten darf; weitere erhalten 429.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Generations a client that has been quiet may start at once before the rate applies.</source>
        <translation>Generierungen, die ein Client nach einer Pause auf einmal starten darf, bevor die Rate greift.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Generations one client may have running at once; more get 429.</source>
        <translation>Generierungen, die ein Client gleichzeitig laufen lassen darf; weitere erhalten 429.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>chords</source>
        <translation>Akkorde</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Most chords in one request&apos;s progression; more get 422.</source>
        <translation>Höchstzahl der Akkorde in der Akkordfolge einer Anfrage; mehr erhalten 422.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>bars</source>
        <translation>Takte</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Longest song one request may ask for, in bars of its meter; longer gets 422.</source>
        <translation>Längster Song, den eine Anfrage verlangen darf, in Takten seiner Taktart; längere erhalten 422.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Language of the desktop interface: empty follows the system, or en, es, de.</source>
        <translation>Sprache der Desktop-Oberfläche: leer folgt dem System, sonst en, es oder de.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Show a desktop notification when new files are generated.</source>
        <translation>Zeigt eine Desktop-Benachrichtigung, wenn neue Dateien generiert werden.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Seconds a stop (SIGTERM, Quit) waits for running generations and downloads to finish.</source>
        <translation>Sekunden, die ein Stopp (SIGTERM, Beenden) auf laufende Generierungen und Downloads wartet.</translation>
    </message>
    <message>
        <location line="-281"/>
        <source>Address to listen on. Anything but loopback (127.0.0.1, ::1, localhost) requires the token.</source>
        <translation>Adresse, auf der der Server lauscht. Alles außer Loopback (127.0.0.1, ::1, localhost) erfordert das Token.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The access token, instead of the one in server.token_file.</source>
        <translation>Das Zugangstoken, anstelle des Tokens aus server.token_file.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>File holding the access token (mode 0600); made with a new random token when missing.</source>
        <translation>Datei mit dem Zugangstoken (Modus 0600); fehlt sie, wird sie mit einem neuen zufälligen Token angelegt.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Require the token on loopback too; always on for any other host.</source>
        <translation>Verlangt das Token auch auf Loopback; für jeden anderen Host immer an.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Web pages (origins) besides the server&apos;s own that may call the API from a browser.</source>
        <translation>Webseiten (Origins) außer der des Servers selbst, die die API aus einem Browser aufrufen dürfen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Names besides loopback and the bind address that clients may reach the server by (Host).</source>
        <translation>Namen außer Loopback und der Bind-Adresse, unter denen Clients den Server erreichen dürfen (Host).</translation>
    </message>
</context>
<context>
    <name>aiband::DesktopShell</name>
    <message>
        <source>A new file</source>
        <translation type="vanished">Eine neue Datei</translation>
    </message>
    <message>
        <source>%1 new files</source>
        <translation type="vanished">%1 neue Dateien</translation>
    </message>
    <message>
        <location filename="../ui/DesktopShell.cpp" line="+33"/>
        <source>Quit AI Band Orchestrator?</source>
        <translation>AI Band Orchestrator beenden?</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n plugin(s) are connected. Quitting stops the server: they get no new parts until you start the app again.</source>
        <translation>
            <numerusform>%n Plugin ist verbunden. Beenden stoppt den Server: Es bekommt keine neuen Stimmen, bis du die App wieder startest.</numerusform>
            <numerusform>%n Plugins sind verbunden. Beenden stoppt den Server: Sie bekommen keine neuen Stimmen, bis du die App wieder startest.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>%n new file(s)</source>
        <translation>
            <numerusform>Eine neue Datei</numerusform>
            <numerusform>%n neue Dateien</numerusform>
        </translation>
    </message>
    <message>
        <location line="+16"/>
        <source>This desktop has no system tray, so the orchestrator runs in this window. Closing it stops the server.</source>
        <translation>Diese Arbeitsumgebung hat keinen Infobereich (System-Tray), daher läuft der Orchestrator in diesem Fenster. Wenn du es schließt, wird der Server beendet.</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>AI Band Orchestrator is already running</source>
        <translation>AI Band Orchestrator läuft bereits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A server without a window (started with --headless) is already running on %1, and your plugins can use it as it is.

To use the window instead, stop that server (systemctl --user stop ai-band-orchestrator, or end process %2) and start AI Band Orchestrator again.</source>
        <translation>Auf %1 läuft bereits ein Server ohne Fenster (mit --headless gestartet); deine Plugins können ihn so verwenden.

Um stattdessen das Fenster zu nutzen, beende diesen Server (systemctl --user stop ai-band-orchestrator oder Prozess %2 beenden) und starte AI Band Orchestrator erneut.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The access token was not changed</source>
        <translation>Das Zugriffstoken wurde nicht geändert</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Still running</source>
        <translation>Läuft weiter</translation>
    </message>
    <message>
        <source>Open dashboard</source>
        <translation type="vanished">Übersicht öffnen</translation>
    </message>
    <message>
        <source>Copy server URL</source>
        <translation type="vanished">Server-URL kopieren</translation>
    </message>
    <message>
        <source>Open files folder</source>
        <translation type="vanished">Dateiordner öffnen</translation>
    </message>
    <message>
        <location line="-146"/>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
</context>
<context>
    <name>aiband::FilesPage</name>
    <message>
        <location filename="../ui/FilesPage.cpp" line="+28"/>
        <source>No files yet. Generate some in the Try it tab, or from a plugin in your DAW.</source>
        <translation>Noch keine Dateien. Generiere welche im Tab „Ausprobieren“ oder mit einem Plugin in deiner DAW.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Regenerate</source>
        <translation>&amp;Neu generieren</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Open &amp;folder</source>
        <translation>&amp;Ordner öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the files folder in your file manager.</source>
        <translation>Zeigt den Dateiordner in deinem Dateimanager.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the selected files from the files folder.</source>
        <translation>Löscht die ausgewählten Dateien aus dem Dateiordner.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Generate the selected parts again with a new seed, as new files; the originals stay.</source>
        <translation>Erzeugt die ausgewählten Parts mit einem neuen Seed noch einmal als neue Dateien; die Originale bleiben.</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>Delete %1 from the files folder? Plugins that use it will not find it any more.</source>
        <translation>%1 aus dem Dateiordner löschen? Plugins, die diese Datei verwenden, finden sie dann nicht mehr.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Delete %n files from the files folder? Plugins that use them will not find them any more.</source>
        <translation>
            <numerusform>%n Datei aus dem Dateiordner löschen? Plugins, die sie verwenden, finden sie dann nicht mehr.</numerusform>
            <numerusform>%n Dateien aus dem Dateiordner löschen? Plugins, die sie verwenden, finden sie dann nicht mehr.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+8"/>
        <source>Delete files</source>
        <translation>Dateien löschen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Some files could not be deleted:
%1</source>
        <translation>Einige Dateien konnten nicht gelöscht werden:
%1</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Regenerate</source>
        <translation>Neu generieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Some files could not be regenerated:
%1</source>
        <translation>Einige Dateien konnten nicht neu generiert werden:
%1</translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>%n files selected</source>
        <translation>
            <numerusform>%n Datei ausgewählt</numerusform>
            <numerusform>%n Dateien ausgewählt</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>aiband::FilesTableModel</name>
    <message>
        <location filename="../ui/FilesTableModel.cpp" line="+83"/>
        <source>%1
Drag into your DAW or a file manager.</source>
        <translation>%1
Ziehe die Datei in deine DAW oder einen Dateimanager.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Track</source>
        <translation>Spur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key</source>
        <translation>Tonart</translation>
    </message>
    <message>
        <source>Tempo</source>
        <translation type="vanished">Tempo</translation>
    </message>
    <message>
        <source>Bass</source>
        <translation type="vanished">Bass</translation>
    </message>
    <message>
        <source>Drums</source>
        <translation type="vanished">Schlagzeug</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation type="vanished">Keys</translation>
    </message>
    <message>
        <source>Full band</source>
        <translation type="vanished">Ganze Band</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tempo (BPM)</source>
        <translation>Tempo (BPM)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Style</source>
        <translation>Stil</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plugin</source>
        <translation>Plugin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Age</source>
        <translation>Alter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 min</source>
        <translation>%1 Min.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 h</source>
        <translation>%1 Std.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 d</source>
        <translation>%1 Tg.</translation>
    </message>
</context>
<context>
    <name>aiband::LogTableModel</name>
    <message>
        <location filename="../ui/LogTableModel.cpp" line="+85"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
</context>
<context>
    <name>aiband::LogsPage</name>
    <message>
        <location filename="../ui/LogsPage.cpp" line="+41"/>
        <source>Debug and above</source>
        <translation>Debug und höher</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Info and above</source>
        <translation>Info und höher</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warnings and errors</source>
        <translation>Warnungen und Fehler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Errors only</source>
        <translation>Nur Fehler</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Search messages and categories</source>
        <translation>Meldungen und Kategorien durchsuchen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the selected lines, or all shown lines when none is selected</source>
        <translation>Kopiert die ausgewählten Zeilen oder, wenn keine ausgewählt ist, alle angezeigten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show:</source>
        <translation>Anzeigen:</translation>
    </message>
</context>
<context>
    <name>aiband::MainWindow</name>
    <message>
        <location filename="../ui/MainWindow.cpp" line="+23"/>
        <source>AI Band Orchestrator</source>
        <translation>AI Band Orchestrator</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plugins</source>
        <translation>Plugins</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try it</source>
        <translation>Ausprobieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logs</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Welcome</source>
        <translation>Willkommen</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>AI Band Orchestrator keeps running in the tray, so plugins stay connected. Choose Quit from the tray menu to stop it.</source>
        <translation>AI Band Orchestrator läuft im Infobereich weiter, damit Plugins verbunden bleiben. Zum Beenden wähle „Beenden“ im Menü des Infobereichs.</translation>
    </message>
    <message>
        <source>Files folder: %1</source>
        <translation type="vanished">Dateiordner: %1</translation>
    </message>
</context>
<context>
    <name>aiband::PartTitle</name>
    <message>
        <location filename="../core/music/PartRegistry.cpp" line="+38"/>
        <source>Bass</source>
        <translation>Bass</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drums</source>
        <translation>Schlagzeug</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keys</source>
        <translation>Keys</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Full band</source>
        <translation>Ganze Band</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Guitar</source>
        <translation>Gitarre</translation>
    </message>
</context>
<context>
    <name>aiband::PianoRollView</name>
    <message>
        <location filename="../ui/PianoRollView.cpp" line="+57"/>
        <source>Kick</source>
        <translation>Bassdrum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rim</source>
        <translation>Rimshot</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Snare</source>
        <translation>Snare</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clap</source>
        <translation>Clap</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Low floor tom</source>
        <translation>Tiefes Standtom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Floor tom</source>
        <translation>Standtom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Low tom</source>
        <translation>Tiefes Tom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mid tom</source>
        <translation>Mittleres Tom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hi-mid tom</source>
        <translation>Hohes Mitteltom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>High tom</source>
        <translation>Hohes Tom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hi-hat</source>
        <translation>Hi-Hat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pedal hat</source>
        <translation>Pedal-Hi-Hat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open hat</source>
        <translation>Offene Hi-Hat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Crash</source>
        <translation>Crash</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ride</source>
        <translation>Ride</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ride bell</source>
        <translation>Ride-Glocke</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>China</source>
        <translation>China</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Splash</source>
        <translation>Splash</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tambourine</source>
        <translation>Tamburin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cowbell</source>
        <translation>Kuhglocke</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Maracas</source>
        <translation>Maracas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Claves</source>
        <translation>Claves</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drum %1</source>
        <translation>Perkussion %1</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Select a file to see its notes.</source>
        <translation>Wähle eine Datei aus, um ihre Noten zu sehen.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 no longer exists.</source>
        <translation>%1 existiert nicht mehr.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is too large to preview.</source>
        <translation>%1 ist zu groß für die Vorschau.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 has no notes.</source>
        <translation>%1 enthält keine Noten.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1
Drag into your DAW or a file manager.</source>
        <translation>%1
Ziehe die Datei in deine DAW oder einen Dateimanager.</translation>
    </message>
</context>
<context>
    <name>aiband::PluginTableModel</name>
    <message>
        <location filename="../ui/PluginTableModel.cpp" line="+81"/>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 s ago</source>
        <translation>vor %1 s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 min ago</source>
        <translation>vor %1 Min.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 h ago</source>
        <translation>vor %1 Std.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>not reported</source>
        <translation>nicht gemeldet</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>unknown (disconnected)</source>
        <translation>unbekannt (getrennt)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>beat %1, %2 BPM, %3</source>
        <translation>Schlag %1, %2 BPM, %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>playing</source>
        <translation>läuft</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>WebSocket session open</source>
        <translation>WebSocket-Sitzung offen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No WebSocket session</source>
        <translation>Keine WebSocket-Sitzung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name: %1</source>
        <translation>Name: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Version: %1</source>
        <translation>Version: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>DAW: %1</source>
        <translation>DAW: %1</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>When the server first heard from the plugin: its registration over HTTP or its first connection.</source>
        <translation>Wann der Server zum ersten Mal vom Plugin gehört hat: seine Registrierung über HTTP oder seine erste Verbindung.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Plugin</source>
        <translation>Plugin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First seen</source>
        <translation>Zuerst gesehen</translation>
    </message>
    <message>
        <source>Connected since</source>
        <translation type="vanished">Verbunden seit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last heartbeat</source>
        <translation>Letzter Heartbeat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transport</source>
        <translation>Transport</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
</context>
<context>
    <name>aiband::PluginsPage</name>
    <message>
        <location filename="../ui/PluginsPage.cpp" line="+21"/>
        <source>Disconnect</source>
        <translation>Trennen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Close the selected plugin&apos;s connection. The plugin may reconnect.</source>
        <translation>Schließt die Verbindung des ausgewählten Plugins. Das Plugin kann sich erneut verbinden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Plugins connect to the server by themselves; greyed-out rows have no open session.</source>
        <translation>Plugins verbinden sich selbst mit dem Server; ausgegraute Zeilen haben keine offene Sitzung.</translation>
    </message>
</context>
<context>
    <name>aiband::ServerMonitor</name>
    <message>
        <location filename="../ui/ServerMonitor.cpp" line="+48"/>
        <source>Files cannot be written: %1</source>
        <translation>Dateien können nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>The last generation failed: %1</source>
        <translation>Die letzte Generierung ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>Generation failed</source>
        <translation>Generierung fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>The server could not start</source>
        <translation>Der Server konnte nicht starten</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
</context>
<context>
    <name>aiband::SettingsDialog</name>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="+63"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generation</source>
        <translation>Generierung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Engine</source>
        <translation>Engine</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logging</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plugin connections</source>
        <translation>Plugin-Verbindungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Desktop</source>
        <translation>Desktop</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Settings — AI Band Orchestrator</source>
        <translation>Einstellungen — AI Band Orchestrator</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Access token</source>
        <translation>Zugangstoken</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>Set by %1, which wins over this window; change it there.</source>
        <translation>Festgelegt durch %1, das Vorrang vor diesem Fenster hat; ändere es dort.</translation>
    </message>
    <message>
        <location line="-76"/>
        <source>Start when I log in</source>
        <translation>Beim Anmelden starten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adds the application to your desktop&apos;s autostart (%1).</source>
        <translation>Fügt die Anwendung dem Autostart deiner Arbeitsumgebung hinzu (%1).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start on login</source>
        <translation>Autostart</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Advanced</source>
        <translation>Erweitert</translation>
    </message>
    <message>
        <location line="+73"/>
        <location line="+4"/>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hide</source>
        <translation>Verbergen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Regenerate…</source>
        <translation>Neu erzeugen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plugins and scripts using the old token must be given the new one.</source>
        <translation>Plugins und Skripte, die das alte Token verwenden, brauchen dann das neue.</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose a folder</source>
        <translation>Ordner wählen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a file</source>
        <translation>Datei wählen</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>None yet: it is read when the server starts</source>
        <translation>Noch keines: es wird beim Serverstart gelesen</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>%1 (%2)</source>
        <comment>a unit, then the size it makes</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Saved and applied now: %1.</source>
        <translation>Gespeichert und sofort übernommen: %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saved; needs a restart to take effect: %1.</source>
        <translation>Gespeichert; wirkt erst nach einem Neustart: %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saved and applied.</source>
        <translation>Gespeichert und übernommen.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Some settings are not valid; see the messages under them.</source>
        <translation>Einige Einstellungen sind ungültig; siehe die Meldungen darunter.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+26"/>
        <source>Not applied: %1</source>
        <translation>Nicht übernommen: %1</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Nothing changed.</source>
        <translation>Nichts geändert.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Applied to this run, but not saved: %1</source>
        <translation>Für diesen Lauf übernommen, aber nicht gespeichert: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Applied and saved, but start on login was not changed: %1</source>
        <translation>Übernommen und gespeichert, aber der Start bei der Anmeldung wurde nicht geändert: %1</translation>
    </message>
    <message>
        <source>Saved. These take effect the next time the application starts: %1</source>
        <translation type="vanished">Gespeichert. Diese Änderungen wirken beim nächsten Start der Anwendung: %1</translation>
    </message>
</context>
<context>
    <name>aiband::StatusPage</name>
    <message>
        <location filename="../ui/StatusPage.cpp" line="+17"/>
        <source>%1 h %2 min</source>
        <translation>%1 Std. %2 Min.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 min %2 s</source>
        <translation>%1 Min. %2 s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Change port…</source>
        <translation>Port ändern…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Server URL:</source>
        <translation>Server-URL:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Uptime:</source>
        <translation>Laufzeit:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plugins connected:</source>
        <translation>Verbundene Plugins:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open connections:</source>
        <translation>Offene Verbindungen:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files in the folder:</source>
        <translation>Dateien im Ordner:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files folder:</source>
        <translation>Dateiordner:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generations:</source>
        <translation>Generierungen:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generation time:</source>
        <translation>Generierungsdauer:</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>%1 done · %2 failed · %3 in progress</source>
        <translation>%1 fertig · %2 fehlgeschlagen · %3 laufend</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>last %1 ms · average %2 ms</source>
        <translation>zuletzt %1 ms · Durchschnitt %2 ms</translation>
    </message>
</context>
<context>
    <name>aiband::StyleTitle</name>
    <message>
        <location filename="../ui/StyleTitle.cpp" line="+14"/>
        <source>6/8 ballad</source>
        <translation>Ballade im 6/8</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Blues shuffle</source>
        <translation>Blues-Shuffle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bossa nova</source>
        <translation>Bossa nova</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Country train beat</source>
        <translation>Country (Train Beat)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disco</source>
        <translation>Disco</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Funk</source>
        <translation>Funk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hip-hop (boom-bap)</source>
        <translation>Hip-Hop (Boom-Bap)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Jazz ballad</source>
        <translation>Jazzballade</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Jazz swing</source>
        <translation>Jazz-Swing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Metal (double kick)</source>
        <translation>Metal (Doppelbass)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pop</source>
        <translation>Pop</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reggae</source>
        <translation>Reggae</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rock</source>
        <translation>Rock</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Salsa</source>
        <translation>Salsa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Samba</source>
        <translation>Samba</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waltz</source>
        <translation>Walzer</translation>
    </message>
</context>
<context>
    <name>aiband::TrayMenu</name>
    <message>
        <location filename="../ui/TrayMenu.cpp" line="+14"/>
        <source>&amp;Server</source>
        <translation>&amp;Server</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open dashboard</source>
        <translation>Übersicht öffnen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Copy server URL</source>
        <translation>Server-URL kopieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open files folder</source>
        <translation>Dateiordner öffnen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Recent files</source>
        <translation>Neueste Dateien</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Settings…</source>
        <translation>Einstellungen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Stop server</source>
        <translation>Server anhalten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Start server</source>
        <translation>Server starten</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>No files yet</source>
        <translation>Noch keine Dateien</translation>
    </message>
</context>
<context>
    <name>aiband::TryItPage</name>
    <message>
        <source>Bass</source>
        <translation type="vanished">Bass</translation>
    </message>
    <message>
        <source>Drums</source>
        <translation type="vanished">Schlagzeug</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation type="vanished">Keys</translation>
    </message>
    <message>
        <location filename="../ui/TryItPage.cpp" line="+49"/>
        <source>&amp;Generate</source>
        <translation>&amp;Generieren</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>C Am F G   or   C | Am | F G | G7</source>
        <translation>C Am F G   oder   C | Am | F G | G7</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One bar per chord, or bars separated by |; chords sharing a bar split it. % repeats a bar.</source>
        <translation>Ein Takt pro Akkord oder Takte getrennt durch |; Akkorde im selben Takt teilen ihn sich. % wiederholt einen Takt.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source> BPM</source>
        <translation> BPM</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>&amp;Chords:</source>
        <translation>&amp;Akkorde:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Style:</source>
        <translation>&amp;Stil:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Tempo:</source>
        <translation>&amp;Tempo:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Meter:</source>
        <translation>Ta&amp;ktart:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parts:</source>
        <translation>Instrumente:</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Choose at least one part.</source>
        <translation>Wähle mindestens ein Instrument.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Generating…</source>
        <translation>Wird generiert…</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Key %1 · %2 bars · seed %3. Drag a part into your DAW or a file manager; the files are also in the Files tab.</source>
        <translation>Tonart %1 · %2 Takte · Seed %3. Ziehe eine Spur in deine DAW oder einen Dateimanager; die Dateien sind auch im Tab „Dateien“.</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>&lt;b&gt;%1&lt;/b&gt; · %n notes · %2</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; · %n Note · %2</numerusform>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; · %n Noten · %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>aiband::WelcomePage</name>
    <message>
        <location filename="../ui/WelcomePage.cpp" line="+37"/>
        <source>Welcome to AI Band Orchestrator</source>
        <translation>Willkommen bei AI Band Orchestrator</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>What it does</source>
        <translation>Was es macht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It is your band: give it chords and a style, and it writes bass, drums, keys and guitar parts as MIDI files. The AI Band plugin in your DAW asks for them and plays them along with your song.</source>
        <translation>Es ist deine Band: Gib ihr Akkorde und einen Stil, und sie schreibt Bass-, Schlagzeug-, Keyboard- und Gitarrenstimmen als MIDI-Dateien. Das AI-Band-Plugin in deiner DAW fordert sie an und spielt sie zu deinem Song.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Where the files go</source>
        <translation>Wo die Dateien landen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open folder</source>
        <translation>Ordner öffnen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Connect your DAW</source>
        <translation>Verbinde deine DAW</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In the AI Band plugin&apos;s settings, choose the folder above as its files folder: the plugin picks up each new take from there.</source>
        <translation>Wähle in den Einstellungen des AI-Band-Plugins den Ordner oben als Dateiordner: Das Plugin holt jede neue Aufnahme von dort.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Try it now</source>
        <translation>Jetzt ausprobieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No plugin yet? Type a few chords and see what the band makes of them.</source>
        <translation>Noch kein Plugin? Tippe ein paar Akkorde ein und sieh, was die Band daraus macht.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try it</source>
        <translation>Ausprobieren</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A plugin that talks to the server uses %1 (Settings → General → Port).</source>
        <translation>Ein Plugin, das mit dem Server spricht, verwendet %1 (Einstellungen → Allgemein → Port).</translation>
    </message>
</context>
</TS>
