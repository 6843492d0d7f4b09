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
    <name>aiband::AudioSinkOutput</name>
    <message>
        <location filename="../ui/AudioSinkOutput.cpp" line="+36"/>
        <source>No sound device to play on. You can still Export audio… and play the file elsewhere.</source>
        <translation>Kein Audiogerät zum Abspielen vorhanden. Mit „Audio exportieren…“ kannst du die Datei trotzdem speichern und anderswo anhören.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The sound device %1 cannot play 16-bit stereo at 44.1 kHz. You can still Export audio…</source>
        <translation>Das Audiogerät %1 kann kein 16-Bit-Stereo mit 44,1 kHz abspielen. „Audio exportieren…“ funktioniert trotzdem.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The sound device stopped playing (%1). You can still Export audio…</source>
        <translation>Das Audiogerät hat die Wiedergabe beendet (%1). „Audio exportieren…“ funktioniert trotzdem.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>it could not be opened</source>
        <translation>es ließ sich nicht öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>it failed</source>
        <translation>es ist ausgefallen</translation>
    </message>
</context>
<context>
    <name>aiband::AuditionBar</name>
    <message>
        <location filename="../ui/AuditionBar.cpp" line="+30"/>
        <source>Export audio</source>
        <translation>Audio exportieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>WAV audio (*.wav);;Ogg Vorbis audio (*.ogg)</source>
        <translation>WAV-Audio (*.wav);;Ogg-Vorbis-Audio (*.ogg)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Play</source>
        <translation>&amp;Abspielen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;top</source>
        <translation>S&amp;topp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Loop</source>
        <translation>&amp;Schleife</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>E&amp;xport audio…</source>
        <translation>Audio e&amp;xportieren…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Play the parts together through the General MIDI synthesizer.</source>
        <translation>Spielt die Parts zusammen über den General-MIDI-Synthesizer ab.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop and go back to the start.</source>
        <translation>Hält an und springt zum Anfang zurück.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start again from the top at the end of the song.</source>
        <translation>Beginnt am Ende des Songs wieder von vorn.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the parts as they sound now (mutes and volumes included) as a WAV or Ogg file.</source>
        <translation>Speichert die Parts so, wie sie jetzt klingen (mit Stummschaltung und Lautstärke), als WAV- oder Ogg-Datei.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Exported to %1.</source>
        <translation>Exportiert nach %1.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Mute</source>
        <translation>Stumm</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Silence %1.</source>
        <translation>%1 stummschalten.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Play this part only</source>
        <translation>Nur dieser Part</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Volume of %1</source>
        <translation>Lautstärke von %1</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Preparing the sound…</source>
        <translation>Klang wird vorbereitet…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Exporting %1…</source>
        <translation>%1 wird exportiert…</translation>
    </message>
