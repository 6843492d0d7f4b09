<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>DesktopOpener</name>
    <message>
        <location filename="../ui/DesktopOpener.cpp" line="+18"/>
        <source>Nothing opened</source>
        <translation>No se abrió nada</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No file manager answered, so the folder could not be shown. Open it yourself:
%1</source>
        <translation>Ningún gestor de archivos respondió, así que no se pudo mostrar la carpeta. Ábrela tú:
%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No application answered, so the file could not be opened. It is here:
%1</source>
        <translation>Ninguna aplicación respondió, así que no se pudo abrir el archivo. Está aquí:
%1</translation>
    </message>
</context>
<context>
    <name>StatusSummary</name>
    <message>
        <location filename="../ui/StatusSummary.cpp" line="+23"/>
        <source>Port %1 is used by another program. Choose another port in Settings.</source>
        <translation>El puerto %1 lo está usando otro programa. Elige otro puerto en Ajustes.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Server stopped</source>
        <translation>Servidor detenido</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plugins cannot connect until it is started.</source>
        <translation>Los plugins no pueden conectarse hasta que lo inicies.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Server not running: it could not start</source>
        <translation>El servidor no está en marcha: no se pudo iniciar</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Listening on %1</source>
        <translation>Escuchando en %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Generating on %1</source>
        <translation>Generando en %1</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Listening on %1, with %n warning(s)</source>
        <translation>
            <numerusform>Escuchando en %1, con un aviso</numerusform>
            <numerusform>Escuchando en %1, con %n avisos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n plugin(s) connected</source>
        <translation>
            <numerusform>%n plugin conectado</numerusform>
            <numerusform>%n plugins conectados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n archivo</numerusform>
            <numerusform>%n archivos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n generation(s) in progress</source>
        <translation>
            <numerusform>%n generación en curso</numerusform>
            <numerusform>%n generaciones en curso</numerusform>
        </translation>
    </message>
    <message>
        <source>Listening on %1, with a warning</source>
        <translation type="vanished">Escuchando en %1, con un aviso</translation>
    </message>
    <message>
        <source>Listening on %1, with %2 warnings</source>
        <translation type="vanished">Escuchando en %1, con %2 avisos</translation>
    </message>
    <message>
        <source>1 plugin connected</source>
        <translation type="vanished">1 plugin conectado</translation>
    </message>
    <message>
        <source>%1 plugins connected</source>
        <translation type="vanished">%1 plugins conectados</translation>
    </message>
    <message>
        <source>1 file</source>
        <translation type="vanished">1 archivo</translation>
    </message>
    <message>
        <source>%1 files</source>
        <translation type="vanished">%1 archivos</translation>
    </message>
    <message>
        <source>1 generation in progress</source>
        <translation type="vanished">1 generación en curso</translation>
    </message>
    <message>
        <source>%1 generations in progress</source>
        <translation type="vanished">%1 generaciones en curso</translation>
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
        <translation>No hay ningún dispositivo de sonido para reproducir. Aún puedes usar Exportar audio… y escuchar el archivo en otro programa.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The sound device %1 cannot play 16-bit stereo at 44.1 kHz. You can still Export audio…</source>
        <translation>El dispositivo de sonido %1 no puede reproducir estéreo de 16 bits a 44,1 kHz. Aún puedes usar Exportar audio…</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The sound device stopped playing (%1). You can still Export audio…</source>
        <translation>El dispositivo de sonido dejó de reproducir (%1). Aún puedes usar Exportar audio…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>it could not be opened</source>
        <translation>no se pudo abrir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>it failed</source>
        <translation>falló</translation>
    </message>
</context>
<context>
    <name>aiband::AuditionBar</name>
    <message>
        <location filename="../ui/AuditionBar.cpp" line="+30"/>
        <source>Export audio</source>
        <translation>Exportar audio</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>WAV audio (*.wav);;Ogg Vorbis audio (*.ogg)</source>
        <translation>Audio WAV (*.wav);;Audio Ogg Vorbis (*.ogg)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Play</source>
        <translation>&amp;Reproducir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;top</source>
        <translation>&amp;Detener</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Loop</source>
        <translation>&amp;Bucle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>E&amp;xport audio…</source>
        <translation>E&amp;xportar audio…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Play the parts together through the General MIDI synthesizer.</source>
        <translation>Reproduce las partes juntas con el sintetizador General MIDI.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop and go back to the start.</source>
        <translation>Detiene y vuelve al principio.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start again from the top at the end of the song.</source>
        <translation>Al final de la canción, vuelve a empezar desde el principio.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the parts as they sound now (mutes and volumes included) as a WAV or Ogg file.</source>
        <translation>Guarda las partes tal como suenan ahora (con silencios y volúmenes) en un archivo WAV u Ogg.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Exported to %1.</source>
        <translation>Exportado a %1.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Mute</source>
        <translation>Silenciar</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Silence %1.</source>
        <translation>Silencia %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Play this part only</source>
        <translation>Solo esta parte</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Volume of %1</source>
        <translation>Volumen de %1</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Preparing the sound…</source>
        <translation>Preparando el sonido…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Exporting %1…</source>
        <translation>Exportando %1…</translation>
    </message>
