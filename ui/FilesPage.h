#pragma once

#include "AuditionBar.h"
#include "DesktopOpener.h"

#include <QWidget>

class QAction;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace aiband {

class FilesTableModel;
class Orchestrator;
class PianoRollView;

// The Files tab: the generated files, newest first, with a piano-roll preview of the selected
// one. Rows (one or several) and the preview drag into a DAW or a file manager as .mid files.
// Under the preview, the audition bar plays the selected file's take (every part generated with
// it), or the files themselves when several rows are selected; the playhead runs over the
// preview. The rows' context menu: Play, Export audio…, Regenerate, Delete, Open folder.
class FilesPage : public QWidget {
    Q_OBJECT
public:
    explicit FilesPage(Orchestrator &orchestrator, QWidget *parent = nullptr);

    FilesTableModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    PianoRollView *preview() const { return m_preview; }
    AuditionBar *audition() const { return m_audition; }
    QStringList selectedFileNames() const;   // in the view's order
    // Selects these files' rows, the first one current, so the preview shows it; files not
    // listed yet (a generation's answer can come before its announcement) as soon as they are.
    void selectFiles(const QStringList &fileNames);
    // What opens the files folder (tests give one that fails, as a desktop without a file manager).
    void setDesktopOpener(DesktopOpener opener) { m_opener = std::move(opener); }
    // Where Export audio… asks to save (tests answer without a dialog).
    void setSavePathChooser(AuditionBar::SavePathChooser chooser) { m_audition->setSavePathChooser(std::move(chooser)); }

public slots:
    void openFolder();
    void deleteSelected();   // asks first
    // Generates each selected file's part again with a new seed; the originals stay. When all
    // have answered, the new files are selected: they are what the user asked for.
    void regenerateSelected();
    void playSelected();   // the take the audition bar shows, from its start

signals:
    // Every regeneration asked for by regenerateSelected() has answered: the new files, and
    // the errors (one line per file that could not be regenerated).
    void regenerationFinished(const QStringList &newFiles, const QStringList &errors);

private:
    void selectionChanged();
    void updateEmptyState();
    void selectWaitingFiles();   // once every file of m_toSelect is listed
    void auditionSelection(const QString &currentFile, const QStringList &selected);
    void addRowActions(QPushButton *openFolder);
    void showPlayhead();

    Orchestrator &m_orchestrator;
    DesktopOpener m_opener;
    FilesTableModel *m_model;
    QSortFilterProxyModel *m_sorted;
    QTableView *m_view;
    PianoRollView *m_preview;
    AuditionBar *m_audition;
    QLabel *m_empty;
    QLabel *m_selection;
    QPushButton *m_delete;
    QPushButton *m_regenerate;
    QStringList m_toSelect;
    QList<QAction *> m_selectionActions;   // the context menu's actions on the selected rows
};

} // namespace aiband