</context>
<context>
    <name>aiband::AuditionPlayer</name>
    <message>
        <location filename="../ui/AuditionPlayer.cpp" line="+158"/>
        <source>Cannot play: the soundfont %1 chosen in the settings (audio.soundfont) is not there. Choose another .sf2 file, or clear the setting to use the General MIDI soundfont of the fluid-soundfont-gm package.</source>
        <translation>Abspielen nicht möglich: Der in den Einstellungen gewählte SoundFont %1 (audio.soundfont) ist nicht vorhanden. Wähle eine andere .sf2-Datei oder leere die Einstellung, um den General-MIDI-SoundFont aus dem Paket fluid-soundfont-gm zu verwenden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot play: there is no soundfont. Install the fluid-soundfont-gm package (sudo apt install fluid-soundfont-gm), or choose a .sf2 file in the settings (audio.soundfont).</source>
        <translation>Abspielen nicht möglich: Es ist kein SoundFont vorhanden. Installiere das Paket fluid-soundfont-gm (sudo apt install fluid-soundfont-gm) oder wähle in den Einstellungen eine .sf2-Datei (audio.soundfont).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot play %1: %2</source>
        <translation>%1 kann nicht abgespielt werden: %2</translation>
    </message>
    <message>
        <location line="+145"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Every part is muted: there is nothing to export.</source>
        <translation>Alle Parts sind stummgeschaltet: Es gibt nichts zu exportieren.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose a file name ending in .wav or .ogg.</source>
        <translation>Wähle einen Dateinamen mit der Endung .wav oder .ogg.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
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
        <location line="+159"/>
        <source>Max chords</source>
        <translation>Max. Akkorde</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Max bars</source>
        <translation>Max. Takte</translation>
    </message>
    <message>
        <location line="-146"/>
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
        <location line="+14"/>
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
        <location line="-268"/>
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
        <location line="+49"/>
        <location line="+7"/>
        <location line="+70"/>
        <source>s</source>
        <translation>s</translation>
    </message>
    <message>
        <location line="-226"/>
        <source>Seconds a generation may take before it is answered with an error.</source>
        <translation>Sekunden, die eine Generierung dauern darf, bevor mit einem Fehler geantwortet wird.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+180"/>
        <location line="+7"/>
        <source>generations</source>
        <translation>Generierungen</translation>
    </message>
    <message>
        <location line="-184"/>
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
        <source>Put each take on the disk before it appears (survives a power cut); off is faster.</source>
        <translation>Schreibt jeden Take fest auf die Platte, bevor er erscheint (übersteht einen Stromausfall); aus ist schneller.</translation>
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
        <location line="+7"/>
        <source>bytes</source>
        <translation>Bytes</translation>
    </message>
    <message>
        <location line="-60"/>
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
        <location line="+2"/>
        <source>Max recording bytes</source>
        <translation>Max. Aufnahme-Größe (Bytes)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Largest recording sent to hear its chords (WAV or FLAC); 128 MiB holds ten minutes of CD-quality WAV.</source>
        <translation>Größte Aufnahme, deren Akkorde erkannt werden sollen (WAV oder FLAC); 128 MiB fassen zehn Minuten WAV in CD-Qualität.</translation>
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
        <location line="-288"/>
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
        <location filename="../ui/DesktopShell.cpp" line="+34"/>
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
        <location line="+20"/>
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
        <location line="-147"/>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
</context>
<context>
    <name>aiband::FilesPage</name>
    <message>
        <location filename="../ui/FilesPage.cpp" line="+33"/>
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
        <location line="+59"/>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export audio…</source>
        <translation>Audio exportieren…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Select a file to play its take.</source>
        <translation>Wähle eine Datei, um ihren Take abzuspielen.</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>Plays the %n selected file(s) together.</source>
        <translation>
            <numerusform>Spielt die %n ausgewählte Datei ab.</numerusform>
            <numerusform>Spielt die %n ausgewählten Dateien zusammen ab.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Plays the take of the selected file: the %n part(s) generated with it.</source>
        <translation>
            <numerusform>Spielt den Take der ausgewählten Datei ab: der %n mit ihr erzeugte Part.</numerusform>
            <numerusform>Spielt den Take der ausgewählten Datei ab: die %n mit ihr erzeugten Parts.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Plays the selected file.</source>
        <translation>Spielt die ausgewählte Datei ab.</translation>
    </message>
    <message>
        <location line="+52"/>
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
        <location line="-124"/>
        <location line="+131"/>
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
        <location line="+19"/>
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
        <location filename="../ui/FilesTableModel.cpp" line="+95"/>
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
        <source>Chords</source>
        <translation>Akkorde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bars</source>
        <translation>Takte</translation>
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
    <message>
        <location line="+121"/>
        <source>Chords read from the notes:
%1</source>
        <translation>Aus den Noten gelesene Akkorde:
%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chords:
%1</source>
        <translation>Akkorde:
