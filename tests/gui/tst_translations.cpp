// The interface language: which one LanguageLoader picks, and that the app's strings and Qt's
// own (dialog buttons) then come out translated. ctest runs this with LANG=es_ES.UTF-8 and no
// LANGUAGE/LC_ALL/LC_MESSAGES, so "the system language" is Spanish.
#include "ConfigKeyText.h"
#include "LanguageLoader.h"
#include "PartTitle.h"
#include "StatusSummary.h"
#include "config/ConfigSchema.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QLocale>
#include <QPushButton>
#include <QTest>
#include <QTranslator>

using namespace aiband;

class TestTranslations : public QObject {
    Q_OBJECT


    static QString stoppedHeadline() { return StatusSummary::of(ServerStatus{}).headline; }

    static QString cancelButtonText()
    {
        QDialogButtonBox buttons(QDialogButtonBox::Cancel);
        return buttons.button(QDialogButtonBox::Cancel)->text();
    }

    static QString quitText() { return QCoreApplication::translate("aiband::TrayMenu", "Quit"); }

private slots:
    void cleanup() { LanguageLoader::install(QStringLiteral("en")); }

    void picksTheSettingThenTheSystemThenEnglish_data()
    {
        QTest::addColumn<QString>("choice");
        QTest::addColumn<QStringList>("preferred");
        QTest::addColumn<QString>("expected");
        QTest::newRow("system Spanish") << QString() << QStringList{"es-ES", "en-US"} << "es";
        QTest::newRow("system Austrian German") << QString() << QStringList{"de-AT"} << "de";
        QTest::newRow("underscore form") << QString() << QStringList{"de_CH"} << "de";
        QTest::newRow("first available of several") << QString() << QStringList{"fr-FR", "es-MX", "de"} << "es";
        QTest::newRow("nothing available") << QString() << QStringList{"fr-FR", "ja"} << "en";
        QTest::newRow("C locale") << QString() << QStringList{"C"} << "en";
        QTest::newRow("setting wins") << "de" << QStringList{"es-ES"} << "de";
        QTest::newRow("English setting wins") << "en" << QStringList{"es-ES"} << "en";
        QTest::newRow("unknown setting falls back") << "fr" << QStringList{"es-ES"} << "es";
    }

    void picksTheSettingThenTheSystemThenEnglish()
    {
        QFETCH(QString, choice);
        QFETCH(QStringList, preferred);
        QFETCH(QString, expected);
        QCOMPARE(LanguageLoader::pick(choice, preferred), expected);
    }

    void everyLanguageHasATranslationAndASettingValue()
    {
        const ConfigKey *languageKey = nullptr;
        for (const ConfigKey &key : configKeys()) {
            if (QLatin1String(key.path) == QLatin1String("ui.language"))
                languageKey = &key;
        }
        QVERIFY(languageKey);
        QStringList settingValues;
        for (const char *choice : std::get<StringSetting>(languageKey->kind).choices)
            settingValues.append(QString::fromLatin1(choice));
        QCOMPARE(settingValues, QStringList{QString()} + LanguageLoader::available());
        for (const QString &language : LanguageLoader::available()) {
            if (language != QLatin1String("en"))
                QVERIFY2(QFile::exists(QStringLiteral(":/i18n/ai-band-orchestrator_%1.qm").arg(language)),
                         qPrintable(language));
        }
    }

    void followsTheSystemLanguage()
    {
        QVERIFY2(QLocale::system().uiLanguages().first().startsWith(QLatin1String("es")),
                 "ctest sets LANG=es_ES.UTF-8 for this test");
        QCOMPARE(LanguageLoader::install(QString()), QStringLiteral("es"));
        QCOMPARE(quitText(), QStringLiteral("Salir"));
        QCOMPARE(stoppedHeadline(), QStringLiteral("Servidor detenido"));
        QCOMPARE(cancelButtonText(), QStringLiteral("Cancelar"));
    }

