#include "DesktopShell.h"
#include "MainWindow.h"
#include "Orchestrator.h"
#include "StatusSummary.h"

#include <QApplication>
#include <QLabel>
#include <QSystemTrayIcon>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

using namespace aiband;

class TestUi : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    Config testConfig() const
    {
        Config config;
        config.port = 0;
        config.filesDir = m_dir.filePath(QStringLiteral("files"));
        return config;
    }

    static QStringList labelTexts(const QWidget *window)
    {
        QStringList texts;
        for (const QLabel *label : window->findChildren<QLabel *>())
            texts.append(label->text());
        return texts;
    }

private slots:
    void summaryFollowsTheServer()
    {
        Orchestrator orchestrator(testConfig(), nullptr);
        QCOMPARE(StatusSummary::of(orchestrator).headline, QStringLiteral("Server stopped"));
        QVERIFY(orchestrator.start().ok());
        const StatusSummary running = StatusSummary::of(orchestrator);
        QCOMPARE(running.headline, QStringLiteral("Listening on ") + orchestrator.baseUrl().toString());
        QVERIFY2(running.details == QStringLiteral("0 plugins connected · 0 files"), qPrintable(running.details));
        QVERIFY(running.tooltip().contains(orchestrator.baseUrl().toString()));
    }

    void withoutTrayTheWindowOpensWithANotice()
    {
        // The offscreen platform has no system tray: the fallback path is the one under test.
        QVERIFY(!QSystemTrayIcon::isSystemTrayAvailable());
        Orchestrator orchestrator(testConfig(), nullptr);
        QVERIFY(orchestrator.start().ok());
        DesktopShell shell(orchestrator);
        QVERIFY(!shell.hasTray());
        QVERIFY(shell.window()->isVisible());
        const QStringList texts = labelTexts(shell.window());
        QVERIFY(texts.join(QLatin1Char('\n')).contains(QStringLiteral("no system tray")));
        QVERIFY(texts.contains(QStringLiteral("Listening on ") + orchestrator.baseUrl().toString()));
    }

    void windowUpdatesWhenAPluginConnects()
    {
        Orchestrator orchestrator(testConfig(), nullptr);
        QVERIFY(orchestrator.start().ok());
        MainWindow window(orchestrator);
        QWebSocket plugin;
        QUrl url = orchestrator.baseUrl();
        url.setScheme(QStringLiteral("ws"));
        url.setPath(QStringLiteral("/ws/ui-test"));
        plugin.open(url);
        QTRY_VERIFY(labelTexts(&window).join(QLatin1Char('\n')).contains(QStringLiteral("1 plugin connected")));
    }
};

QTEST_MAIN(TestUi)
#include "tst_ui.moc"
