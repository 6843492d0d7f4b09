#include "MainWindow.h"

#include "FilesPage.h"
#include "LogsPage.h"
#include "Orchestrator.h"
#include "PluginsPage.h"
#include "ServerMonitor.h"
#include "StatusPage.h"
#include "TryItPage.h"
#include "WelcomePage.h"

#include <QCloseEvent>
#include <QLabel>
#include <QSettings>
#include <QTabWidget>
#include <QVBoxLayout>

namespace aiband {

MainWindow::MainWindow(ServerMonitor &monitor, QWidget *parent)
    : QMainWindow(parent), m_orchestrator(monitor.orchestrator()), m_tabs(new QTabWidget), m_notice(new QLabel)
{
    setWindowTitle(tr("AI Band Orchestrator"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/ai-band-orchestrator.svg")));

    // The dashboard's pages, in tab order. This is the one place pages are added.
    auto *status = new StatusPage(monitor);
    connect(status, &StatusPage::changePortRequested, this, &MainWindow::changePortRequested);
    addPage(status, QStringLiteral("status"), tr("Status"));
    addPage(new PluginsPage(m_orchestrator), QStringLiteral("plugins"), tr("Plugins"));
    addPage(new FilesPage(m_orchestrator), QStringLiteral("files"), tr("Files"));
    addPage(new TryItPage(m_orchestrator), QStringLiteral("tryit"), tr("Try it"));
    addPage(new LogsPage(m_orchestrator.logs()), QStringLiteral("logs"), tr("Logs"));

    auto *central = new QWidget;
    auto *layout = new QVBoxLayout(central);
    m_notice->setObjectName(QStringLiteral("notice"));
    m_notice->setWordWrap(true);
    m_notice->hide();
    layout->addWidget(m_notice);
    layout->addWidget(m_tabs);
    setCentralWidget(central);
    resize(860, 560);
}

void MainWindow::addPage(QWidget *page, const QString &objectName, const QString &title)
{
    page->setObjectName(objectName);
    m_tabs->addTab(page, title);
}

void MainWindow::showPage(const QString &objectName)
{
    if (QWidget *page = m_tabs->findChild<QWidget *>(objectName))
        m_tabs->setCurrentWidget(page);
}

void MainWindow::showWelcome()
{
    if (m_welcomeShown) {
        showPage(QStringLiteral("welcome"));
        return;
    }
    m_welcomeShown = true;
    auto *welcome = new WelcomePage(m_orchestrator);
    welcome->setObjectName(QStringLiteral("welcome"));
    connect(welcome, &WelcomePage::tryItRequested, this, [this] { showPage(QStringLiteral("tryit")); });
    m_tabs->insertTab(0, welcome, tr("Welcome"));
    m_tabs->setCurrentWidget(welcome);
}

void MainWindow::showNotice(const QString &text)
{
    m_notice->setText(text);
    m_notice->show();
}

QString MainWindow::toldHidesToTrayKey()
{
    return QStringLiteral("ui/told_close_hides_to_tray");
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_hideOnClose) {
        QMainWindow::closeEvent(event);
        return;
    }
    hide();
    event->ignore();
    QSettings settings;
    if (!settings.value(toldHidesToTrayKey(), false).toBool()) {
        settings.setValue(toldHidesToTrayKey(), true);
        emit hidToTrayFirstTime(tr("AI Band Orchestrator keeps running in the tray, so plugins stay connected. "
                                   "Choose Quit from the tray menu to stop it."));
    }
}

} // namespace aiband
