#include "FilesPage.h"

#include "AudioTake.h"
#include "AuditionPlayer.h"
#include "ColumnFit.h"
#include "FilesTableModel.h"
#include "Orchestrator.h"
#include "PianoRollView.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QFileInfo>
#include <QPointer>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace aiband {

FilesPage::FilesPage(Orchestrator &orchestrator, QWidget *parent)
    : QWidget(parent),
      m_orchestrator(orchestrator),
      m_model(new FilesTableModel(orchestrator, this)),
      m_sorted(new QSortFilterProxyModel(this)),
      m_view(new QTableView),
      m_preview(new PianoRollView),
      m_audition(new AuditionBar(orchestrator)),
      m_empty(new QLabel(tr("No files yet. Generate some in the Try it tab, or from a plugin in your DAW."))),
      m_selection(new QLabel),
      m_delete(new QPushButton(tr("&Delete"))),
      m_regenerate(new QPushButton(tr("&Regenerate")))
{
    m_sorted->setSourceModel(m_model);
    m_sorted->setSortRole(FilesTableModel::SortRole);
    m_sorted->setDynamicSortFilter(true);

    m_view->setObjectName(QStringLiteral("filesTable"));
    m_view->setModel(m_sorted);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(FilesTableModel::Age, Qt::AscendingOrder);   // youngest first
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setDragEnabled(true);
    m_view->setDragDropMode(QAbstractItemView::DragOnly);
    m_view->setDefaultDropAction(Qt::CopyAction);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    new ColumnFit(m_view, FilesTableModel::Plugin);

    m_preview->setObjectName(QStringLiteral("filePreview"));
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);

    auto *openFolder = new QPushButton(tr("Open &folder"));
    openFolder->setToolTip(tr("Show the files folder in your file manager."));
    m_delete->setToolTip(tr("Delete the selected files from the files folder."));
    m_delete->setEnabled(false);
    m_regenerate->setToolTip(tr("Generate the selected parts again with a new seed, as new files; the originals stay."));
    m_regenerate->setEnabled(false);
    connect(m_regenerate, &QPushButton::clicked, this, &FilesPage::regenerateSelected);
    connect(openFolder, &QPushButton::clicked, this, &FilesPage::openFolder);
    connect(m_delete, &QPushButton::clicked, this, &FilesPage::deleteSelected);
    addRowActions(openFolder);
    connect(m_audition->player(), &AuditionPlayer::positionChanged, this, &FilesPage::showPlayhead);
    connect(m_audition->player(), &AuditionPlayer::stateChanged, this, &FilesPage::showPlayhead);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_selection, 1);
    buttons->addWidget(openFolder);
    buttons->addWidget(m_regenerate);
    buttons->addWidget(m_delete);

    auto *table = new QWidget;
    auto *tableLayout = new QVBoxLayout(table);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addWidget(m_empty);
    tableLayout->addWidget(m_view, 1);
    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(table);
    auto *hear = new QWidget;
    auto *hearLayout = new QVBoxLayout(hear);
    hearLayout->setContentsMargins(0, 0, 0, 0);
    hearLayout->addWidget(m_preview, 1);
    hearLayout->addWidget(m_audition);
    m_audition->setObjectName(QStringLiteral("auditionBar"));
    split->addWidget(hear);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({360, 240});   // the list first; the preview gets the rest

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split, 1);
    layout->addLayout(buttons);

    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &FilesPage::selectionChanged);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &FilesPage::selectionChanged);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &FilesPage::updateEmptyState);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &FilesPage::selectWaitingFiles);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &FilesPage::updateEmptyState);
    // Removing the previewed file's row drops it from the selection, which clears the preview.
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &FilesPage::selectionChanged);
    updateEmptyState();
    selectionChanged();
}

void FilesPage::addRowActions(QPushButton *openFolder)
{
    // The rows' context menu, "the Files menu": the buttons' actions with the audition's two.
    auto add = [this](const QString &name, const QString &text, auto slot) {
        auto *action = new QAction(text, m_view);
        action->setObjectName(name);
        connect(action, &QAction::triggered, this, slot);
        m_view->addAction(action);
        return action;
    };
    m_selectionActions = {
        add(QStringLiteral("playAction"), tr("Play"), &FilesPage::playSelected),
        add(QStringLiteral("exportAudioAction"), tr("Export audio…"), [this] { m_audition->exportAudio(); })};
    auto *separator = new QAction(m_view);
    separator->setSeparator(true);
    m_view->addAction(separator);
    m_selectionActions << add(QStringLiteral("regenerateAction"), tr("Regenerate"), &FilesPage::regenerateSelected)
                       << add(QStringLiteral("deleteAction"), tr("Delete…"), &FilesPage::deleteSelected);
    add(QStringLiteral("openFolderAction"), openFolder->text().remove(QLatin1Char('&')), &FilesPage::openFolder);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
}

void FilesPage::playSelected()
{
    m_audition->player()->stop();
    m_audition->player()->play();
}

void FilesPage::showPlayhead()
{
    const AuditionPlayer *player = m_audition->player();
    const bool playing = player->state() == AuditionPlayer::State::Playing
                         && player->fileNames().contains(QFileInfo(m_preview->filePath()).fileName());
    m_preview->setPlayhead(playing ? std::optional<double>(player->position()) : std::nullopt);
}