</context>
<context>
    <name>aiband::AuditionPlayer</name>
    <message>
        <location filename="../ui/AuditionPlayer.cpp" line="+158"/>
        <source>Cannot play: the soundfont %1 chosen in the settings (audio.soundfont) is not there. Choose another .sf2 file, or clear the setting to use the General MIDI soundfont of the fluid-soundfont-gm package.</source>
        <translation>No se puede reproducir: el SoundFont %1 elegido en la configuración (audio.soundfont) no existe. Elige otro archivo .sf2, o deja el ajuste vacío para usar el SoundFont General MIDI del paquete fluid-soundfont-gm.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot play: there is no soundfont. Install the fluid-soundfont-gm package (sudo apt install fluid-soundfont-gm), or choose a .sf2 file in the settings (audio.soundfont).</source>
        <translation>No se puede reproducir: no hay ningún SoundFont. Instala el paquete fluid-soundfont-gm (sudo apt install fluid-soundfont-gm) o elige un archivo .sf2 en la configuración (audio.soundfont).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot play %1: %2</source>
        <translation>No se puede reproducir %1: %2</translation>
    </message>
    <message>
        <location line="+145"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Every part is muted: there is nothing to export.</source>
        <translation>Todas las partes están silenciadas: no hay nada que exportar.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose a file name ending in .wav or .ogg.</source>
        <translation>Elige un nombre de archivo terminado en .wav u .ogg.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Cannot write %1: %2</source>
        <translation>No se puede escribir %1: %2</translation>
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
        <translation>Puerto</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Debug</source>
        <translation>Depuración</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Max connections</source>
        <translation>Máximo de conexiones</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Token file</source>
        <translation>Archivo del token</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Require token</source>
        <translation>Exigir el token</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Allowed origins</source>
        <translation>Orígenes permitidos</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Allowed hosts</source>
        <translation>Hosts permitidos</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Timeout</source>
        <translation>Tiempo límite</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Queue size</source>
        <translation>Tamaño de la cola</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Folder</source>
        <translation>Carpeta</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cleanup hours</source>
        <translation>Conservar (horas)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Max files</source>
        <translation>Máximo de archivos</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Durable writes</source>
        <translation>Escritura segura</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Styles dir</source>
        <translation>Carpeta de estilos</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Default style</source>
        <translation>Estilo predeterminado</translation>
    </message>
    <message>
        <location line="+159"/>
        <source>Max chords</source>
        <translation>Máximo de acordes</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Max bars</source>
        <translation>Máximo de compases</translation>
    </message>
    <message>
        <location line="-146"/>
        <source>Level</source>
        <translation>Nivel</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Max bytes</source>
        <translation>Tamaño máximo (bytes)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Backup count</source>
        <translation>Copias guardadas</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Buffer entries</source>
        <translation>Líneas en memoria</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Heartbeat interval</source>
        <translation>Intervalo de latido</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Connection timeout</source>
        <translation>Tiempo límite de conexión</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Max message bytes</source>
        <translation>Tamaño máximo de mensaje (bytes)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Max messages per second</source>
        <translation>Máximo de mensajes por segundo</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Max body bytes</source>
        <translation>Tamaño máximo del cuerpo (bytes)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Max header bytes</source>
        <translation>Tamaño máximo de cabeceras (bytes)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Max URL length</source>
        <translation>Longitud máxima de URL</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Request timeout</source>
        <translation>Tiempo límite de petición</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Idle timeout</source>
        <translation>Tiempo límite de inactividad</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Shutdown grace</source>
        <translation>Margen de cierre</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>Max JSON depth</source>
        <translation>Profundidad máxima de JSON</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Max JSON array items</source>
        <translation>Máximo de elementos por array JSON</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Generation rate per minute</source>
        <translation>Generaciones por minuto</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Generation burst</source>
        <translation>Generaciones seguidas</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Max generations per client</source>
        <translation>Máximo de generaciones por cliente</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Notify new files</source>
        <translation>Avisar de archivos nuevos</translation>
    </message>
    <message>
        <source>Address to listen on. Loopback only (127.0.0.1, ::1, localhost) until token auth exists.</source>
        <translation type="vanished">Dirección en la que escucha el servidor. Solo loopback (127.0.0.1, ::1, localhost) hasta que exista la autenticación por token.</translation>
    </message>
    <message>
        <location line="-268"/>
        <source>TCP port; 0 picks a free one and prints it.</source>
        <translation>Puerto TCP; 0 elige uno libre y lo muestra.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Log at debug level whatever logging.level says.</source>
        <translation>Registra con nivel debug, diga lo que diga logging.level.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>connections</source>
        <translation>conexiones</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open connections (HTTP and WebSocket) beyond which new ones get 503.</source>
        <translation>Conexiones abiertas (HTTP y WebSocket) a partir de las cuales las nuevas reciben 503.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Access token</source>
        <translation>Token de acceso</translation>
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
        <translation>Segundos que puede tardar una generación antes de responderse con un error.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+180"/>
        <location line="+7"/>
        <source>generations</source>
        <translation>generaciones</translation>
    </message>
    <message>
        <location line="-184"/>
        <source>Generations waiting or running at once; more are answered 503 busy.</source>
        <translation>Generaciones en espera o en curso a la vez; las demás reciben 503 (ocupado).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Folder the MIDI files are written to (plugins watch it).</source>
        <translation>Carpeta donde se escriben los archivos MIDI (los plugins la vigilan).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>h</source>
        <translation>h</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Age in hours after which generated files are removed; 0 keeps them.</source>
        <translation>Antigüedad en horas a partir de la cual se eliminan los archivos generados; 0 los conserva.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+53"/>
        <source>files</source>
        <translation>archivos</translation>
    </message>
    <message>
        <location line="-50"/>
        <source>Most files kept in the folder.</source>
        <translation>Número máximo de archivos que se conservan en la carpeta.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Folder of your own style definitions (*.json), read at start.</source>
        <translation>Carpeta con tus propias definiciones de estilo (*.json); se lee al iniciar.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Style used when a request names none.</source>
        <translation>Estilo que se usa cuando una petición no indica ninguno.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SoundFont</source>
        <translation>SoundFont</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>SoundFont (.sf2) takes are played with when you listen to them; empty uses the General MIDI one of fluid-soundfont-gm.</source>
        <translation>SoundFont (.sf2) con el que suenan las tomas cuando las escuchas; vacío usa el General MIDI de fluid-soundfont-gm.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Put each take on the disk before it appears (survives a power cut); off is faster.</source>
        <translation>Guarda cada toma en el disco antes de que aparezca (sobrevive a un corte de luz); desactivado es más rápido.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>debug, info, warning, error or critical.</source>
        <translation>debug, info, warning, error o critical.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Log file; rotated when it reaches logging.max_bytes.</source>
        <translation>Archivo de registro; se rota al alcanzar logging.max_bytes.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+35"/>
        <location line="+14"/>
        <location line="+7"/>
        <location line="+7"/>
        <source>bytes</source>
        <translation>bytes</translation>
    </message>
    <message>
        <location line="-60"/>
        <source>Size at which the log rotates.</source>
        <translation>Tamaño al que se rota el registro.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Rotated log files kept.</source>
        <translation>Archivos de registro rotados que se conservan.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>lines</source>
        <translation>líneas</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Log lines kept in memory for /api/logs and the Logs tab.</source>
        <translation>Líneas de registro que se guardan en memoria para /api/logs y la pestaña Registro.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Seconds between the heartbeats plugins are asked to send.</source>
        <translation>Segundos entre los latidos (heartbeats) que se pide enviar a los plugins.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Seconds of silence after which a plugin session is considered gone.</source>
        <translation>Segundos de silencio tras los cuales se da por perdida la sesión de un plugin.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Largest WebSocket message accepted.</source>
        <translation>Mensaje WebSocket más grande que se acepta.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>per second</source>
        <translation>por segundo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Messages one plugin session may send per second (bursts up to as many); more get an error.</source>
        <translation>Mensajes por segundo que puede enviar una sesión de plugin (con ráfagas de hasta otros tantos); los que sobran reciben un error.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Largest HTTP request body; larger ones get 413 before they are read.</source>
        <translation>Cuerpo de petición HTTP más grande; los mayores reciben 413 antes de leerse.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Max recording bytes</source>
        <translation>Tamaño máximo de una grabación (bytes)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Largest recording sent to hear its chords (WAV or FLAC); 128 MiB holds ten minutes of CD-quality WAV.</source>
        <translation>Grabación más grande que se puede enviar para reconocer sus acordes (WAV o FLAC); en 128 MiB caben diez minutos de WAV con calidad de CD.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Largest block of HTTP request headers; larger ones get 431.</source>
        <translation>Bloque de cabeceras de petición HTTP más grande; los mayores reciben 431.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>characters</source>
        <translation>caracteres</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Longest request URL (path and query); longer ones get 414.</source>
        <translation>URL de petición más larga (ruta y consulta); las más largas reciben 414.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Seconds from a request&apos;s first byte to its last; a slower client gets 408 and is closed.</source>
        <translation>Segundos desde el primer byte de una petición hasta el último; un cliente más lento recibe 408 y se cierra su conexión.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Seconds an HTTP keep-alive connection may sit idle before it is closed (at least backend.timeout).</source>
        <translation>Segundos que una conexión HTTP keep-alive puede estar inactiva antes de cerrarse (como mínimo backend.timeout).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>levels</source>
        <translation>niveles</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Deepest nesting of JSON objects and arrays in a request or message; deeper gets 422.</source>
        <translation>Anidamiento máximo de objetos y arrays JSON en una petición o mensaje; uno más profundo recibe 422.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>items</source>
        <translation>elementos</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Most items in any JSON array of a request or message; more gets 422.</source>
        <translation>Número máximo de elementos en cualquier array JSON de una petición o mensaje; con más, 422.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>per minute</source>
        <translation>por minuto</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Generations one client (plugin id, else address) may start per minute; more get 429.</source>
        <translation>Generaciones que un cliente (id de plugin o, si no, dirección) puede iniciar por minuto; las demás reciben 429.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Generations a client that has been quiet may start at once before the rate applies.</source>
        <translation>Generaciones que un cliente que ha estado inactivo puede iniciar de golpe antes de que se aplique el ritmo por minuto.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Generations one client may have running at once; more get 429.</source>
        <translation>Generaciones que un cliente puede tener en curso a la vez; las demás reciben 429.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>chords</source>
        <translation>acordes</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Most chords in one request&apos;s progression; more get 422.</source>
        <translation>Número máximo de acordes en la progresión de una petición; con más, 422.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>bars</source>
        <translation>compases</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Longest song one request may ask for, in bars of its meter; longer gets 422.</source>
        <translation>Canción más larga que puede pedir una petición, en compases de su métrica; una más larga recibe 422.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Language of the desktop interface: empty follows the system, or en, es, de.</source>
        <translation>Idioma de la interfaz de escritorio: vacío sigue al sistema; si no, en, es o de.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Show a desktop notification when new files are generated.</source>
        <translation>Muestra una notificación de escritorio cuando se generan archivos nuevos.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Seconds a stop (SIGTERM, Quit) waits for running generations and downloads to finish.</source>
        <translation>Segundos que una parada (SIGTERM, Salir) espera a que terminen las generaciones y descargas en curso.</translation>
    </message>
    <message>
        <location line="-288"/>
        <source>Address to listen on. Anything but loopback (127.0.0.1, ::1, localhost) requires the token.</source>
        <translation>Dirección en la que escucha el servidor. Cualquiera que no sea loopback (127.0.0.1, ::1, localhost) requiere el token.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The access token, instead of the one in server.token_file.</source>
        <translation>El token de acceso, en lugar del que hay en server.token_file.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>File holding the access token (mode 0600); made with a new random token when missing.</source>
        <translation>Archivo con el token de acceso (modo 0600); si no existe, se crea con un token aleatorio nuevo.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Require the token on loopback too; always on for any other host.</source>
        <translation>Exige el token también en loopback; siempre activo para cualquier otro host.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Web pages (origins) besides the server&apos;s own that may call the API from a browser.</source>
        <translation>Páginas web (orígenes), además de la del propio servidor, que pueden llamar a la API desde un navegador.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Names besides loopback and the bind address that clients may reach the server by (Host).</source>
        <translation>Nombres, además de loopback y la dirección de escucha, con los que los clientes pueden llegar al servidor (Host).</translation>
    </message>
