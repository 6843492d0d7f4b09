// The settings window: one editor per key of the table, inline validation, Apply applying the
// change to the running server and saving it, and "start on login".

#include "HttpResult.h"
#include "Orchestrator.h"
#include "server/WebSocketHub.h"
#include "SettingsDialog.h"
#include "TryItPage.h"
#include "config/ConfigSchema.h"
#include "platform/Autostart.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QTabWidget>
#include <QWheelEvent>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace aiband;

class TestSettings : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    Config testConfig() const
    {
        Config config;
        config.port = 0;
        config.filesDir = m_dir.filePath(QStringLiteral("files"));
        config.logFile = m_dir.filePath(QStringLiteral("logs/test.log"));
        return config;
    }

    SettingsContext context(const QString &configFile) const
    {
        SettingsContext c;
        c.configFile = configFile;
        c.program = QStringLiteral("/usr/bin/ai-band-orchestrator");
        return c;
    }

    static QLineEdit *lineEdit(SettingsDialog &dialog, const QString &path)
    {
        QWidget *editor = dialog.editorFor(path);
        if (auto *edit = qobject_cast<QLineEdit *>(editor))
            return edit;
        return editor ? editor->findChild<QLineEdit *>() : nullptr;
    }

    static QStringList itemTexts(const QComboBox &box)
    {
        QStringList texts;
        for (int i = 0; i < box.count(); ++i)
            texts.append(box.itemText(i));
        return texts;
    }

    // Lays out what changed (layouts run on posted events), without waiting on a clock.
    static void settleLayouts()
    {
        for (int pass = 0; pass < 4; ++pass)
            QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    }

    static QJsonObject readJson(const QString &fileName)
    {
        QFile file(fileName);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return QJsonDocument::fromJson(file.readAll()).object();
    }

