#include "MainWindow.h"

#include "Orchestrator.h"
#include "StatusSummary.h"

#include <QCloseEvent>
#include <QLabel>
#include <QVBoxLayout>

namespace aiband {

MainWindow::MainWindow(Orchestrator &orchestrator, QWidget *parent)
    : QMainWindow(parent),
      m_orchestrator(orchestrator),
      m_headline(new QLabel),
      m_details(new QLabel),
      m_filesDir(new QLabel),
      m_notice(new QLabel)
{
    setWindowTitle(tr("AI Band Orchestrator"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/ai-band-orchestrator.svg")));
    auto *central = new QWidget;
    auto *layout = new QVBoxLayout(central);
    QFont headlineFont = m_headline->font();
    headlineFont.setPointSizeF(headlineFont.pointSizeF() * 1.3);
    headlineFont.setBold(true);
    m_headline->setFont(headlineFont);
    m_filesDir->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notice->setWordWrap(true);
    m_notice->hide();
    layout->addWidget(m_notice);
    layout->addWidget(m_headline);
    layout->addWidget(m_details);
    layout->addWidget(m_filesDir);
    layout->addStretch();
    setCentralWidget(central);
    resize(520, 200);

    connect(&orchestrator, &Orchestrator::runningChanged, this, &MainWindow::refresh);
    connect(&orchestrator, &Orchestrator::pluginCountChanged, this, &MainWindow::refresh);
    connect(&orchestrator, &Orchestrator::filesGenerated, this, &MainWindow::refresh);
    refresh();
}

void MainWindow::showNotice(const QString &text)
{
    m_notice->setText(text);
    m_notice->show();
}

void MainWindow::refresh()
{
    const StatusSummary summary = StatusSummary::of(m_orchestrator);
    m_headline->setText(summary.headline);
    m_details->setText(summary.details);
    m_filesDir->setText(tr("Files folder: %1").arg(m_orchestrator.files().directory()));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_hideOnClose) {
        hide();
        event->ignore();
        return;
    }
    QMainWindow::closeEvent(event);
}

} // namespace aiband
