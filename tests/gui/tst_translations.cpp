// The interface language: which one LanguageLoader picks, and that the app's strings and Qt's
// own (dialog buttons) then come out translated. ctest runs this with LANG=es_ES.UTF-8 and no
// LANGUAGE/LC_ALL/LC_MESSAGES, so "the system language" is Spanish.
#include "ConfigKeyText.h"
#include "LanguageLoader.h"
#include "OnScreen.h"
#include "PartTitle.h"
#include "PluginTableModel.h"
#include "PluginsPage.h"
#include "SettingsDialog.h"
#include "StatusSummary.h"
#include "StyleTitle.h"
#include "TestServer.h"
#include "config/ConfigSchema.h"
#include "music/StyleLibrary.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QTest>
#include <QTranslator>

using namespace aiband;
using namespace aiband::test;

namespace {

// The sources of the counted texts (those with %n) a .ts file lists, and whether each one is
// translated there.
QMap<QString, bool> countedTexts(const QString &tsFile)
{
    QFile file(tsFile);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QString ts = QString::fromUtf8(file.readAll());
    static const QRegularExpression message(QStringLiteral(R"(<message numerus="yes">\s*(?:<location[^>]*>\s*)*<source>(.*?)</source>\s*<translation([^>]*)>)"),
                                            QRegularExpression::DotMatchesEverythingOption);
    QMap<QString, bool> texts;
    for (const QRegularExpressionMatch &match : message.globalMatch(ts)) {
        const QString attributes = match.captured(2);
        if (!attributes.contains(QLatin1String("vanished")) && !attributes.contains(QLatin1String("obsolete")))
            texts.insert(match.captured(1), !attributes.contains(QLatin1String("unfinished")));
    }
    return texts;
}

// Whether a line edit shows its whole text, unscrolled: with the cursor at the end, the text
// runs from where the cursor stands at its start exactly the text's width on. Painting is what
// scrolls a line edit, so it is painted (grab()) each time.
bool showsAllOf(QLineEdit *edit)
{
    edit->setCursorPosition(0);
    edit->grab();
    const int start = edit->inputMethodQuery(Qt::ImCursorRectangle).toRect().center().x();
    edit->setCursorPosition(static_cast<int>(edit->text().size()));
    edit->grab();
    const int end = edit->inputMethodQuery(Qt::ImCursorRectangle).toRect().center().x();
    const QString shown = edit->echoMode() == QLineEdit::Normal ? edit->text() : edit->displayText();
    return end - start == QFontMetrics(edit->font()).horizontalAdvance(shown);
}

} // namespace

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

    // Titles of the built-in styles are data (resources/styles/*.json); StyleTitle.cpp lists them
    // for translation. A new style whose title is not listed there fails here.
    void everyBuiltInStyleTitleIsTranslated()
    {
        const StyleLibrary styles = StyleLibrary::load({QString::fromLatin1(StyleLibrary::kBuiltInFolder)});
        QVERIFY(styles.styles().size() >= 16);
        for (const QString &language : {QStringLiteral("es"), QStringLiteral("de")}) {
            QTranslator translator;
            QVERIFY(translator.load(QStringLiteral(":/i18n/ai-band-orchestrator_%1.qm").arg(language)));
            for (const Style &style : styles.styles())
                QVERIFY2(!translator.translate(kStyleTitleContext, style.title.toUtf8().constData()).isEmpty(),
                         qPrintable(QStringLiteral("%1: no %2 title for \"%3\" (list it in ui/StyleTitle.cpp, then update "
                                                   "and translate the .ts files)").arg(style.name, language, style.title)));
        }
    }

    // The settings' default-style list names styles as the Try it tab does, in the language.
    void styleTitlesFollowTheLanguage()
    {
        TestServer server;
        LanguageLoader::install(QStringLiteral("de"));
        QCOMPARE(styleTitle(server.orchestrator->session().styles(), QStringLiteral("waltz")), QStringLiteral("Walzer"));
        SettingsDialog dialog(*server.orchestrator, SettingsContext{});
        auto *style = qobject_cast<QComboBox *>(dialog.editorFor(QStringLiteral("engine.default_style")));
        QVERIFY(style);
        QCOMPARE(style->itemText(style->findData(QStringLiteral("waltz"))), QStringLiteral("Walzer"));
        LanguageLoader::install(QStringLiteral("es"));
        QCOMPARE(styleTitle(server.orchestrator->session().styles(), QStringLiteral("waltz")), QStringLiteral("Vals"));
        // Not a style of the library: its name, as given.
        QCOMPARE(styleTitle(server.orchestrator->session().styles(), QStringLiteral("polka")), QStringLiteral("polka"));
    }

    // Counted texts take each language's plural forms, English's too: "1 file", never "1 files".
    void countsTakePluralForms_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("one");
        QTest::addColumn<QString>("two");
        QTest::addColumn<QString>("oneNote");
        QTest::newRow("en") << "en" << "1 plugin connected · 1 file" << "2 plugins connected · 2 files" << "<b>%1</b> · 1 note · %2";
        QTest::newRow("es") << "es" << "1 plugin conectado · 1 archivo" << "2 plugins conectados · 2 archivos" << "<b>%1</b> · 1 nota · %2";
        QTest::newRow("de") << "de" << "1 Plugin verbunden · 1 Datei" << "2 Plugins verbunden · 2 Dateien" << "<b>%1</b> · 1 Note · %2";
    }

    void countsTakePluralForms()
    {
        QFETCH(QString, language);
        QFETCH(QString, one);
        QFETCH(QString, two);
        QFETCH(QString, oneNote);
        QCOMPARE(LanguageLoader::install(language), language);
        ServerStatus status;
        status.running = true;
        status.pluginsConnected = 1;
        status.filesCount = 1;
        QCOMPARE(StatusSummary::of(status).details, one);
        status.pluginsConnected = 2;
        status.filesCount = 2;
        QCOMPARE(StatusSummary::of(status).details, two);
        QCOMPARE(QCoreApplication::translate("aiband::TryItTake", "<b>%1</b> · %n notes · %2", nullptr, 1), oneNote);
    }

    // The English plural forms (translations/ai-band-orchestrator_en.ts) cover every counted
    // text: the Spanish file lists them all (translations_complete holds it to the sources).
    void englishHasEveryPluralForm()
    {
        const QString folder = QStringLiteral(AIBAND_SOURCE_DIR "/translations/");
        const QMap<QString, bool> spanish = countedTexts(folder + QStringLiteral("ai-band-orchestrator_es.ts"));
        const QMap<QString, bool> english = countedTexts(folder + QStringLiteral("ai-band-orchestrator_en.ts"));
        QVERIFY(spanish.size() >= 5);
        for (auto text = spanish.cbegin(); text != spanish.cend(); ++text)
            QVERIFY2(english.value(text.key()), qPrintable(QStringLiteral("\"%1\" has no English plural forms: run "
                                                                         "update_translations, then write them").arg(text.key())));
    }

    // Seen in Spanish and German: the Plugins tab's Transport column was squeezed into the width
    // the other columns left, cutting "reproduciendo · pulso 8,0, …".
    void pluginColumnsFitInEveryLanguage_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("es") << "es";
        QTest::newRow("de") << "de";
        QTest::newRow("en") << "en";
    }

    void pluginColumnsFitInEveryLanguage()
    {
        QFETCH(QString, language);
        LanguageLoader::install(language);
        TestServer server;
        QVERIFY(server.start());
        PluginsPage page(*server.orchestrator);
        QVERIFY(showAt(page, QSize(640, 300)));
        BandSession &session = server.orchestrator->session();
        session.registerPlugin(QStringLiteral("bass-1"), QStringLiteral("127.0.0.1"));
        session.reportTransport(TransportState{true, 8.0, 96.0, {}}, QStringLiteral("bass-1"));
        QTRY_COMPARE(page.model()->rowCount(), 1);
        QTRY_VERIFY(page.model()->data(page.model()->index(0, PluginTableModel::Transport)).toString().contains(QStringLiteral("96 BPM")));
        QTRY_COMPARE(cutCell(*page.view()), QString());
    }

    // The access token shows whole beside its buttons, however long their words are.
    void tokenFieldShowsTheWholeTokenInEveryLanguage_data() { pluginColumnsFitInEveryLanguage_data(); }

    void tokenFieldShowsTheWholeTokenInEveryLanguage()
    {
        QFETCH(QString, language);
        LanguageLoader::install(language);
        TestServer server;
        SettingsDialog dialog(*server.orchestrator, SettingsContext{});
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.setAccessToken(QStringLiteral("Zm9vYmFyYmF6cXV4MDEyMzQ1Njc4OWFiY2RlZmdoaWo"));   // 43 characters, as made
        auto *token = dialog.findChild<QLineEdit *>(QStringLiteral("token"));
        QVERIFY(token);
        QTRY_VERIFY(showsAllOf(token));   // masked
        token->setEchoMode(QLineEdit::Normal);
        QTRY_VERIFY(showsAllOf(token));   // shown
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