%1</translation>
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
    <name>aiband::NoteNames</name>
    <message>
        <location filename="../ui/NoteNames.cpp" line="+128"/>
        <source>letters</source>
        <comment>How musicians of this language name notes, one of three English words: letters (C D E F G A B), german (H is B natural, B is B flat) or solfege (Do Re Mi Fa Sol La Si)</comment>
        <translation>german</translation>
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
        <location filename="../ui/PianoRollView.cpp" line="+61"/>
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
        <location line="+7"/>
        <source>Count-in</source>
        <translation>Vorzähler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Intro</source>
        <translation>Intro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ending</source>
        <translation>Schluss</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Select a file to see its notes.</source>
        <translation>Wähle eine Datei aus, um ihre Noten zu sehen.</translation>
    </message>
    <message>
        <location line="+18"/>
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
        <location line="+6"/>
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
        <location line="+56"/>
        <source>Access token</source>
        <translation>Zugangstoken</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Set by %1, which wins over this window; change it there.</source>
        <translation>Festgelegt durch %1, das Vorrang vor diesem Fenster hat; ändere es dort.</translation>
    </message>
    <message>
        <location line="-77"/>
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
        <location line="+21"/>
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
        <location line="+50"/>
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
    <name>aiband::StyleDescription</name>
    <message>
        <location filename="../ui/StyleTitle.cpp" line="+34"/>
        <source>A slow 6/8: kick on 1, snare on 4, eighth-note hats, rolling piano eighths over a root-fifth-octave bass.</source>
        <translation>Ein langsamer 6/8: Kick auf 1, Snare auf 4, Hi-Hat in Achteln, rollende Klavierachtel über einem Bass aus Grundton, Quinte und Oktave.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A triplet shuffle: swung hats, backbeat, boogie bass line climbing the chord, piano answering on the offbeats.</source>
        <translation>Ein Triolen-Shuffle: geswingte Hi-Hat, Backbeat, eine Boogie-Basslinie, die den Akkord hinaufsteigt, und ein Klavier, das auf den Offbeats antwortet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cross-stick pattern, surdo-like kick on 1 and the &apos;a&apos; of 2, shaker eighths, root-fifth bass, nylon-guitar comping.</source>
        <translation>Cross-Stick-Muster, eine Kick wie eine Surdo auf 1 und der letzten Sechzehntel von 2, Shaker in Achteln, Bass auf Grundton und Quinte, Begleitung auf der Nylongitarre.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Train beat on the snare with accents on 2 and 4, boom-chick root-fifth bass, piano on the backbeats.</source>
        <translation>Train Beat auf der Snare mit Akzenten auf 2 und 4, Boom-Chick-Bass auf Grundton und Quinte, Klavier auf den Backbeats.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Four on the floor, open hats on the offbeats, octave bass, offbeat chord stabs.</source>
        <translation>Four on the Floor, offene Hi-Hat auf den Offbeats, Oktavbass, kurze Akkordstöße auf den Offbeats.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sixteenth-note hats, syncopated kick, ghost notes on the snare, a bass on every kick hit with dead notes and octaves between, clavinet stabs.</source>
        <translation>Hi-Hat in Sechzehnteln, synkopierte Kick, Ghost Notes auf der Snare, ein Bass auf jedem Kick-Schlag mit Dead Notes und Oktaven dazwischen, Clavinet-Stöße.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Boom-bap: a heavy kick with a late second hit, cracking snare on 2 and 4, lazily swung sixteenth hats, bass on the kick, sparse electric piano.</source>
        <translation>Boom-Bap: eine schwere Kick mit spätem zweitem Schlag, knallende Snare auf 2 und 4, lässig geswingte Sechzehntel auf der Hi-Hat, Bass mit der Kick, sparsames E-Piano.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Brushes and soft ride, a two-feel bass (root and fifth in half notes), spread piano voicings held through the changes.</source>
        <translation>Besen und leises Ride, ein Bass im Two-Feel (Grundton und Quinte in Halben), weite Klaviervoicings, über die Wechsel gehalten.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ride cymbal spang-a-lang, hi-hat on 2 and 4, feathered kick, a walking bass line with approach notes, shell-voiced piano comping.</source>
        <translation>Ride-Becken im Spang-a-lang, Hi-Hat auf 2 und 4, gefederte Kick, eine Walking-Bass-Linie mit Annäherungstönen, Klavierbegleitung mit Shell-Voicings.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sixteenth-note double kick, snare on 2 and 4, ride and china, chugging picked bass on the kick, a held synth pad.</source>
        <translation>Doppelbass in Sechzehnteln, Snare auf 2 und 4, Ride und China, ein stampfender, mit Plektrum gespielter Bass mit der Kick, ein gehaltenes Synth-Pad.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A light backbeat with sixteenth-note hats, bass following the kick, piano pulsing in eighths.</source>
        <translation>Ein leichter Backbeat mit Hi-Hat in Sechzehnteln, der Bass folgt der Kick, das Klavier pulsiert in Achteln.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rockers beat: kick on 1 and 3, cross-stick on 2 and 4, a melodic bass leaving space, organ skank on every offbeat.</source>
        <translation>Rockers-Beat: Kick auf 1 und 3, Cross-Stick auf 2 und 4, ein melodischer Bass, der Raum lässt, Orgel-Skank auf jedem Offbeat.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Straight eighths on the hats, kick on 1 and 3 with pushes, snare on 2 and 4, bass locked to the kick, organ holding the changes.</source>
        <translation>Gerade Achtel auf der Hi-Hat, Kick auf 1 und 3 mit Vorziehern, Snare auf 2 und 4, der Bass fest mit der Kick, die Orgel hält die Wechsel.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cowbell on the beat, son clave, conga tumbao, a bass that pushes toward the next chord, syncopated piano montuno.</source>
        <translation>Cowbell auf dem Schlag, Son-Clave, Conga-Tumbao, ein Bass, der zum nächsten Akkord drängt, synkopierter Klavier-Montuno.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Surdo kick on every beat with its pick-up, partido-alto rim pattern, sixteenth shaker, bouncing root-fifth bass.</source>
        <translation>Surdo-Kick auf jedem Schlag mit Auftakt, Partido-Alto-Muster auf dem Rand, Shaker in Sechzehnteln, federnder Bass auf Grundton und Quinte.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Oom-pah-pah: bass and kick on 1, cross-stick and chords on 2 and 3.</source>
        <translation>Humtata: Bass und Kick auf 1, Cross-Stick und Akkorde auf 2 und 3.</translation>
    </message>