</context>
<context>
    <name>aiband::DesktopShell</name>
    <message>
        <source>A new file</source>
        <translation type="vanished">Un archivo nuevo</translation>
    </message>
    <message>
        <source>%1 new files</source>
        <translation type="vanished">%1 archivos nuevos</translation>
    </message>
    <message>
        <location filename="../ui/DesktopShell.cpp" line="+34"/>
        <source>Quit AI Band Orchestrator?</source>
        <translation>¿Salir de AI Band Orchestrator?</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n plugin(s) are connected. Quitting stops the server: they get no new parts until you start the app again.</source>
        <translation>
            <numerusform>Hay %n plugin conectado. Al salir se detiene el servidor: no recibirá partes nuevas hasta que vuelvas a iniciar la aplicación.</numerusform>
            <numerusform>Hay %n plugins conectados. Al salir se detiene el servidor: no recibirán partes nuevas hasta que vuelvas a iniciar la aplicación.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>%n new file(s)</source>
        <translation>
            <numerusform>Un archivo nuevo</numerusform>
            <numerusform>%n archivos nuevos</numerusform>
        </translation>
    </message>
    <message>
        <location line="+16"/>
        <source>This desktop has no system tray, so the orchestrator runs in this window. Closing it stops the server.</source>
        <translation>Este escritorio no tiene bandeja del sistema, así que el orquestador funciona en esta ventana. Si la cierras, el servidor se detiene.</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>AI Band Orchestrator is already running</source>
        <translation>AI Band Orchestrator ya se está ejecutando</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A server without a window (started with --headless) is already running on %1, and your plugins can use it as it is.

To use the window instead, stop that server (systemctl --user stop ai-band-orchestrator, or end process %2) and start AI Band Orchestrator again.</source>
        <translation>Ya hay un servidor sin ventana (iniciado con --headless) funcionando en %1, y tus plugins pueden usarlo tal cual.