void FilesPage::auditionSelection(const QString &currentFile, const QStringList &selected)
{
    if (selected.isEmpty()) {
        m_audition->setTake({});
        m_audition->setTitle(tr("Select a file to play its take."));
        return;
    }
    // One row: the take it belongs to, as it was generated. Several: exactly those files.
    const QStringList take = selected.size() == 1 ? takeOf(m_orchestrator.session().files(), currentFile) : selected;
    m_audition->setTake(take);
    if (selected.size() > 1)
        m_audition->setTitle(tr("Plays the %n selected file(s) together.", nullptr, static_cast<int>(selected.size())));
    else if (take.size() > 1)
        m_audition->setTitle(tr("Plays the take of the selected file: the %n part(s) generated with it.", nullptr,
                                static_cast<int>(take.size())));
    else
        m_audition->setTitle(tr("Plays the selected file."));
}

QStringList FilesPage::selectedFileNames() const
{
    QStringList names;
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    for (const QModelIndex &row : rows)   // never a row being deleted: a disabled row is not selected
        names.append(row.data(FilesTableModel::FileNameRole).toString());
    return names;
}

void FilesPage::selectFiles(const QStringList &fileNames)
{
    m_toSelect = fileNames;
    selectWaitingFiles();
}

void FilesPage::selectWaitingFiles()
{
    if (m_toSelect.isEmpty())
        return;
    QItemSelection rows;
    QModelIndex first;
    for (const QString &name : std::as_const(m_toSelect)) {
        const int sourceRow = m_model->rowOf(name);
        if (sourceRow < 0)
            return;   // not listed yet: rowsInserted calls again
        const QModelIndex shown = m_sorted->mapFromSource(m_model->index(sourceRow, 0));
        rows.select(shown, shown);
        if (!first.isValid())
            first = shown;
    }
    m_toSelect.clear();
    QItemSelectionModel *selection = m_view->selectionModel();
    selection->setCurrentIndex(first, QItemSelectionModel::NoUpdate);
    selection->select(rows, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(first);
}

void FilesPage::openFolder()
{
    m_opener.open(m_orchestrator.session().files().directory(), this);
}

void FilesPage::deleteSelected()
{
    const QStringList names = selectedFileNames();
    if (names.isEmpty())
        return;
    const QString question = names.size() == 1
        ? tr("Delete %1 from the files folder? Plugins that use it will not find it any more.").arg(names.first())
        : tr("Delete %n files from the files folder? Plugins that use them will not find them any more.", nullptr,
             static_cast<int>(names.size()));
    if (QMessageBox::question(this, tr("Delete files"), question, QMessageBox::Yes | QMessageBox::Cancel,
                              QMessageBox::Cancel) != QMessageBox::Yes)
        return;
    // The model answers only while it exists, and it is this page's child. Its rows are disabled
    // until then, and no longer count as selected.
    m_model->removeFiles(names, [this](const QList<Error> &errors) {
        selectionChanged();   // rows that could not be deleted count again
        if (errors.isEmpty())
            return;
        QStringList messages;
        for (const Error &error : errors)
            messages.append(error.message);
        QMessageBox::warning(this, tr("Delete files"),
                             tr("Some files could not be deleted:\n%1").arg(messages.join(QLatin1Char('\n'))));
    });
    selectionChanged();
}

void FilesPage::regenerateSelected()
{
    const QStringList names = selectedFileNames();
    if (names.isEmpty())
        return;
    // Answers may arrive after this page is gone (the window closed while the engine worked).
    struct Outcome {
        qsizetype waiting;
        QStringList files;
        QStringList errors;
    };
    auto outcome = std::make_shared<Outcome>(Outcome{names.size(), {}, {}});
    QPointer<FilesPage> page(this);
    m_regenerate->setEnabled(false);
    for (const QString &name : names) {
        m_orchestrator.session().regenerate(name, std::nullopt, Requester::fromWindow(), [page, outcome, name](const Result<GenerationResult> &result) {
            if (result) {
                for (const GeneratedFile &file : result->files)
                    outcome->files.append(file.file.name);
            } else {
                outcome->errors.append(tr("%1: %2").arg(name, result.error().message));
            }
            if (--outcome->waiting > 0 || !page)
                return;
            page->selectFiles(outcome->files);
            page->m_regenerate->setEnabled(!page->selectedFileNames().isEmpty());
            if (!outcome->errors.isEmpty())
                QMessageBox::warning(page, tr("Regenerate"),
                                     tr("Some files could not be regenerated:\n%1").arg(outcome->errors.join(QLatin1Char('\n'))));
            emit page->regenerationFinished(outcome->files, outcome->errors);
        });
    }
}

void FilesPage::selectionChanged()
{
    const QStringList names = selectedFileNames();
    m_delete->setEnabled(!names.isEmpty());
    m_regenerate->setEnabled(!names.isEmpty());
    for (QAction *action : std::as_const(m_selectionActions))
        action->setEnabled(!names.isEmpty());
    if (names.isEmpty()) {
        m_selection->clear();
        m_preview->clear();
        auditionSelection({}, {});
        return;
    }
    m_selection->setText(names.size() == 1 ? names.first() : tr("%n files selected", nullptr, static_cast<int>(names.size())));
    // The preview follows the row that has the focus, or the first selected one.
    QModelIndex current = m_view->selectionModel()->currentIndex();
    if (!current.isValid() || !m_view->selectionModel()->isRowSelected(current.row(), current.parent()))
        current = m_view->selectionModel()->selectedRows().first();
    const QString path = current.siblingAtColumn(0).data(FilesTableModel::FilePathRole).toString();
    if (path != m_preview->filePath())
        m_preview->setFile(path);
    auditionSelection(current.siblingAtColumn(0).data(FilesTableModel::FileNameRole).toString(), names);
    showPlayhead();
}

void FilesPage::updateEmptyState()
{
    const bool empty = m_model->rowCount() == 0;
    m_empty->setVisible(empty);
    m_view->setVisible(!empty);
}

} // namespace aiband