private slots:
    void initTestCase()
    {
        // Autostart entries and the user config go to a sandbox, never the real ~/.config.
        qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("xdg-config")).toUtf8());
    }

    void everySettingHasAnEditorWithItsDescription()
    {
        Orchestrator orchestrator(testConfig(), nullptr);
        SettingsDialog dialog(orchestrator, context(m_dir.filePath(QStringLiteral("unused.json"))));
        int shown = 0;
        for (const ConfigKey &key : configKeys()) {
            const QString path = QString::fromLatin1(key.path);
            QWidget *editor = dialog.editorFor(path);
            if (key.secret) {
                QVERIFY2(!editor, qPrintable(path));
                continue;
            }
            QVERIFY2(editor, qPrintable(path));
            QCOMPARE(editor->toolTip(), QString::fromUtf8(key.description));
            ++shown;
        }
        QVERIFY(shown >= 20);
        // Kinds get their own editors; everything starts valid.
        QVERIFY(qobject_cast<QCheckBox *>(dialog.editorFor(QStringLiteral("server.debug"))));
        auto *level = qobject_cast<QComboBox *>(dialog.editorFor(QStringLiteral("logging.level")));
        QVERIFY(level);
        QCOMPARE(level->currentText(), QStringLiteral("info"));
        auto *style = qobject_cast<QComboBox *>(dialog.editorFor(QStringLiteral("engine.default_style")));
        QVERIFY(style);
        QCOMPARE(style->currentData().toString(), QStringLiteral("pop"));
        QVERIFY(style->count() > 1);
        QVERIFY(dialog.editorFor(QStringLiteral("plugin.folder"))->findChild<QPushButton *>());
        QCOMPARE(lineEdit(dialog, QStringLiteral("plugin.folder"))->text(), m_dir.filePath(QStringLiteral("files")));
        QCOMPARE(lineEdit(dialog, QStringLiteral("plugin.cleanup_hours"))->text(), QStringLiteral("24"));
        QVERIFY(dialog.canApply());
    }

    void editorsLineUpAcrossGroups()
    {
        // Seen in the screenshots: every group sized its own label column, so the editors
        // jumped left and right from one group to the next.
        Orchestrator orchestrator(testConfig(), nullptr);
        SettingsDialog dialog(orchestrator, context(m_dir.filePath(QStringLiteral("unused.json"))));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const auto left = [&](const char *path) {
            QWidget *editor = dialog.editorFor(QString::fromLatin1(path));
            return editor->mapTo(&dialog, QPoint(0, 0)).x();
        };
        const int port = left("server.port");
        QCOMPARE(left("plugin.folder"), port);
        QCOMPARE(left("ui.language"), port);
        dialog.tabs()->setCurrentIndex(1);
        settleLayouts();
        const int connections = left("server.max_connections");
        QCOMPARE(left("backend.timeout"), connections);
        QCOMPARE(left("plugin.cleanup_hours"), connections);
        QCOMPARE(left("logging.level"), connections);
        QCOMPARE(left("websocket.heartbeat_interval"), connections);
    }

    // General holds what the key table marks General, Advanced the rest: the tab a key is on is
    // its row's field, never a list in the dialog.
    void eachKeyIsOnTheTabItsRowNames()
    {
        Orchestrator orchestrator(testConfig(), nullptr);
        SettingsDialog dialog(orchestrator, context(m_dir.filePath(QStringLiteral("unused.json"))));
        QTabWidget *tabs = dialog.tabs();
        QCOMPARE(tabs->count(), 2);
        QCOMPARE(tabs->tabText(0), QStringLiteral("General"));
        QCOMPARE(tabs->tabText(1), QStringLiteral("Advanced"));
        QStringList general;
        for (const ConfigKey &key : configKeys()) {
            if (key.secret)
                continue;
            const QString path = QString::fromLatin1(key.path);
            const int tab = key.group == SettingsGroup::General ? 0 : 1;
            QVERIFY2(tabs->widget(tab)->isAncestorOf(dialog.editorFor(path)), qPrintable(path));
            if (tab == 0)
                general.append(path);
        }
        QCOMPARE(general.size(), 6);
        QVERIFY(tabs->widget(0)->isAncestorOf(dialog.startOnLoginBox()));
        QVERIFY(tabs->widget(0)->isAncestorOf(dialog.findChild<QLineEdit *>(QStringLiteral("token"))));
    }

    void numbersShowTheirUnitsAndSizesInMegabytes()
    {
        Orchestrator orchestrator(testConfig(), nullptr);
        SettingsDialog dialog(orchestrator, context(m_dir.filePath(QStringLiteral("unused.json"))));
        const auto unitOf = [&](const char *path) {
            QWidget *cell = dialog.editorFor(QString::fromLatin1(path))->parentWidget();
            auto *unit = cell->findChild<QLabel *>(QStringLiteral("unit"));
            return unit ? unit->text() : QStringLiteral("(none)");
        };
        QCOMPARE(unitOf("websocket.heartbeat_interval"), QStringLiteral("s"));
        QCOMPARE(unitOf("server.generation_rate_per_minute"), QStringLiteral("per minute"));
        QCOMPARE(unitOf("plugin.cleanup_hours"), QStringLiteral("h"));
        QCOMPARE(unitOf("server.max_body_bytes"), QStringLiteral("bytes (1.0 MB)"));
        QCOMPARE(unitOf("server.port"), QStringLiteral("(none)"));
        lineEdit(dialog, QStringLiteral("server.max_body_bytes"))->setText(QStringLiteral("5242880"));
        QCOMPARE(unitOf("server.max_body_bytes"), QStringLiteral("bytes (5.0 MB)"));
        lineEdit(dialog, QStringLiteral("server.max_body_bytes"))->setText(QStringLiteral("lots"));
        QCOMPARE(unitOf("server.max_body_bytes"), QStringLiteral("bytes"));
    }

    // Scrolling the page over a combo box must not change it; once clicked, the wheel is its.
    void theWheelChangesOnlyAFieldThatWasClicked()
    {
        Orchestrator orchestrator(testConfig(), nullptr);
        SettingsDialog dialog(orchestrator, context(m_dir.filePath(QStringLiteral("unused.json"))));
        dialog.tabs()->setCurrentIndex(1);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        auto *level = qobject_cast<QComboBox *>(dialog.editorFor(QStringLiteral("logging.level")));
        QVERIFY(level);
        QCOMPARE(level->focusPolicy(), Qt::StrongFocus);
        const auto wheelDown = [level] {
            const QPointF inside(level->width() / 2.0, level->height() / 2.0);
            QWheelEvent wheel(inside, level->mapToGlobal(inside), QPoint(), QPoint(0, -120), Qt::NoButton,
                              Qt::NoModifier, Qt::NoScrollPhase, false);
            QApplication::sendEvent(level, &wheel);
        };
        auto *scroll = qobject_cast<QScrollArea *>(dialog.tabs()->currentWidget());
        QVERIFY(scroll);
        const int scrolledBefore = scroll->verticalScrollBar()->value();
        wheelDown();
        QCOMPARE(level->currentText(), QStringLiteral("info"));
        QVERIFY(scroll->verticalScrollBar()->value() > scrolledBefore);   // the page scrolled instead

        level->setFocus(Qt::MouseFocusReason);
        QTRY_VERIFY(level->hasFocus());
        wheelDown();
        QCOMPARE(level->currentText(), QStringLiteral("warning"));
    }

    void aTimeoutBelowTheHeartbeatIsRefusedNamingBoth()
    {
        const QString file = m_dir.filePath(QStringLiteral("conflict/config.json"));
        Orchestrator orchestrator(testConfig(), nullptr);
        SettingsDialog dialog(orchestrator, context(file));
        lineEdit(dialog, QStringLiteral("websocket.connection_timeout"))->setText(QStringLiteral("20"));
        const QString expected = QStringLiteral("websocket.connection_timeout (20 s) must be longer than "
                                                "websocket.heartbeat_interval (30 s): plugins that send every "
                                                "heartbeat on time would be dropped as silent");
        QCOMPARE(dialog.messageFor(QStringLiteral("websocket.connection_timeout")), expected);
        QVERIFY(!dialog.canApply());
        QVERIFY(!dialog.apply().ok());
        QCOMPARE(dialog.resultText(), QStringLiteral("Not applied: Some settings are not valid; see the messages under them."));
        QCOMPARE(orchestrator.config().connectionTimeoutSeconds, 90.0);
        QVERIFY(!QFile::exists(file));

        // Fixed from the other side: a shorter heartbeat makes the same timeout fine.
        lineEdit(dialog, QStringLiteral("websocket.heartbeat_interval"))->setText(QStringLiteral("5"));
        QCOMPARE(dialog.messageFor(QStringLiteral("websocket.connection_timeout")), QString());
        QVERIFY(dialog.apply().ok());
        QCOMPARE(orchestrator.config().connectionTimeoutSeconds, 20.0);
        QCOMPARE(orchestrator.config().heartbeatIntervalSeconds, 5.0);
    }

    // The line under the tabs says what Apply did, every time.
    void applyAlwaysSaysWhatHappened()
    {
        const QString file = m_dir.filePath(QStringLiteral("result/config.json"));
        Orchestrator orchestrator(testConfig(), nullptr);
        SettingsDialog dialog(orchestrator, context(file));
        QVERIFY(dialog.apply().ok());
        QCOMPARE(dialog.resultText(), QStringLiteral("Nothing changed."));
        QVERIFY(!QFile::exists(file));

        lineEdit(dialog, QStringLiteral("plugin.max_files"))->setText(QStringLiteral("77"));
        QVERIFY(dialog.apply().ok());
        QCOMPARE(dialog.resultText(), QStringLiteral("Saved and applied now: Max files."));

        lineEdit(dialog, QStringLiteral("plugin.folder"))->setText(m_dir.filePath(QStringLiteral("elsewhere")));
        lineEdit(dialog, QStringLiteral("plugin.cleanup_hours"))->setText(QStringLiteral("48"));
        QVERIFY(dialog.apply().ok());
        QCOMPARE(dialog.resultText(), QStringLiteral("Saved and applied now: Cleanup hours. "
                                                     "Saved; needs a restart to take effect: Folder."));
        QCOMPARE(readJson(file).value(QStringLiteral("plugin")).toObject().value(QStringLiteral("folder")).toString(),
                 m_dir.filePath(QStringLiteral("elsewhere")));
    }

    void showFieldOpensItsTabAndFocusesIt()
    {
        Orchestrator orchestrator(testConfig(), nullptr);
        SettingsDialog dialog(orchestrator, context(m_dir.filePath(QStringLiteral("unused.json"))));
        dialog.tabs()->setCurrentIndex(1);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.showField(QStringLiteral("server.port"));
        QCOMPARE(dialog.tabs()->currentIndex(), 0);
        QCOMPARE(dialog.focusWidget(), dialog.editorFor(QStringLiteral("server.port")));
        dialog.showField(QStringLiteral("server.max_json_depth"));
        QCOMPARE(dialog.tabs()->currentIndex(), 1);
        QCOMPARE(dialog.focusWidget(), dialog.editorFor(QStringLiteral("server.max_json_depth")));
    }

    void invalidPortIsExplainedUnderItAndBlocksApply()
    {
        Orchestrator orchestrator(testConfig(), nullptr);
        SettingsDialog dialog(orchestrator, context(m_dir.filePath(QStringLiteral("unused.json"))));
        QLineEdit *port = lineEdit(dialog, QStringLiteral("server.port"));
        QVERIFY(port);
        port->setText(QStringLiteral("70000"));
        QCOMPARE(dialog.messageFor(QStringLiteral("server.port")),
                 QStringLiteral("expected a whole number from 0 to 65535, got \"70000\""));
        QVERIFY(!dialog.canApply());
        QVERIFY(!dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled());
        QVERIFY(!dialog.apply().ok());

        port->setText(QStringLiteral("8123"));
        QCOMPARE(dialog.messageFor(QStringLiteral("server.port")), QString());
        QVERIFY(dialog.canApply());

        lineEdit(dialog, QStringLiteral("server.host"))->setText(QStringLiteral("evil.example"));
        QVERIFY(dialog.messageFor(QStringLiteral("server.host")).contains(QStringLiteral("expected an IP address")));
        QVERIFY(!dialog.canApply());
    }

    void applySavesOnlyChangedKeysAndKeepsTheRest()
    {
        const QString file = m_dir.filePath(QStringLiteral("apply/config.json"));
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("apply"))));
        {
            QFile out(file);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(R"({"plugin": {"max_files": 10, "future_key": "kept"}, "custom": {"x": [1, 2]}})");
        }
        Orchestrator orchestrator(testConfig(), nullptr);
        SettingsDialog dialog(orchestrator, context(file));
        lineEdit(dialog, QStringLiteral("plugin.max_files"))->setText(QStringLiteral("77"));
        qobject_cast<QComboBox *>(dialog.editorFor(QStringLiteral("logging.level")))->setCurrentText(QStringLiteral("debug"));
        lineEdit(dialog, QStringLiteral("websocket.heartbeat_interval"))->setText(QStringLiteral("12.5"));
        QSignalSpy applied(&dialog, &SettingsDialog::applied);
        const Status status = dialog.apply();
        QVERIFY2(status.ok(), status.ok() ? "" : qPrintable(status.error().message));
        QCOMPARE(applied.count(), 1);

        const QJsonObject expected = QJsonDocument::fromJson(R"({
            "plugin": {"max_files": 77, "future_key": "kept"},
            "custom": {"x": [1, 2]},
            "logging": {"level": "debug"},
            "websocket": {"heartbeat_interval": 12.5}
        })").object();
        QCOMPARE(readJson(file), expected);
        QCOMPARE(orchestrator.config().maxFiles, 77);
        QCOMPARE(orchestrator.config().logLevel, LogLevel::Debug);
        QCOMPARE(orchestrator.webSocketSettings().heartbeatIntervalSeconds, 12.5);
    }

    void languageIsChosenByItsNameAndSavedAsItsCode()
    {
        const QString file = m_dir.filePath(QStringLiteral("language/config.json"));
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("language"))));
        Orchestrator orchestrator(testConfig(), nullptr);
        SettingsDialog dialog(orchestrator, context(file));
        auto *language = qobject_cast<QComboBox *>(dialog.editorFor(QStringLiteral("ui.language")));
        QVERIFY(language);
        QStringList names;
        for (int i = 0; i < language->count(); ++i)
            names.append(language->itemText(i));
        QCOMPARE(names, (QStringList{"System language", "English", "Español", "Deutsch"}));
        QCOMPARE(language->currentText(), QStringLiteral("System language"));   // the default, ""

        language->setCurrentIndex(language->findText(QStringLiteral("Deutsch")));
        const Status status = dialog.apply();
        QVERIFY2(status.ok(), status.ok() ? "" : qPrintable(status.error().message));
        QCOMPARE(readJson(file).value(QStringLiteral("ui")).toObject().value(QStringLiteral("language")).toString(),
                 QStringLiteral("de"));
        QCOMPARE(orchestrator.config().uiLanguage, QStringLiteral("de"));

        language->setCurrentIndex(language->findText(QStringLiteral("System language")));
        QVERIFY(dialog.apply().ok());
        QCOMPARE(readJson(file).value(QStringLiteral("ui")).toObject().value(QStringLiteral("language")).toString(),
                 QString());
    }

    void overriddenSettingsAreShownButNotEditable()
    {
        Config config = testConfig();
        Orchestrator orchestrator(config, nullptr);
        SettingsContext c = context(m_dir.filePath(QStringLiteral("unused.json")));
        c.overrides.insert(QStringLiteral("server.port"), QStringLiteral("environment PORT"));
        SettingsDialog dialog(orchestrator, c);
        QWidget *port = dialog.editorFor(QStringLiteral("server.port"));
        QVERIFY(!port->isEnabled());
        QVERIFY(dialog.editorFor(QStringLiteral("server.host"))->isEnabled());
        QStringList notes;
        for (const QLabel *label : dialog.findChildren<QLabel *>(QStringLiteral("override")))
            notes.append(label->text());
        QCOMPARE(notes, QStringList{QStringLiteral("Set by environment PORT, which wins over this window; change it there.")});
    }

    void applyingANewPortMovesTheServerWithoutARestart()
    {
        Orchestrator orchestrator(testConfig(), nullptr);
        QVERIFY(orchestrator.start().ok());
        const QUrl before = orchestrator.baseUrl();
        const test::HttpResult healthBefore = test::httpGet(before.resolved(QUrl(QStringLiteral("/health"))));
        QCOMPARE(healthBefore.status, 200);
        QCOMPARE(healthBefore.json.value(QStringLiteral("url")).toString(), before.toString());

        QTcpServer probe;   // a port that is free now
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 freePort = probe.serverPort();
        probe.close();

        const QString file = m_dir.filePath(QStringLiteral("port/config.json"));
        SettingsDialog dialog(orchestrator, context(file));
        QSignalSpy moved(&orchestrator, &Orchestrator::listenAddressChanged);
        lineEdit(dialog, QStringLiteral("server.port"))->setText(QString::number(freePort));
        QVERIFY(dialog.apply().ok());
        QCOMPARE(moved.count(), 1);
        QCOMPARE(orchestrator.port(), freePort);
        // /health names the new address (the orchestrator's URL is kept until host or port change).
        const test::HttpResult healthAfter = test::httpGet(orchestrator.baseUrl().resolved(QUrl(QStringLiteral("/health"))));
        QCOMPARE(healthAfter.status, 200);
        QCOMPARE(healthAfter.json.value(QStringLiteral("url")).toString(),
                 QStringLiteral("http://127.0.0.1:%1").arg(freePort));
        QCOMPARE(orchestrator.baseUrl(), QUrl(QStringLiteral("http://127.0.0.1:%1").arg(freePort)));
        QCOMPARE(test::httpGet(before.resolved(QUrl(QStringLiteral("/health")))).status, 0);
        QCOMPARE(readJson(file), QJsonObject({{QStringLiteral("server"), QJsonObject{{QStringLiteral("port"), freePort}}}}));
    }

    void aBusyPortIsReportedNextToThePortAndTheServerStays()
    {
        Orchestrator orchestrator(testConfig(), nullptr);
        QVERIFY(orchestrator.start().ok());
        const QUrl before = orchestrator.baseUrl();
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));

        const QString file = m_dir.filePath(QStringLiteral("busy/config.json"));
        SettingsDialog dialog(orchestrator, context(file));
        lineEdit(dialog, QStringLiteral("server.port"))->setText(QString::number(squatter.serverPort()));
        lineEdit(dialog, QStringLiteral("plugin.max_files"))->setText(QStringLiteral("55"));
        const Status status = dialog.apply();
        QVERIFY(!status.ok());
        QCOMPARE(status.error().field, QStringLiteral("server.port"));
        QVERIFY2(dialog.messageFor(QStringLiteral("server.port"))
                     .startsWith(QStringLiteral("cannot listen on 127.0.0.1:%1").arg(squatter.serverPort())),
                 qPrintable(dialog.messageFor(QStringLiteral("server.port"))));
        // Nothing changed and nothing was saved; the old address still serves.
        QCOMPARE(orchestrator.baseUrl(), before);
        QCOMPARE(orchestrator.config().maxFiles, Config{}.maxFiles);
        QCOMPARE(test::httpGet(before.resolved(QUrl(QStringLiteral("/health")))).status, 200);
        QVERIFY(!QFile::exists(file));
    }

    void startOnLoginWritesAndRemovesTheAutostartEntry()
    {
        const QString entry = m_dir.filePath(QStringLiteral("xdg-config/autostart/ai-band-orchestrator.desktop"));
        QCOMPARE(autostart::entryPath(), entry);
        QVERIFY(!QFile::exists(entry));

        Orchestrator orchestrator(testConfig(), nullptr);
        SettingsContext c = context(m_dir.filePath(QStringLiteral("unused.json")));
        c.autostartArguments = {QStringLiteral("--config"), QStringLiteral("/home/me/My Music/config.json")};
        SettingsDialog dialog(orchestrator, c);
        QVERIFY(!dialog.startOnLoginBox()->isChecked());
        dialog.startOnLoginBox()->setChecked(true);
        QVERIFY(dialog.apply().ok());
        QFile file(entry);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("[Desktop Entry]\n"
                                            "Type=Application\n"
                                            "Name=AI Band Orchestrator\n"
                                            "Comment=Bass, drums and keys for your DAW plugins\n"
                                            "Exec=/usr/bin/ai-band-orchestrator --config \"/home/me/My Music/config.json\"\n"
                                            "Icon=io.github.aiband.Orchestrator\n"
                                            "Terminal=false\n"
                                            "X-GNOME-Autostart-enabled=true\n"));
        file.close();

        SettingsDialog reopened(orchestrator, c);
        QVERIFY(reopened.startOnLoginBox()->isChecked());
        reopened.startOnLoginBox()->setChecked(false);
        QVERIFY(reopened.apply().ok());
        QVERIFY(!QFile::exists(entry));
    }

    void execArgumentsAreQuotedAsTheDesktopEntrySpecSays()
    {
        const QByteArray content = autostart::entryContent(QStringLiteral("/opt/a b/app"),
                                                           {QStringLiteral("100%"), QStringLiteral("$HOME\\x\"y")});
        QVERIFY2(content.contains("Exec=\"/opt/a b/app\" 100%% \"\\\\$HOME\\\\\\\\x\\\\\"y\"\n"), content.constData());
    }

    // Styles by their titles, as the Try it tab lists them (the same words, in the same order);
    // what is saved is the style's name.
    void defaultStyleIsChosenByTitle()
    {
        Orchestrator orchestrator(testConfig(), nullptr);
        QVERIFY(orchestrator.start().ok());
        SettingsDialog dialog(orchestrator, context(m_dir.filePath(QStringLiteral("styles.json"))));
        auto *style = qobject_cast<QComboBox *>(dialog.editorFor(QStringLiteral("engine.default_style")));
        QVERIFY(style);
        QCOMPARE(style->currentText(), QStringLiteral("Pop"));
        TryItPage tryIt(orchestrator);
        auto *offered = tryIt.findChild<QComboBox *>(QStringLiteral("style"));
        QVERIFY(offered);
        QCOMPARE(itemTexts(*style), itemTexts(*offered));
        QVERIFY(itemTexts(*style).contains(QStringLiteral("Jazz swing")));

        style->setCurrentIndex(style->findData(QStringLiteral("jazz_swing")));
        QCOMPARE(style->currentText(), QStringLiteral("Jazz swing"));
        QVERIFY(dialog.apply().ok());
        QCOMPARE(orchestrator.config().defaultStyle, QStringLiteral("jazz_swing"));
        QCOMPARE(readJson(m_dir.filePath(QStringLiteral("styles.json")))
                     .value(QStringLiteral("engine")).toObject().value(QStringLiteral("default_style")).toString(),
                 QStringLiteral("jazz_swing"));
    }

    // The token row is there from the start, so nothing below it moves when the server starts
    // and the token is read (it used to appear then, pushing the server's settings down).
    void tokenRowStaysInPlaceWithOrWithoutAToken()
    {
        Orchestrator orchestrator(testConfig(), nullptr);
        SettingsDialog dialog(orchestrator, context(m_dir.filePath(QStringLiteral("unused.json"))));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *token = dialog.findChild<QLineEdit *>(QStringLiteral("token"));
        QVERIFY(token);
        QVERIFY(token->isVisibleTo(&dialog));
        QVERIFY(!token->isEnabled());
        QCOMPARE(token->placeholderText(), QStringLiteral("None yet: it is read when the server starts"));
        const QStringList tokenButtons{QStringLiteral("Show"), QStringLiteral("Copy"), QStringLiteral("Regenerate…")};
        for (QPushButton *button : dialog.findChildren<QPushButton *>()) {
            if (tokenButtons.contains(button->text()))
                QVERIFY2(!button->isEnabled(), qPrintable(button->text()));   // nothing to show, copy or replace
        }
        QWidget *port = dialog.editorFor(QStringLiteral("server.port"));
        settleLayouts();
        const QPoint portBefore = port->mapTo(&dialog, QPoint());

        dialog.setAccessToken(QStringLiteral("s3cret"));
        settleLayouts();
        QCOMPARE(port->mapTo(&dialog, QPoint()), portBefore);
        QVERIFY(token->isEnabled());
        QCOMPARE(token->text(), QStringLiteral("s3cret"));
        QCOMPARE(token->echoMode(), QLineEdit::Password);
        QSignalSpy regenerate(&dialog, &SettingsDialog::tokenRegenerationRequested);
        for (QPushButton *button : dialog.findChildren<QPushButton *>()) {
            if (button->text() == QStringLiteral("Regenerate…"))
                button->click();
            if (button->text() == QStringLiteral("Show"))
                button->click();
        }
        QCOMPARE(regenerate.count(), 1);
        QCOMPARE(token->echoMode(), QLineEdit::Normal);
    }
};

QTEST_MAIN(TestSettings)
#include "tst_settings.moc"