Si prefieres usar la ventana, detén ese servidor (systemctl --user stop ai-band-orchestrator, o finaliza el proceso %2) y vuelve a iniciar AI Band Orchestrator.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The access token was not changed</source>
        <translation>No se cambió el token de acceso</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Still running</source>
        <translation>Sigue en marcha</translation>
    </message>
    <message>
        <source>Open dashboard</source>
        <translation type="vanished">Abrir el panel</translation>
    </message>
    <message>
        <source>Copy server URL</source>
        <translation type="vanished">Copiar la URL del servidor</translation>
    </message>
    <message>
        <source>Open files folder</source>
        <translation type="vanished">Abrir la carpeta de archivos</translation>
    </message>
    <message>
        <location line="-147"/>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
</context>
<context>
    <name>aiband::FilesPage</name>
    <message>
        <location filename="../ui/FilesPage.cpp" line="+33"/>
        <source>No files yet. Generate some in the Try it tab, or from a plugin in your DAW.</source>
        <translation>Aún no hay archivos. Genera algunos en la pestaña Pruébalo o desde un plugin en tu DAW.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Delete</source>
        <translation>&amp;Eliminar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Regenerate</source>
        <translation>&amp;Regenerar</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Open &amp;folder</source>
        <translation>Abrir &amp;carpeta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the files folder in your file manager.</source>
        <translation>Muestra la carpeta de archivos en tu gestor de archivos.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the selected files from the files folder.</source>
        <translation>Elimina los archivos seleccionados de la carpeta de archivos.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Generate the selected parts again with a new seed, as new files; the originals stay.</source>
        <translation>Genera de nuevo las partes seleccionadas con otra semilla, como archivos nuevos; los originales se conservan.</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Play</source>
        <translation>Reproducir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export audio…</source>
        <translation>Exportar audio…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Delete…</source>
        <translation>Eliminar…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Select a file to play its take.</source>
        <translation>Selecciona un archivo para reproducir su toma.</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>Plays the %n selected file(s) together.</source>
        <translation>
            <numerusform>Reproduce juntos el %n archivo seleccionado.</numerusform>
            <numerusform>Reproduce juntos los %n archivos seleccionados.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Plays the take of the selected file: the %n part(s) generated with it.</source>
        <translation>
            <numerusform>Reproduce la toma del archivo seleccionado: la %n parte generada con él.</numerusform>
            <numerusform>Reproduce la toma del archivo seleccionado: las %n partes generadas con él.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Plays the selected file.</source>
        <translation>Reproduce el archivo seleccionado.</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Delete %1 from the files folder? Plugins that use it will not find it any more.</source>
        <translation>¿Eliminar %1 de la carpeta de archivos? Los plugins que lo usan ya no lo encontrarán.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Delete %n files from the files folder? Plugins that use them will not find them any more.</source>
        <translation>
            <numerusform>¿Eliminar %n archivo de la carpeta de archivos? Los plugins que lo usan ya no lo encontrarán.</numerusform>
            <numerusform>¿Eliminar %n archivos de la carpeta de archivos? Los plugins que los usan ya no los encontrarán.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+8"/>
        <source>Delete files</source>
        <translation>Eliminar archivos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Some files could not be deleted:
%1</source>
        <translation>No se pudieron eliminar algunos archivos:
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
        <translation>Regenerar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Some files could not be regenerated:
%1</source>
        <translation>Algunos archivos no se pudieron regenerar:
%1</translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>%n files selected</source>
        <translation>
            <numerusform>%n archivo seleccionado</numerusform>
            <numerusform>%n archivos seleccionados</numerusform>
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
Arrástralo a tu DAW o a un gestor de archivos.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Track</source>
        <translation>Pista</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key</source>
        <translation>Tonalidad</translation>
    </message>
    <message>
        <source>Tempo</source>
        <translation type="vanished">Tempo</translation>
    </message>
    <message>
        <source>Bass</source>
        <translation type="vanished">Bajo</translation>
    </message>
    <message>
        <source>Drums</source>
        <translation type="vanished">Batería</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation type="vanished">Teclados</translation>
    </message>
    <message>
        <source>Full band</source>
        <translation type="vanished">Banda completa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chords</source>
        <translation>Acordes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bars</source>
        <translation>Compases</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tempo (BPM)</source>
        <translation>Tempo (BPM)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Style</source>
        <translation>Estilo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plugin</source>
        <translation>Plugin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Age</source>
        <translation>Antigüedad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>just now</source>
        <translation>ahora mismo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 d</source>
        <translation>%1 d</translation>
    </message>
    <message>
        <location line="+121"/>
        <source>Chords read from the notes:
%1</source>
        <translation>Acordes leídos de las notas:
%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chords:
%1</source>
        <translation>Acordes:
%1</translation>
    </message>
</context>
<context>
    <name>aiband::LogTableModel</name>
    <message>
        <location filename="../ui/LogTableModel.cpp" line="+85"/>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level</source>
        <translation>Nivel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
</context>
<context>
    <name>aiband::LogsPage</name>
    <message>
        <location filename="../ui/LogsPage.cpp" line="+41"/>
        <source>Debug and above</source>
        <translation>Depuración y superior</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Info and above</source>
        <translation>Información y superior</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warnings and errors</source>
        <translation>Avisos y errores</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Errors only</source>
        <translation>Solo errores</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Search messages and categories</source>
        <translation>Buscar en mensajes y categorías</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the selected lines, or all shown lines when none is selected</source>
        <translation>Copia las líneas seleccionadas o, si no hay ninguna, todas las que se muestran</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show:</source>
        <translation>Mostrar:</translation>
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
        <translation>Estado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plugins</source>
        <translation>Plugins</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files</source>
        <translation>Archivos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try it</source>
        <translation>Pruébalo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logs</source>
        <translation>Registro</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Welcome</source>
        <translation>Bienvenida</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>AI Band Orchestrator keeps running in the tray, so plugins stay connected. Choose Quit from the tray menu to stop it.</source>
        <translation>AI Band Orchestrator sigue en marcha en la bandeja del sistema, así los plugins siguen conectados. Para detenerlo, elige Salir en el menú de la bandeja.</translation>
    </message>
    <message>
        <source>Files folder: %1</source>
        <translation type="vanished">Carpeta de archivos: %1</translation>
    </message>
