#include "LanguageLoader.h"

#include "logging/LogCategories.h"

#include <QCoreApplication>
#include <QHash>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace aiband {
namespace {

// Where qt_add_translations (ui/CMakeLists.txt) puts the compiled .ts files in the resources.
constexpr auto kAppTranslations = ":/i18n/ai-band-orchestrator_";
// Lets install() find its own translators again, to replace them.
constexpr auto kTranslatorName = "aiband-language-loader";

QString languageOf(const QString &localeName)
{
    // "es-ES", "es_ES", "de" and "de-AT" all name their language first.
    return localeName.section(QLatin1Char('-'), 0, 0).section(QLatin1Char('_'), 0, 0).toLower();
}

void removePreviousTranslators(QCoreApplication &app)
{
    const auto previous = app.findChildren<QTranslator *>(QLatin1String(kTranslatorName),
                                                          Qt::FindDirectChildrenOnly);
    for (QTranslator *translator : previous) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }
}

bool installTranslator(QCoreApplication &app, const QString &file)
{
    auto *translator = new QTranslator(&app);
    translator->setObjectName(QLatin1String(kTranslatorName));
    if (!translator->load(file) || !QCoreApplication::installTranslator(translator)) {
        delete translator;
        return false;
    }
    return true;
}

} // namespace

QStringList LanguageLoader::available()
{
    return {QStringLiteral("en"), QStringLiteral("es"), QStringLiteral("de")};
}

QString LanguageLoader::nativeName(const QString &language)
{
    static const QHash<QString, QString> names{
        {QStringLiteral("en"), QStringLiteral("English")},
        {QStringLiteral("es"), QStringLiteral("Español")},
        {QStringLiteral("de"), QStringLiteral("Deutsch")},
    };
    return names.value(language, language);
}

QString LanguageLoader::pick(const QString &choice, const QStringList &preferredLanguages)
{
    const QStringList languages = available();
    if (languages.contains(choice))
        return choice;
    for (const QString &preferred : preferredLanguages) {
        const QString language = languageOf(preferred);
        if (languages.contains(language))
            return language;
    }
    return QStringLiteral("en");
}

QString LanguageLoader::install(const QString &choice)
{
    QCoreApplication *app = QCoreApplication::instance();
    Q_ASSERT(app);
    removePreviousTranslators(*app);
    const QString language = pick(choice, QLocale::system().uiLanguages());
    // English is the source language but has plural forms too: "%n file(s)" needs "1 file".
    if (!installTranslator(*app, QLatin1String(kAppTranslations) + language))
        qCWarning(lcUi).noquote() << "no translation for" << language << "in the application";
    if (language == QLatin1String("en"))
        return language;
    // Qt's own strings (OK, Cancel, file dialogs). Missing files only leave them in English.
    const QString qtDir = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
    if (!installTranslator(*app, qtDir + QStringLiteral("/qtbase_") + language))
        qCInfo(lcUi).noquote() << "Qt's own" << language << "translation not found in" << qtDir
                               << "(package qt6-translations-l10n)";
    return language;
}

} // namespace aiband
