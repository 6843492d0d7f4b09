#pragma once

#include <QString>
#include <QStringList>

namespace aiband {

// Puts the desktop interface in the user's language: the app's own translation (embedded
// from translations/*.ts) and Qt's for its standard dialogs and buttons (qtbase_*.qm from the
// qt6-translations-l10n package). English is the source language: it needs only its plural
// forms ("1 file" for "%n file(s)", translations/ai-band-orchestrator_en.ts), not Qt's.
class LanguageLoader {
public:
    // Language codes the interface is translated into, English first.
    static QStringList available();

    // A language's name in that language ("Deutsch" for "de"), for the chooser in Settings.
    static QString nativeName(const QString &language);

    // The language to use: `choice` when it names an available language (the ui.language
    // setting), otherwise the first of the user's preferred languages (QLocale::uiLanguages(),
    // e.g. "es-ES", "de") that is available, otherwise English.
    static QString pick(const QString &choice, const QStringList &preferredLanguages);

    // Installs the translators for pick(choice, the system's preferred languages) on the
    // running application, replacing those a previous call installed, and returns the
    // language chosen. Call it before creating any window: widgets translate when built.
    static QString install(const QString &choice);
};

} // namespace aiband