</context>
<context>
    <name>aiband::NoteNames</name>
    <message>
        <location filename="../ui/NoteNames.cpp" line="+128"/>
        <source>letters</source>
        <comment>How musicians of this language name notes, one of three English words: letters (C D E F G A B), german (H is B natural, B is B flat) or solfege (Do Re Mi Fa Sol La Si)</comment>
        <translation>solfege</translation>
    </message>
</context>
<context>
    <name>aiband::PartTitle</name>
    <message>
        <location filename="../core/music/PartRegistry.cpp" line="+38"/>
        <source>Bass</source>
        <translation>Bajo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drums</source>
        <translation>Batería</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keys</source>
        <translation>Teclados</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Full band</source>
        <translation>Banda completa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Guitar</source>
        <translation>Guitarra</translation>
    </message>
</context>
<context>
    <name>aiband::PianoRollView</name>
    <message>
        <location filename="../ui/PianoRollView.cpp" line="+61"/>
        <source>Kick</source>
        <translation>Bombo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rim</source>
        <translation>Aro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Snare</source>
        <translation>Caja</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clap</source>
        <translation>Palmas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Low floor tom</source>
        <translation>Tom de pie grave</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Floor tom</source>
        <translation>Tom de pie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Low tom</source>
        <translation>Tom grave</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mid tom</source>
        <translation>Tom medio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hi-mid tom</source>
        <translation>Tom medio agudo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>High tom</source>
        <translation>Tom agudo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hi-hat</source>
        <translation>Hi-hat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pedal hat</source>
        <translation>Hi-hat de pedal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open hat</source>
        <translation>Hi-hat abierto</translation>
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
        <translation>Campana del ride</translation>
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
        <translation>Pandereta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cowbell</source>
        <translation>Cencerro</translation>
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
        <translation>Percusión %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Count-in</source>
        <translation>Conteo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Intro</source>
        <translation>Intro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ending</source>
        <translation>Final</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Select a file to see its notes.</source>
        <translation>Selecciona un archivo para ver sus notas.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 no longer exists.</source>
        <translation>%1 ya no existe.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is too large to preview.</source>
        <translation>%1 es demasiado grande para la vista previa.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot open %1: %2</source>
        <translation>No se puede abrir %1: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot read %1: %2</source>
        <translation>No se puede leer %1: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 has no notes.</source>
        <translation>%1 no tiene notas.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1
Drag into your DAW or a file manager.</source>
        <translation>%1
Arrástralo a tu DAW o a un gestor de archivos.</translation>
    </message>
</context>
<context>
    <name>aiband::PluginTableModel</name>
    <message>
        <location filename="../ui/PluginTableModel.cpp" line="+81"/>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>just now</source>
        <translation>ahora mismo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 s ago</source>
        <translation>hace %1 s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 min ago</source>
        <translation>hace %1 min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 h ago</source>
        <translation>hace %1 h</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>not reported</source>
        <translation>sin datos</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>unknown (disconnected)</source>
        <translation>desconocido (desconectado)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>beat %1, %2 BPM, %3</source>
        <translation>tiempo %1, %2 BPM, %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>playing</source>
        <translation>reproduciendo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>stopped</source>
        <translation>detenido</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>WebSocket session open</source>
        <translation>Sesión WebSocket abierta</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No WebSocket session</source>
        <translation>Sin sesión WebSocket</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name: %1</source>
        <translation>Nombre: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Version: %1</source>
        <translation>Versión: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>DAW: %1</source>
        <translation>DAW: %1</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>When the server first heard from the plugin: its registration over HTTP or its first connection.</source>
        <translation>Cuándo supo el servidor del plugin por primera vez: su registro por HTTP o su primera conexión.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Plugin</source>
        <translation>Plugin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First seen</source>
        <translation>Visto por primera vez</translation>
    </message>
    <message>
        <source>Connected since</source>
        <translation type="vanished">Conectado desde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last heartbeat</source>
        <translation>Último latido</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transport</source>
        <translation>Transporte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files</source>
        <translation>Archivos</translation>
    </message>
</context>
<context>
    <name>aiband::PluginsPage</name>
    <message>
        <location filename="../ui/PluginsPage.cpp" line="+21"/>
        <source>Disconnect</source>
        <translation>Desconectar</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Close the selected plugin&apos;s connection. The plugin may reconnect.</source>
        <translation>Cierra la conexión del plugin seleccionado. El plugin puede volver a conectarse.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Plugins connect to the server by themselves; greyed-out rows have no open session.</source>
        <translation>Los plugins se conectan al servidor por sí solos; las filas en gris no tienen una sesión abierta.</translation>
    </message>
</context>
<context>
    <name>aiband::ServerMonitor</name>
    <message>
        <location filename="../ui/ServerMonitor.cpp" line="+48"/>
        <source>Files cannot be written: %1</source>
        <translation>No se pueden escribir archivos: %1</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>The last generation failed: %1</source>
        <translation>La última generación falló: %1</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>Generation failed</source>
        <translation>La generación falló</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>The server could not start</source>
        <translation>No se pudo iniciar el servidor</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Warning</source>
        <translation>Aviso</translation>
    </message>
</context>
<context>
    <name>aiband::SettingsDialog</name>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="+63"/>
        <source>Server</source>
        <translation>Servidor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generation</source>
        <translation>Generación</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files</source>
        <translation>Archivos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Engine</source>
        <translation>Motor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logging</source>
        <translation>Registro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plugin connections</source>
        <translation>Conexiones de plugins</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Desktop</source>
        <translation>Escritorio</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Settings — AI Band Orchestrator</source>
        <translation>Ajustes — AI Band Orchestrator</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Access token</source>
        <translation>Token de acceso</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Set by %1, which wins over this window; change it there.</source>
        <translation>Lo fija %1, que tiene prioridad sobre esta ventana; cámbialo allí.</translation>
    </message>
    <message>
        <location line="-77"/>
        <source>Start when I log in</source>
        <translation>Iniciar al entrar en mi sesión</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adds the application to your desktop&apos;s autostart (%1).</source>
        <translation>Añade la aplicación al inicio automático de tu escritorio (%1).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start on login</source>
        <translation>Inicio automático</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>General</source>
        <translation>General</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Advanced</source>
        <translation>Avanzado</translation>
    </message>
    <message>
        <location line="+73"/>
        <location line="+4"/>
        <source>Show</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hide</source>
        <translation>Ocultar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Regenerate…</source>
        <translation>Regenerar…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plugins and scripts using the old token must be given the new one.</source>
        <translation>Los plugins y scripts que usan el token antiguo necesitarán el nuevo.</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>System language</source>
        <translation>Idioma del sistema</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose a folder</source>
        <translation>Elige una carpeta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a file</source>
        <translation>Elige un archivo</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>None yet: it is read when the server starts</source>
        <translation>Ninguno aún: se lee cuando arranca el servidor</translation>
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
        <translation>Guardado y aplicado ya: %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saved; needs a restart to take effect: %1.</source>
        <translation>Guardado; hace falta reiniciar para que surta efecto: %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saved and applied.</source>
        <translation>Guardado y aplicado.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Some settings are not valid; see the messages under them.</source>
        <translation>Algunos ajustes no son válidos; mira los mensajes que aparecen debajo.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+26"/>
        <source>Not applied: %1</source>
        <translation>No aplicado: %1</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Nothing changed.</source>
        <translation>No ha cambiado nada.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Applied to this run, but not saved: %1</source>
        <translation>Aplicado en esta ejecución, pero no guardado: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Applied and saved, but start on login was not changed: %1</source>
        <translation>Aplicado y guardado, pero el inicio al iniciar sesión no se ha cambiado: %1</translation>
    </message>
    <message>
        <source>Saved. These take effect the next time the application starts: %1</source>
        <translation type="vanished">Guardado. Estos cambios se aplicarán la próxima vez que se inicie la aplicación: %1</translation>
    </message>