    void settingOverridesTheSystem()
    {
        QCOMPARE(LanguageLoader::install(QStringLiteral("de")), QStringLiteral("de"));
        QCOMPARE(quitText(), QStringLiteral("Beenden"));
        QCOMPARE(stoppedHeadline(), QStringLiteral("Server angehalten"));
        QCOMPARE(cancelButtonText(), QStringLiteral("Abbrechen"));
    }

    // The settings window names and explains every key it shows in the chosen language. The
    // key table's labels and descriptions reach the .ts files only when marked with
    // QT_TRANSLATE_NOOP: this fails for a new key whose texts are not, or not translated.
    void everySettingIsTranslated()
    {
        for (const QString &language : LanguageLoader::available()) {
            if (language == QLatin1String("en"))
                continue;
            QTranslator translator;
            QVERIFY(translator.load(QStringLiteral(":/i18n/ai-band-orchestrator_%1.qm").arg(language)));
            for (const ConfigKey &key : configKeys()) {
                if (key.secret)
                    continue;   // not shown in the window
                QVERIFY2(!translator.translate(ConfigKeyText::kContext, key.label).isEmpty(),
                         qPrintable(QStringLiteral("%1: no %2 label \"%3\" (mark it with QT_TRANSLATE_NOOP in "
                                                   "ConfigSchema.cpp, then update and translate the .ts files)")
                                        .arg(QLatin1String(key.path), language, QString::fromUtf8(key.label))));
                QVERIFY2(!translator.translate(ConfigKeyText::kContext, key.description).isEmpty(),
                         qPrintable(QStringLiteral("%1: no %2 description (mark it with QT_TRANSLATE_NOOP in "
                                                   "ConfigSchema.cpp, then update and translate the .ts files)")
                                        .arg(QLatin1String(key.path), language)));
            }
        }
    }

    void settingsTextFollowsTheLanguage()
    {
        const ConfigKey *stylesDir = nullptr;
        for (const ConfigKey &key : configKeys()) {
            if (QLatin1String(key.path) == QLatin1String("engine.styles_dir"))
                stylesDir = &key;
        }
        QVERIFY(stylesDir);
        LanguageLoader::install(QStringLiteral("de"));
        QCOMPARE(ConfigKeyText::label(*stylesDir), QStringLiteral("Stilordner"));
        QVERIFY2(ConfigKeyText::description(*stylesDir).startsWith(QStringLiteral("Ordner mit deinen eigenen Stildefinitionen")),
                 qPrintable(ConfigKeyText::description(*stylesDir)));
        LanguageLoader::install(QStringLiteral("es"));
        QCOMPARE(ConfigKeyText::label(*stylesDir), QStringLiteral("Carpeta de estilos"));
        LanguageLoader::install(QStringLiteral("en"));
        QCOMPARE(ConfigKeyText::label(*stylesDir), QStringLiteral("Styles dir"));
        QCOMPARE(ConfigKeyText::description(*stylesDir), QString::fromUtf8(stylesDir->description));
    }

    // The Files table and the Try it page both name parts through partTitle().
    void partNamesFollowTheLanguage()
    {
        LanguageLoader::install(QStringLiteral("de"));
        QCOMPARE(partTitle(QStringLiteral("drums")), QStringLiteral("Schlagzeug"));
        QCOMPARE(partTitle(QStringLiteral("full")), QStringLiteral("Ganze Band"));
        LanguageLoader::install(QStringLiteral("es"));
        QCOMPARE(partTitle(QStringLiteral("keys")), QStringLiteral("Teclados"));
        LanguageLoader::install(QStringLiteral("en"));
        QCOMPARE(partTitle(QStringLiteral("bass")), QStringLiteral("Bass"));
        QCOMPARE(partTitle(QStringLiteral("tuba")), QStringLiteral("tuba"));
    }

    void englishRemovesEarlierTranslations()
    {
        LanguageLoader::install(QStringLiteral("de"));
        QCOMPARE(LanguageLoader::install(QStringLiteral("en")), QStringLiteral("en"));
        QCOMPARE(quitText(), QStringLiteral("Quit"));
        QCOMPARE(stoppedHeadline(), QStringLiteral("Server stopped"));
        QCOMPARE(cancelButtonText(), QStringLiteral("Cancel"));
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