</context>
<context>
    <name>aiband::StyleTitle</name>
    <message>
        <location line="-50"/>
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
        <location filename="../ui/TrayMenu.cpp" line="+15"/>
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
        <location line="+21"/>
        <source>No files yet</source>
        <translation>Noch keine Dateien</translation>
    </message>
</context>
<context>
    <name>aiband::TryItErrorText</name>
    <message>
        <location filename="../ui/TryItErrorText.cpp" line="+52"/>
        <source>Chord %1 (bar %2) cannot be read: “%3”.</source>
        <translation>Akkord %1 (Takt %2) ist nicht lesbar: „%3“.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bar %1 is empty; write N.C. for a bar without chords.</source>
        <translation>Takt %1 ist leer; schreibe N.C. für einen Takt ohne Akkord.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type the chords first, e.g. %1.</source>
        <translation>Gib zuerst die Akkorde ein, z. B. %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>% repeats the bar before it, and the first bar has none.</source>
        <translation>% wiederholt den Takt davor, und vor dem ersten Takt steht keiner.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>At most %1 chords per take.</source>
        <translation>Höchstens %1 Akkorde pro Take.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>At most %1 bars per take.</source>
        <translation>Höchstens %1 Takte pro Take.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>These chords give the chosen parts nothing to play: every chord is N.C., or too short for a note.</source>
        <translation>Diese Akkorde geben den gewählten Stimmen nichts zu spielen: jeder Akkord ist N.C. oder zu kurz für eine Note.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>That many choruses make the song longer than one take may be; choose fewer.</source>
        <translation>So viele Durchläufe machen den Song länger, als ein Take sein darf; wähle weniger.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>That many bars make the song longer than one take may be; choose fewer.</source>
        <translation>So viele Takte machen den Song länger, als ein Take sein darf; wähle weniger.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The seed is a whole number from 0 to 4294967295; leave it empty for a random one.</source>
        <translation>Der Seed ist eine ganze Zahl von 0 bis 4294967295; lass das Feld leer für einen zufälligen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose at least one part.</source>
        <translation>Wähle mindestens ein Instrument.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The band is busy with other takes; try again in a moment.</source>
        <translation>Die Band ist mit anderen Takes beschäftigt; versuch es gleich noch einmal.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Takes were asked for faster than the band allows; try again in a moment.</source>
        <translation>Es wurden schneller Takes angefordert, als die Band erlaubt; versuch es gleich noch einmal.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The files folder is full: free some disk space, then try again.</source>
        <translation>Der Dateiordner ist voll: gib Speicherplatz frei und versuch es dann noch einmal.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The take could not be saved in the files folder.</source>
        <translation>Der Take konnte nicht im Dateiordner gespeichert werden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The take took too long and was given up.</source>
        <translation>Der Take hat zu lange gedauert und wurde abgebrochen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The band is stopping and takes no new takes.</source>
        <translation>Die Band hört gerade auf und nimmt keine neuen Takes an.</translation>
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
        <location filename="../ui/TryItPage.cpp" line="+91"/>
        <source>&amp;Generate</source>
        <translation>&amp;Generieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New take</source>
        <translation>&amp;Neuer Take</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>C Am F G   or   C | Am | F G | G7</source>
        <translation>C Am F G   oder   C | Am | F G | G7</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One bar per chord, or bars separated by |; chords sharing a bar split it. % repeats a bar.</source>
        <translation>Ein Takt pro Akkord oder Takte getrennt durch |; Akkorde im selben Takt teilen ihn sich. % wiederholt einen Takt.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source> BPM</source>
        <translation> BPM</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>&amp;Key:</source>
        <translation>T&amp;onart:</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>As written</source>
        <translation>Wie notiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bars</source>
        <translation>Takte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choruses (times through the chords)</source>
        <translation>Durchläufe (durch alle Akkorde)</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>&amp;Chords:</source>
        <translation>&amp;Akkorde:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Style:</source>
        <translation>&amp;Stil:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Tempo:</source>
        <translation>&amp;Tempo:</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>&amp;Meter:</source>
        <translation>Ta&amp;ktart:</translation>
    </message>
    <message>
        <location line="-116"/>
        <source>The style&apos;s</source>
        <translation>Wie im Stil</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Fills at phrase ends</source>
        <translation>&amp;Fills am Phrasenende</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Ending bar</source>
        <translation>Schl&amp;usstakt</translation>
    </message>
    <message>
        <location line="+114"/>
        <source>&amp;Length:</source>
        <translation>&amp;Länge:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>From the chords</source>
        <translation>Aus den Akkorden</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 minor</source>
        <translation>%1-Moll</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 major</source>
        <translation>%1-Dur</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Feel</source>
        <translation>Spielgefühl</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>S&amp;wing:</source>
        <translation>S&amp;wing:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Swing as the style plays it; untick to set your own (0 straight, 100 a hard shuffle).</source>
        <translation>Swing, wie der Stil ihn spielt; abwählen, um ihn selbst einzustellen (0 gerade, 100 ein harter Shuffle).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Intensity:</source>
        <translation>&amp;Intensität:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How hard and busy the band plays: velocities, ghost notes, fills.</source>
        <translation>Wie kräftig und dicht die Band spielt: Anschlagstärken, Ghost Notes, Fills.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Com&amp;plexity:</source>
        <translation>Kom&amp;plexität:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How much the parts vary and embellish: passing notes, syncopation, extensions.</source>
        <translation>Wie sehr die Stimmen variieren und ausschmücken: Durchgangstöne, Synkopen, Optionstöne.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Humanize:</source>
        <translation>&amp;Humanisieren:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How far timing and velocity stray from the grid, as players do.</source>
        <translation>Wie weit Timing und Anschlag vom Raster abweichen, wie bei echten Musikern.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Song</source>
        <translation>Song</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Bars of clicks before the music.</source>
        <translation>Takte mit Klicks vor der Musik.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bars of drums alone before the band comes in.</source>
        <translation>Takte, in denen nur das Schlagzeug spielt, bevor die Band einsetzt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A closing bar on the first chord after the last one.</source>
        <translation>Ein Schlusstakt auf dem ersten Akkord nach dem letzten.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>C&amp;ount-in (bars):</source>
        <translation>&amp;Einzähler (Takte):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Int&amp;ro (bars):</source>
        <translation>Int&amp;ro (Takte):</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>See&amp;d:</source>
        <translation>See&amp;d:</translation>
    </message>
    <message>
        <location line="+192"/>
        <source>Plays this take: every part together, or one with &quot;Play this part only&quot;.</source>
        <translation>Spielt diesen Take ab: alle Parts zusammen, oder einen allein mit „Nur dieser Part“.</translation>
    </message>
    <message>
        <source>Play the take</source>
        <translation type="vanished">Take abspielen</translation>
    </message>
    <message>
        <source>Play</source>
        <translation type="vanished">Abspielen</translation>
    </message>
    <message>
        <source>Play the %1 part alone</source>
        <translation type="vanished">Den %1-Part allein abspielen</translation>
    </message>
    <message>
        <source>Plays this take: every part together. Each part&apos;s Play button plays it alone.</source>
        <translation type="vanished">Spielt diesen Take ab: alle Parts zusammen. Der Abspielen-Knopf eines Parts spielt ihn allein.</translation>
    </message>
    <message>
        <source>Plays the %1 part alone.</source>
        <translation type="vanished">Spielt den %1-Part allein ab.</translation>
    </message>
    <message>
        <location line="-234"/>
        <source>Parts:</source>
        <translation>Instrumente:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Full band (one file)</source>
        <translation>Ganze Band (eine Datei)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Bass, drums and keys together in one file, besides the parts ticked.</source>
        <translation>Bass, Schlagzeug und Keys zusammen in einer Datei, zusätzlich zu den gewählten Instrumenten.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>random</source>
        <translation>zufällig</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The same settings and seed give the same take. Generate keeps the seed, so a changed control is heard on the same take; empty it for a random one.</source>
        <translation>Gleiche Einstellungen und gleicher Seed ergeben denselben Take. Generieren behält den Seed, so hörst du eine geänderte Einstellung am selben Take; leere das Feld für einen zufälligen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The same settings with a new seed: another take.</source>
        <translation>Dieselben Einstellungen mit neuem Seed: ein anderer Take.</translation>
    </message>
    <message>
        <location line="+190"/>
        <source>Drag a part into your DAW or a file manager; the files are also in the Files tab.</source>
        <translation>Zieh eine Stimme in deine DAW oder einen Dateimanager; die Dateien stehen auch im Tab „Dateien“.</translation>
    </message>
    <message>
        <source>Choose at least one part.</source>
        <translation type="vanished">Wähle mindestens ein Instrument.</translation>
    </message>
    <message>
        <location line="-87"/>
        <source>Generating…</source>
        <translation>Wird generiert…</translation>
    </message>
    <message>
        <source>Key %1 · %2 bars · seed %3. Drag a part into your DAW or a file manager; the files are also in the Files tab.</source>
        <translation type="vanished">Tonart %1 · %2 Takte · Seed %3. Ziehe eine Spur in deine DAW oder einen Dateimanager; die Dateien sind auch im Tab „Dateien“.</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%1&lt;/b&gt; · %n notes · %2</source>
        <translation type="vanished">
            <numerusform>&lt;b&gt;%1&lt;/b&gt; · %n Note · %2</numerusform>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; · %n Noten · %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>aiband::TryItTake</name>
    <message>
        <location filename="../ui/TryItTake.cpp" line="+16"/>
        <source>Previous take: the new one could not be made, so this one stays.</source>
        <translation>Vorheriger Take: Der neue konnte nicht erstellt werden, darum bleibt dieser.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Key %1 · %2 bars · seed %3</source>
        <translation>Tonart %1 · %2 Takte · Seed %3</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
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
        <location line="+8"/>
        <source>What it does</source>
        <translation>Was es macht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It is your band: give it chords and a style, and it writes bass, drums, keys and guitar parts as MIDI files. The AI Band plugin in your DAW asks for them and plays them along with your song.</source>
        <translation>Es ist deine Band: Gib ihr Akkorde und einen Stil, und sie schreibt Bass-, Schlagzeug-, Keyboard- und Gitarrenstimmen als MIDI-Dateien. Das AI-Band-Plugin in deiner DAW fordert sie an und spielt sie zu deinem Song.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Where the files go</source>
        <translation>Wo die Dateien landen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open folder</source>
        <translation>Ordner öffnen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Connect your DAW</source>
        <translation>Verbinde deine DAW</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In the AI Band plugin&apos;s settings, choose the folder above as its files folder: the plugin picks up each new take from there.</source>
        <translation>Wähle in den Einstellungen des AI-Band-Plugins den Ordner oben als Dateiordner: Das Plugin holt jede neue Aufnahme von dort.</translation>
    </message>
    <message>
        <location line="+7"/>
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