</context>
<context>
    <name>aiband::StatusPage</name>
    <message>
        <location filename="../ui/StatusPage.cpp" line="+17"/>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Change port…</source>
        <translation>Cambiar puerto…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Server URL:</source>
        <translation>URL del servidor:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Uptime:</source>
        <translation>Tiempo en marcha:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plugins connected:</source>
        <translation>Plugins conectados:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open connections:</source>
        <translation>Conexiones abiertas:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files in the folder:</source>
        <translation>Archivos en la carpeta:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files folder:</source>
        <translation>Carpeta de archivos:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generations:</source>
        <translation>Generaciones:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generation time:</source>
        <translation>Tiempo de generación:</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>%1 done · %2 failed · %3 in progress</source>
        <translation>%1 hechas · %2 fallidas · %3 en curso</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>last %1 ms · average %2 ms</source>
        <translation>última %1 ms · media %2 ms</translation>
    </message>
</context>
<context>
    <name>aiband::StyleDescription</name>
    <message>
        <location filename="../ui/StyleTitle.cpp" line="+34"/>
        <source>A slow 6/8: kick on 1, snare on 4, eighth-note hats, rolling piano eighths over a root-fifth-octave bass.</source>
        <translation>Un 6/8 lento: bombo en el 1, caja en el 4, charles en corcheas y el piano rodando en corcheas sobre un bajo de tónica, quinta y octava.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A triplet shuffle: swung hats, backbeat, boogie bass line climbing the chord, piano answering on the offbeats.</source>
        <translation>Un shuffle de tresillos: charles con swing, backbeat, una línea de bajo boogie que sube por el acorde y el piano respondiendo a contratiempo.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cross-stick pattern, surdo-like kick on 1 and the &apos;a&apos; of 2, shaker eighths, root-fifth bass, nylon-guitar comping.</source>
        <translation>Patrón de aro, bombo como un surdo en el 1 y en la última semicorchea del 2, shaker en corcheas, bajo de tónica y quinta, acompañamiento de guitarra de nailon.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Train beat on the snare with accents on 2 and 4, boom-chick root-fifth bass, piano on the backbeats.</source>
        <translation>Train beat en la caja con acentos en el 2 y el 4, bajo boom-chick de tónica y quinta, piano en los tiempos débiles.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Four on the floor, open hats on the offbeats, octave bass, offbeat chord stabs.</source>
        <translation>Four on the floor, charles abierto a contratiempo, bajo en octavas, golpes de acorde a contratiempo.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sixteenth-note hats, syncopated kick, ghost notes on the snare, a bass on every kick hit with dead notes and octaves between, clavinet stabs.</source>
        <translation>Charles en semicorcheas, bombo sincopado, notas fantasma en la caja, un bajo en cada golpe de bombo con notas muertas y octavas entre medias, golpes de clavinet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Boom-bap: a heavy kick with a late second hit, cracking snare on 2 and 4, lazily swung sixteenth hats, bass on the kick, sparse electric piano.</source>
        <translation>Boom-bap: un bombo pesado con un segundo golpe tardío, caja restallante en el 2 y el 4, charles en semicorcheas con un swing perezoso, bajo con el bombo y un piano eléctrico escaso.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Brushes and soft ride, a two-feel bass (root and fifth in half notes), spread piano voicings held through the changes.</source>
        <translation>Escobillas y ride suave, un bajo a dos (tónica y quinta en blancas), voicings de piano abiertos sostenidos a través de los cambios.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ride cymbal spang-a-lang, hi-hat on 2 and 4, feathered kick, a walking bass line with approach notes, shell-voiced piano comping.</source>
        <translation>Ride en spang-a-lang, charles en el 2 y el 4, bombo apenas rozado, una línea de walking bass con notas de aproximación, acompañamiento de piano con shell voicings.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sixteenth-note double kick, snare on 2 and 4, ride and china, chugging picked bass on the kick, a held synth pad.</source>
        <translation>Doble bombo en semicorcheas, caja en el 2 y el 4, ride y china, un bajo machacón tocado con púa sobre el bombo y un pad de sintetizador sostenido.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A light backbeat with sixteenth-note hats, bass following the kick, piano pulsing in eighths.</source>
        <translation>Un backbeat ligero con charles en semicorcheas, el bajo siguiendo al bombo y el piano latiendo en corcheas.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rockers beat: kick on 1 and 3, cross-stick on 2 and 4, a melodic bass leaving space, organ skank on every offbeat.</source>
        <translation>Ritmo rockers: bombo en el 1 y el 3, aro en el 2 y el 4, un bajo melódico que deja espacio y el skank del órgano en cada contratiempo.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Straight eighths on the hats, kick on 1 and 3 with pushes, snare on 2 and 4, bass locked to the kick, organ holding the changes.</source>
        <translation>Corcheas rectas en el charles, bombo en el 1 y el 3 con anticipaciones, caja en el 2 y el 4, el bajo pegado al bombo y el órgano sosteniendo los cambios.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cowbell on the beat, son clave, conga tumbao, a bass that pushes toward the next chord, syncopated piano montuno.</source>
        <translation>Cencerro en el pulso, clave de son, tumbao de conga, un bajo que empuja hacia el acorde siguiente y un montuno de piano sincopado.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Surdo kick on every beat with its pick-up, partido-alto rim pattern, sixteenth shaker, bouncing root-fifth bass.</source>
        <translation>Bombo de surdo en cada tiempo con su anacrusa, patrón de partido alto en el aro, shaker en semicorcheas y un bajo saltarín de tónica y quinta.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Oom-pah-pah: bass and kick on 1, cross-stick and chords on 2 and 3.</source>
        <translation>Um-pa-pa: bajo y bombo en el 1, aro y acordes en el 2 y el 3.</translation>
    </message>
