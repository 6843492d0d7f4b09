#pragma once

#include "SettingsChange.h"
#include "config/Config.h"
#include "util/Result.h"

#include <QDialog>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QScrollArea;
class QTabWidget;
class QVBoxLayout;

namespace aiband {

struct ConfigKey;
class Orchestrator;

// Every setting of the key table (core/config/ConfigSchema.cpp), one editor per kind, in the tab
// its row names (General or Advanced; Advanced grouped by section), with its unit beside it,
// each checked with the schema's own parser and the cross-field rules as it is typed. Combo
// boxes ignore the wheel unless clicked (WheelGuard). Keys other parts add to
// the table appear here without changes. Apply hands the result to applySettings() (applied at
// once, a new port included, then the changed keys saved and start on login set). Keep one
// dialog per window: it remembers applied settings that only take effect at the next start.
class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    SettingsDialog(Orchestrator &orchestrator, SettingsContext context, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    // The editor of a key path, and the message under it (empty when the value is fine).
    QWidget *editorFor(const QString &path) const;
    QString messageFor(const QString &path) const;
    QCheckBox *startOnLoginBox() const { return m_startOnLogin; }
    bool canApply() const;

    // Applies and saves; the Error is also shown in the window (next to its field if it has one).
    // The result line under the tabs says what happened every time (resultText()).
    Status apply();
    QString resultText() const;

    // Opens the tab holding `path`, scrolls to its editor and gives it the focus ("Change port").
    void showField(const QString &path);
    QTabWidget *tabs() const { return m_tabs; }

public slots:
    // The token in use, masked; empty while there is none (the row stays, its field disabled).
    void setAccessToken(const QString &token);
    // Editors back to the settings last applied (or those running when the dialog was made).
    void reload();

signals:
    // The user asked for a new token; answer with setAccessToken(the new one).
    void tokenRegenerationRequested();
    void applied();

private:
    struct Row {
        const ConfigKey *key;
        QWidget *editor;
        QLabel *message;
        QLabel *unit;                                  // nullptr when the key has no unit
        std::function<QString()> text;                // the editor's value, as applyText reads it
        std::function<void(const Config &)> show;     // puts a config's value into the editor
        bool overridden = false;
    };

    void buildRows();
    QWidget *makeCell(Row &row);
    QWidget *makeTokenRow();
    Row makeRow(const ConfigKey &key);
    Row *rowFor(const QString &path);
    const Row *rowFor(const QString &path) const;
    bool validate(Config *candidate);
    void refreshButtons();
    void showGeneral(const QString &text);
    void showUnit(Row &row);
    QString labelsOf(const QStringList &paths) const;
    QString appliedText(const QStringList &changed, const QStringList &atNextStart) const;

    Orchestrator &m_orchestrator;
    SettingsContext m_context;
    Config m_baseline;                 // the settings last applied
    std::vector<Row> m_rows;
    QCheckBox *m_startOnLogin = nullptr;
    QLineEdit *m_token = nullptr;
    QList<QPushButton *> m_tokenButtons;   // show, copy, regenerate: nothing to act on without a token
    QTabWidget *m_tabs = nullptr;
    QScrollArea *m_advanced = nullptr;        // the Advanced tab
    QMap<QString, QWidget *> m_pageOf;        // key path -> the tab page holding its editor
    QLabel *m_general = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace aiband
