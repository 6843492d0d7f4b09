#include "LogsPage.h"

#include "LogFilterModel.h"
#include "LogTableModel.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QShortcut>
#include <QTableView>
#include <QVBoxLayout>

namespace aiband {

LogsPage::LogsPage(LogBuffer *buffer, QWidget *parent)
    : QWidget(parent),
      m_model(new LogTableModel(buffer, 5000, this)),
      m_filter(new LogFilterModel(this)),
      m_view(new QTableView),
      m_level(new QComboBox),
      m_search(new QLineEdit)
{
    m_filter->setSourceModel(m_model);
    m_view->setModel(m_filter);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);
    // One text line per entry: a log is read by scanning many lines.
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->resizeSection(LogTableModel::Category, 140);

    for (const auto &[level, label] : {std::pair{LogLevel::Debug, tr("Debug and above")},
                                       std::pair{LogLevel::Info, tr("Info and above")},
                                       std::pair{LogLevel::Warning, tr("Warnings and errors")},
                                       std::pair{LogLevel::Error, tr("Errors only")}})
        m_level->addItem(label, static_cast<int>(level));
    m_level->setCurrentIndex(1);
    m_filter->setMinimumLevel(LogLevel::Info);
    m_search->setPlaceholderText(tr("Search messages and categories"));
    m_search->setClearButtonEnabled(true);
    auto *copy = new QPushButton(tr("Copy"));
    copy->setToolTip(tr("Copy the selected lines, or all shown lines when none is selected"));

    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Show:")));
    bar->addWidget(m_level);
    bar->addWidget(m_search, 1);
    bar->addWidget(copy);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_view);

    connect(m_level, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setMinimumLevel(static_cast<LogLevel>(m_level->currentData().toInt()));
    });
    connect(m_search, &QLineEdit::textChanged, m_filter, &LogFilterModel::setSearchText);
    connect(copy, &QPushButton::clicked, this, &LogsPage::copyLines);
    auto *shortcut = new QShortcut(QKeySequence::Copy, m_view);
    connect(shortcut, &QShortcut::activated, this, &LogsPage::copyLines);

    // Follow new lines while the view is scrolled to the bottom; stay put when the user scrolled up.
    connect(m_filter, &QAbstractItemModel::rowsAboutToBeInserted, this, [this] {
        QScrollBar *bar = m_view->verticalScrollBar();
        m_view->setProperty("followTail", bar->value() == bar->maximum());
    });
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_view->property("followTail").toBool())
            m_view->scrollToBottom();
    });
}

QString LogsPage::copyLines()
{
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        for (int row = 0; row < m_filter->rowCount(); ++row)
            rows.append(m_filter->index(row, 0));
    }
    const QString text = m_filter->lines(rows).join(QLatin1Char('\n'));
    QApplication::clipboard()->setText(text);
    return text;
}

} // namespace aiband