</context>
<context>
    <name>aiband::StyleTitle</name>
    <message>
        <location line="-50"/>
        <source>6/8 ballad</source>
        <translation>Balada en 6/8</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Blues shuffle</source>
        <translation>Blues shuffle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bossa nova</source>
        <translation>Bossa nova</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Country train beat</source>
        <translation>Country (train beat)</translation>
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
        <translation>Hip-hop (boom-bap)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Jazz ballad</source>
        <translation>Balada de jazz</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Jazz swing</source>
        <translation>Jazz swing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Metal (double kick)</source>
        <translation>Metal (doble bombo)</translation>
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
        <translation>Vals</translation>
    </message>
</context>
<context>
    <name>aiband::TrayMenu</name>
    <message>
        <location filename="../ui/TrayMenu.cpp" line="+15"/>
        <source>&amp;Server</source>
        <translation>&amp;Servidor</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open dashboard</source>
        <translation>Abrir el panel</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Copy server URL</source>
        <translation>Copiar la URL del servidor</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open files folder</source>
        <translation>Abrir la carpeta de archivos</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Recent files</source>
        <translation>Archivos recientes</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Settings…</source>
        <translation>Ajustes…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Stop server</source>
        <translation>Detener el servidor</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Start server</source>
        <translation>Iniciar el servidor</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>No files yet</source>
        <translation>Aún no hay archivos</translation>
    </message>
</context>
<context>
    <name>aiband::TryItErrorText</name>
    <message>
        <location filename="../ui/TryItErrorText.cpp" line="+52"/>
        <source>Chord %1 (bar %2) cannot be read: “%3”.</source>
        <translation>El acorde %1 (compás %2) no se puede leer: «%3».</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bar %1 is empty; write N.C. for a bar without chords.</source>
        <translation>El compás %1 está vacío; escribe N.C. para un compás sin acordes.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type the chords first, e.g. %1.</source>
        <translation>Escribe primero los acordes, p. ej. %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>% repeats the bar before it, and the first bar has none.</source>
        <translation>% repite el compás anterior, y el primer compás no tiene ninguno.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>At most %1 chords per take.</source>
        <translation>Como máximo %1 acordes por toma.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>At most %1 bars per take.</source>
        <translation>Como máximo %1 compases por toma.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>These chords give the chosen parts nothing to play: every chord is N.C., or too short for a note.</source>
        <translation>Con estos acordes los instrumentos elegidos no tienen nada que tocar: todos son N.C. o demasiado cortos para una nota.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>That many choruses make the song longer than one take may be; choose fewer.</source>
        <translation>Con tantas vueltas la canción es más larga de lo que puede ser una toma; elige menos.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>That many bars make the song longer than one take may be; choose fewer.</source>
        <translation>Con tantos compases la canción es más larga de lo que puede ser una toma; elige menos.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The seed is a whole number from 0 to 4294967295; leave it empty for a random one.</source>
        <translation>La semilla es un número entero de 0 a 4294967295; déjala vacía para una aleatoria.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose at least one part.</source>
        <translation>Elige al menos un instrumento.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The band is busy with other takes; try again in a moment.</source>
        <translation>La banda está ocupada con otras tomas; vuelve a intentarlo en un momento.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Takes were asked for faster than the band allows; try again in a moment.</source>
        <translation>Se han pedido tomas más deprisa de lo que la banda permite; vuelve a intentarlo en un momento.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The files folder is full: free some disk space, then try again.</source>
        <translation>La carpeta de archivos está llena: libera espacio en el disco y vuelve a intentarlo.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The take could not be saved in the files folder.</source>
        <translation>No se pudo guardar la toma en la carpeta de archivos.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The take took too long and was given up.</source>
        <translation>La toma tardó demasiado y se canceló.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The band is stopping and takes no new takes.</source>
        <translation>La banda se está deteniendo y no acepta tomas nuevas.</translation>
    </message>
