<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>StatusSummary</name>
    <message numerus="yes">
        <location filename="../ui/StatusSummary.cpp" line="+64"/>
        <source>Listening on %1, with %n warning(s)</source>
        <translation>
            <numerusform>Listening on %1, with a warning</numerusform>
            <numerusform>Listening on %1, with %n warnings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n plugin(s) connected</source>
        <translation>
            <numerusform>%n plugin connected</numerusform>
            <numerusform>%n plugins connected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n file</numerusform>
            <numerusform>%n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n generation(s) in progress</source>
        <translation>
            <numerusform>%n generation in progress</numerusform>
            <numerusform>%n generations in progress</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>aiband::DesktopShell</name>
    <message numerus="yes">
        <location filename="../ui/DesktopShell.cpp" line="+35"/>
        <source>%n plugin(s) are connected. Quitting stops the server: they get no new parts until you start the app again.</source>
        <translation>
            <numerusform>%n plugin is connected. Quitting stops the server: it gets no new parts until you start the app again.</numerusform>
            <numerusform>%n plugins are connected. Quitting stops the server: they get no new parts until you start the app again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>%n new file(s)</source>
        <translation>
            <numerusform>A new file</numerusform>
            <numerusform>%n new files</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>aiband::FilesPage</name>
    <message numerus="yes">
        <location filename="../ui/FilesPage.cpp" line="+159"/>
        <source>Plays the %n selected file(s) together.</source>
        <translation>
            <numerusform>Plays the %n selected file together.</numerusform>
            <numerusform>Plays the %n selected files together.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Plays the take of the selected file: the %n part(s) generated with it.</source>
        <translation>
            <numerusform>Plays the take of the selected file: the %n part generated with it.</numerusform>
            <numerusform>Plays the take of the selected file: the %n parts generated with it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+56"/>
        <source>Delete %n files from the files folder? Plugins that use them will not find them any more.</source>
        <translation>
            <numerusform>Delete %n file from the files folder? Plugins that use it will not find it any more.</numerusform>
            <numerusform>Delete %n files from the files folder? Plugins that use them will not find them any more.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+62"/>
        <source>%n files selected</source>
        <translation>
            <numerusform>%n file selected</numerusform>
            <numerusform>%n files selected</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>aiband::TryItPage</name>
    <message numerus="yes">
        <source>&lt;b&gt;%1&lt;/b&gt; · %n notes · %2</source>
        <translation type="vanished">
            <numerusform>&lt;b&gt;%1&lt;/b&gt; · %n note · %2</numerusform>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; · %n notes · %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>aiband::TryItTake</name>
    <message numerus="yes">
        <location filename="../ui/TryItTake.cpp" line="+42"/>
        <source>&lt;b&gt;%1&lt;/b&gt; · %n notes · %2</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; · %n note · %2</numerusform>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; · %n notes · %2</numerusform>
        </translation>
    </message>
</context>
</TS>