</context>
<context>
    <name>aiband::TryItPage</name>
    <message>
        <source>Bass</source>
        <translation type="vanished">Bajo</translation>
    </message>
    <message>
        <source>Drums</source>
        <translation type="vanished">Batería</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation type="vanished">Teclados</translation>
    </message>
    <message>
        <location filename="../ui/TryItPage.cpp" line="+91"/>
        <source>&amp;Generate</source>
        <translation>&amp;Generar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New take</source>
        <translation>&amp;Nueva toma</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>C Am F G   or   C | Am | F G | G7</source>
        <translation>Do Lam Fa Sol   o   Do | Lam | Fa Sol | Sol7</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One bar per chord, or bars separated by |; chords sharing a bar split it. % repeats a bar.</source>
        <translation>Un compás por acorde, o compases separados por |; los acordes de un mismo compás se lo reparten. % repite un compás.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source> BPM</source>
        <translation> BPM</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>&amp;Key:</source>
        <translation>T&amp;onalidad:</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>As written</source>
        <translation>Tal como está escrito</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bars</source>
        <translation>Compases</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choruses (times through the chords)</source>
        <translation>Vueltas (veces por todos los acordes)</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>&amp;Chords:</source>
        <translation>&amp;Acordes:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Style:</source>
        <translation>&amp;Estilo:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Tempo:</source>
        <translation>&amp;Tempo:</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>&amp;Meter:</source>
        <translation>&amp;Compás:</translation>
    </message>
    <message>
        <location line="-116"/>
        <source>The style&apos;s</source>
        <translation>El del estilo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Fills at phrase ends</source>
        <translation>Redo&amp;bles al final de cada frase</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Ending bar</source>
        <translation>Compás &amp;final</translation>
    </message>
    <message>
        <location line="+114"/>
        <source>&amp;Length:</source>
        <translation>&amp;Duración:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>From the chords</source>
        <translation>Según los acordes</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 minor</source>
        <translation>%1 menor</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 major</source>
        <translation>%1 mayor</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Feel</source>
        <translation>Sensación</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>S&amp;wing:</source>
        <translation>S&amp;wing:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Swing as the style plays it; untick to set your own (0 straight, 100 a hard shuffle).</source>
        <translation>El swing tal como lo toca el estilo; desmárcalo para elegir el tuyo (0 recto, 100 un shuffle marcado).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Intensity:</source>
        <translation>&amp;Intensidad:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How hard and busy the band plays: velocities, ghost notes, fills.</source>
        <translation>Con cuánta fuerza y densidad toca la banda: velocidades, notas fantasma, redobles.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Com&amp;plexity:</source>
        <translation>Com&amp;plejidad:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How much the parts vary and embellish: passing notes, syncopation, extensions.</source>
        <translation>Cuánto varían y adornan los instrumentos: notas de paso, síncopas, tensiones.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Humanize:</source>
        <translation>&amp;Humanizar:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How far timing and velocity stray from the grid, as players do.</source>
        <translation>Cuánto se apartan de la cuadrícula el tiempo y la velocidad, como hacen los músicos.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Song</source>
        <translation>Canción</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Bars of clicks before the music.</source>
        <translation>Compases de clics antes de la música.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bars of drums alone before the band comes in.</source>
        <translation>Compases de batería sola antes de que entre la banda.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A closing bar on the first chord after the last one.</source>
        <translation>Un compás de cierre sobre el primer acorde después del último.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>C&amp;ount-in (bars):</source>
        <translation>C&amp;uenta previa (compases):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Int&amp;ro (bars):</source>
        <translation>Int&amp;ro (compases):</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>See&amp;d:</source>
        <translation>&amp;Semilla:</translation>
    </message>
    <message>
        <location line="+192"/>
        <source>Plays this take: every part together, or one with &quot;Play this part only&quot;.</source>
        <translation>Reproduce esta toma: todas las partes juntas, o una sola con «Solo esta parte».</translation>
    </message>
    <message>
        <source>Play the take</source>
        <translation type="vanished">Reproducir la toma</translation>
    </message>
    <message>
        <source>Play</source>
        <translation type="vanished">Reproducir</translation>
    </message>
    <message>
        <source>Play the %1 part alone</source>
        <translation type="vanished">Reproducir solo la parte de %1</translation>
    </message>
    <message>
        <source>Plays this take: every part together. Each part&apos;s Play button plays it alone.</source>
        <translation type="vanished">Reproduce esta toma: todas las partes juntas. El botón Reproducir de cada parte la reproduce sola.</translation>
    </message>
    <message>
        <source>Plays the %1 part alone.</source>
        <translation type="vanished">Reproduce solo la parte de %1.</translation>
    </message>
    <message>
        <location line="-234"/>
        <source>Parts:</source>
        <translation>Instrumentos:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Full band (one file)</source>
        <translation>Banda completa (un archivo)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Bass, drums and keys together in one file, besides the parts ticked.</source>
        <translation>Bajo, batería y teclados juntos en un archivo, además de los instrumentos marcados.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>random</source>
        <translation>aleatoria</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The same settings and seed give the same take. Generate keeps the seed, so a changed control is heard on the same take; empty it for a random one.</source>
        <translation>Los mismos ajustes y la misma semilla dan la misma toma. Generar conserva la semilla, así oyes un ajuste cambiado sobre la misma toma; vacíala para una aleatoria.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The same settings with a new seed: another take.</source>
        <translation>Los mismos ajustes con una semilla nueva: otra toma.</translation>
    </message>
    <message>
        <location line="+190"/>
        <source>Drag a part into your DAW or a file manager; the files are also in the Files tab.</source>
        <translation>Arrastra un instrumento a tu DAW o a un gestor de archivos; los archivos también están en la pestaña Archivos.</translation>
    </message>
    <message>
        <source>Choose at least one part.</source>
        <translation type="vanished">Elige al menos un instrumento.</translation>
    </message>
    <message>
        <location line="-87"/>
        <source>Generating…</source>
        <translation>Generando…</translation>
    </message>
    <message>
        <source>Key %1 · %2 bars · seed %3. Drag a part into your DAW or a file manager; the files are also in the Files tab.</source>
        <translation type="vanished">Tonalidad %1 · %2 compases · semilla %3. Arrastra una pista a tu DAW o a un gestor de archivos; los archivos también están en la pestaña Archivos.</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%1&lt;/b&gt; · %n notes · %2</source>
        <translation type="vanished">
            <numerusform>&lt;b&gt;%1&lt;/b&gt; · %n nota · %2</numerusform>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; · %n notas · %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>aiband::TryItTake</name>
    <message>
        <location filename="../ui/TryItTake.cpp" line="+16"/>
        <source>Previous take: the new one could not be made, so this one stays.</source>
        <translation>Toma anterior: la nueva no se pudo hacer, así que esta se queda.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Key %1 · %2 bars · seed %3</source>
        <translation>Tonalidad %1 · %2 compases · semilla %3</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>&lt;b&gt;%1&lt;/b&gt; · %n notes · %2</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; · %n nota · %2</numerusform>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; · %n notas · %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>aiband::WelcomePage</name>
    <message>
        <location filename="../ui/WelcomePage.cpp" line="+37"/>
        <source>Welcome to AI Band Orchestrator</source>
        <translation>Te damos la bienvenida a AI Band Orchestrator</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>What it does</source>
        <translation>Qué hace</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It is your band: give it chords and a style, and it writes bass, drums, keys and guitar parts as MIDI files. The AI Band plugin in your DAW asks for them and plays them along with your song.</source>
        <translation>Es tu banda: dale acordes y un estilo, y escribe partes de bajo, batería, teclados y guitarra como archivos MIDI. El plugin AI Band de tu DAW las pide y las toca junto con tu canción.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Where the files go</source>
        <translation>Dónde se guardan los archivos</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open folder</source>
        <translation>Abrir carpeta</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Connect your DAW</source>
        <translation>Conecta tu DAW</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In the AI Band plugin&apos;s settings, choose the folder above as its files folder: the plugin picks up each new take from there.</source>
        <translation>En los ajustes del plugin AI Band, elige la carpeta de arriba como su carpeta de archivos: el plugin recoge de ahí cada toma nueva.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Try it now</source>
        <translation>Pruébalo ahora</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No plugin yet? Type a few chords and see what the band makes of them.</source>
        <translation>¿Aún no tienes el plugin? Escribe unos acordes y mira qué hace la banda con ellos.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try it</source>
        <translation>Pruébalo</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A plugin that talks to the server uses %1 (Settings → General → Port).</source>
        <translation>Un plugin que se conecta al servidor usa %1 (Ajustes → General → Puerto).</translation>
    </message>
</context>
</TS>
