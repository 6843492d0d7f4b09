#include "SettingsDialog.h"

#include "ConfigKeyText.h"
#include "LanguageLoader.h"
#include "Orchestrator.h"
#include "StyleTitle.h"
#include "WheelGuard.h"
#include "config/ConfigRules.h"
#include "config/ConfigSchema.h"
#include "platform/Autostart.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLocale>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QStyle>
#include <QStyleOptionFrame>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace aiband {
namespace {

template <class... Ts>
struct Overloaded : Ts... { using Ts::operator()...; };

// The text form of a setting's value, as applyText() reads it back. A list (a kind other parts
// add) is shown as comma-separated values, the way its environment variable is written.
QString valueText(const Config &config, const ConfigKey &key)
{
    const QJsonValue value = settingToJson(config, key);
    switch (value.type()) {
    case QJsonValue::Bool: return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: return QString::number(value.toDouble(), 'g', 15);
    case QJsonValue::Array: {
        QStringList items;
        for (const QJsonValue &item : value.toArray())
            items.append(item.toString());
        return items.join(QStringLiteral(", "));
    }
    default: return value.toString();
    }
}

QString sectionTitle(const QString &section)
{
    static const QMap<QString, const char *> titles{
        {QStringLiteral("server"), QT_TRANSLATE_NOOP("aiband::SettingsDialog", "Server")},
        {QStringLiteral("backend"), QT_TRANSLATE_NOOP("aiband::SettingsDialog", "Generation")},
        {QStringLiteral("plugin"), QT_TRANSLATE_NOOP("aiband::SettingsDialog", "Files")},
        {QStringLiteral("engine"), QT_TRANSLATE_NOOP("aiband::SettingsDialog", "Engine")},
        {QStringLiteral("logging"), QT_TRANSLATE_NOOP("aiband::SettingsDialog", "Logging")},
        {QStringLiteral("websocket"), QT_TRANSLATE_NOOP("aiband::SettingsDialog", "Plugin connections")},
        {QStringLiteral("ui"), QT_TRANSLATE_NOOP("aiband::SettingsDialog", "Desktop")},
    };
    if (const char *title = titles.value(section))
        return QCoreApplication::translate("aiband::SettingsDialog", title);
    return section.left(1).toUpper() + section.mid(1);
}

// A line edit wide enough for its whole text, shown or masked, or its placeholder, however wide
// the translated buttons beside it are: the frame and margins as QLineEdit::sizeHint() counts
// them around the text.
int widthShowingAll(const QLineEdit *edit)
{
    const QFontMetrics metrics(edit->font());
    const QChar mask(edit->style()->styleHint(QStyle::SH_LineEdit_PasswordCharacter, nullptr, edit));
    const int textWidth = std::max({metrics.horizontalAdvance(edit->text()),
                                    metrics.horizontalAdvance(QString(edit->text().size(), mask)),
                                    metrics.horizontalAdvance(edit->placeholderText())});
    constexpr int kInnerMargin = 2;   // QLineEditPrivate::horizontalMargin, each side
    const QMargins margins = edit->textMargins() + edit->contentsMargins();
    const QSize contents(textWidth + 2 * kInnerMargin + margins.left() + margins.right() + 1,   // + the cursor
                         metrics.height());
    QStyleOptionFrame option;
    option.initFrom(edit);
    option.lineWidth = edit->hasFrame() ? edit->style()->pixelMetric(QStyle::PM_DefaultFrameWidth, &option, edit) : 0;
    return edit->style()->sizeFromContents(QStyle::CT_LineEdit, &option, contents, edit).width();
}

bool isFolderSetting(const ConfigKey &key)
{
    const QString path = QString::fromLatin1(key.path);
    return !path.endsWith(QLatin1String(".file"));
}

} // namespace

SettingsDialog::SettingsDialog(Orchestrator &orchestrator, SettingsContext context, QWidget *parent)
    : QDialog(parent), m_orchestrator(orchestrator), m_context(std::move(context)), m_baseline(orchestrator.config())
{
    setWindowTitle(tr("Settings — AI Band Orchestrator"));
    buildRows();
    reload();
    // One width for every unit, so the editors beside them end in one line down the page.
    int unitWidth = 0;
    for (const Row &row : m_rows)
        unitWidth = row.unit ? std::max(unitWidth, row.unit->sizeHint().width()) : unitWidth;
    for (const Row &row : m_rows) {
        if (row.unit)
            row.unit->setMinimumWidth(unitWidth);
    }
}

SettingsDialog::~SettingsDialog() = default;

void SettingsDialog::buildRows()
{
    // General: one plain form of what a musician sets up, never scrolled, so the window is as
    // wide as its widest row (the whole token and its buttons, in every language). Advanced: a
    // scrolling page of groups, one per section, for the server's limits and the rest. Which tab
    // a key goes to is its row's `group` in the key table.
    auto *general = new QWidget;
    auto *generalForm = new QFormLayout(general);
    auto *advanced = new QWidget;
    auto *advancedLayout = new QVBoxLayout(advanced);
    m_advanced = new QScrollArea;
    m_advanced->setWidgetResizable(true);
    m_advanced->setWidget(advanced);
    QList<QFormLayout *> forms{generalForm};
    QMap<QString, QFormLayout *> sections;
    const auto sectionForm = [&](const QString &section) {
        if (QFormLayout *form = sections.value(section))
            return form;
        auto *group = new QGroupBox(sectionTitle(section));
        auto *form = new QFormLayout(group);
        advancedLayout->addWidget(group);
        sections.insert(section, form);
        forms.append(form);
        return form;
    };

    m_rows.reserve(configKeys().size());
    for (const ConfigKey &key : configKeys()) {
        if (key.secret)
            continue;   // the token has its own row; secrets are never shown as plain settings
        m_rows.push_back(makeRow(key));
        Row &row = m_rows.back();
        const QString path = QString::fromLatin1(key.path);
        const bool isGeneral = key.group == SettingsGroup::General;
        QFormLayout *form = isGeneral ? generalForm : sectionForm(path.section(QLatin1Char('.'), 0, 0));
        form->addRow(ConfigKeyText::label(key), makeCell(row));
        m_pageOf.insert(path, isGeneral ? general : static_cast<QWidget *>(m_advanced));
        // Always there, so the window does not jump when the server starts and the token is
        // read; until then the field says why it is empty. Beside the port: a plugin that must
        // send the token needs both.
        if (path == QLatin1String("server.port"))
            generalForm->addRow(tr("Access token"), makeTokenRow());
    }
    m_startOnLogin = new QCheckBox(tr("Start when I log in"));
    m_startOnLogin->setToolTip(tr("Adds the application to your desktop's autostart (%1).").arg(autostart::entryPath()));
    generalForm->addRow(tr("Start on login"), m_startOnLogin);
    advancedLayout->addStretch();

    // One label width for every form lines the editors up down each page instead of jumping
    // at every group.
    QList<QWidget *> labels;
    int labelWidth = 0;
    for (QFormLayout *form : std::as_const(forms)) {
        for (int row = 0; row < form->rowCount(); ++row) {
            QLayoutItem *item = form->itemAt(row, QFormLayout::LabelRole);
            if (QWidget *label = item ? item->widget() : nullptr) {
                labels.append(label);
                labelWidth = std::max(labelWidth, label->sizeHint().width());
            }
        }
    }
    for (QWidget *label : std::as_const(labels))
        label->setMinimumWidth(labelWidth);

    m_tabs = new QTabWidget;
    generalForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_tabs->addTab(general, tr("General"));
    m_tabs->addTab(m_advanced, tr("Advanced"));
    auto *guard = new WheelGuard(this);
    guard->guardEditorsIn(m_tabs);

    m_general = new QLabel;
    m_general->setObjectName(QStringLiteral("general"));
    m_general->setWordWrap(true);
    m_general->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Apply | QDialogButtonBox::Cancel);
    connect(m_buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, [this] { static_cast<void>(apply()); });
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (apply())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, [this] {
        reload();
        reject();
    });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs);
    layout->addWidget(m_general);
    layout->addWidget(m_buttons);
    resize(680, 720);
}

// The editor with its unit beside it, the message under it and, when the environment or an
// option sets the key, a note saying so.
QWidget *SettingsDialog::makeCell(Row &row)
{
    const ConfigKey &key = *row.key;
    const QString path = QString::fromLatin1(key.path);
    auto *cell = new QWidget;
    auto *cellLayout = new QVBoxLayout(cell);
    cellLayout->setContentsMargins(0, 0, 0, 0);
    auto *line = new QHBoxLayout;
    line->addWidget(row.editor, 1);
    if (key.unit) {
        row.unit = new QLabel(cell);
        row.unit->setObjectName(QStringLiteral("unit"));
        line->addWidget(row.unit);
    }
    cellLayout->addLayout(line);
    row.message = new QLabel(cell);
    row.message->setObjectName(QStringLiteral("message"));
    row.message->setWordWrap(true);
    row.message->setStyleSheet(QStringLiteral("color: #b00020;"));
    row.message->hide();
    cellLayout->addWidget(row.message);
    if (const QString source = m_context.overrides.value(path); !source.isEmpty()) {
        row.overridden = true;
        row.editor->setEnabled(false);
        auto *note = new QLabel(tr("Set by %1, which wins over this window; change it there.").arg(source), cell);
        note->setObjectName(QStringLiteral("override"));
        note->setWordWrap(true);
        cellLayout->addWidget(note);
    }
    const QString help = ConfigKeyText::description(key);
    cell->setToolTip(help);
    row.editor->setToolTip(help);
    return cell;
}

QWidget *SettingsDialog::makeTokenRow()
{
    auto *row = new QWidget;
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    m_token = new QLineEdit;
    m_token->setObjectName(QStringLiteral("token"));
    m_token->setReadOnly(true);
    m_token->setEchoMode(QLineEdit::Password);
    auto *show = new QPushButton(tr("Show"));
    show->setCheckable(true);
    connect(show, &QPushButton::toggled, this, [this, show](bool shown) {
        m_token->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        show->setText(shown ? tr("Hide") : tr("Show"));
    });
    auto *copy = new QPushButton(tr("Copy"));
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_token->text()); });
    auto *regenerate = new QPushButton(tr("Regenerate…"));
    regenerate->setToolTip(tr("Plugins and scripts using the old token must be given the new one."));
    connect(regenerate, &QPushButton::clicked, this, &SettingsDialog::tokenRegenerationRequested);
    layout->addWidget(m_token, 1);
    m_tokenButtons = {show, copy, regenerate};
    for (QPushButton *button : std::as_const(m_tokenButtons))
        layout->addWidget(button);
    setAccessToken({});
    return row;
}

SettingsDialog::Row SettingsDialog::makeRow(const ConfigKey &key)
{
    Row row{&key, nullptr, nullptr, nullptr, {}, {}};
    const QString path = QString::fromLatin1(key.path);
    const auto lineEdit = [&] {
        auto *edit = new QLineEdit;
        row.text = [edit] { return edit->text(); };
        row.show = [edit, &key](const Config &config) { edit->setText(valueText(config, key)); };
        connect(edit, &QLineEdit::textChanged, this, &SettingsDialog::refreshButtons);
        return edit;
    };
    const auto combo = [&](const QStringList &items) {
        auto *box = new QComboBox;
        box->addItems(items);
        row.text = [box] { return box->currentText(); };
        row.show = [box, &key](const Config &config) {
            const QString value = valueText(config, key);
            if (box->findText(value) < 0)
                box->addItem(value);   // an unknown value is shown as it is, and reported
            box->setCurrentText(value);
        };
        connect(box, &QComboBox::currentTextChanged, this, &SettingsDialog::refreshButtons);
        return box;
    };

    // Values shown by a name for people (the item's text), the setting's value in its data.
    const auto namedCombo = [&](const QString &objectName, const QList<std::pair<QString, QString>> &namesAndValues) {
        auto *box = new QComboBox;
        box->setObjectName(objectName);
        for (const auto &[name, value] : namesAndValues)
            box->addItem(name, value);
        row.text = [box] { return box->currentData().toString(); };
        row.show = [box, &key](const Config &config) {
            const QString value = valueText(config, key);
            if (box->findData(value) < 0)
                box->addItem(value, value);   // an unknown value is shown as it is, and reported
            box->setCurrentIndex(box->findData(value));
        };
        connect(box, &QComboBox::currentIndexChanged, this, &SettingsDialog::refreshButtons);
        return box;
    };

    if (path == QLatin1String("engine.default_style")) {
        // Styles by their titles, as the Try it tab and the Files table name them.
        const StyleLibrary &styles = m_orchestrator.session().styles();
        QList<std::pair<QString, QString>> titles;
        for (const QString &name : styles.names())
            titles.append({styleTitle(styles, name), name});
        row.editor = namedCombo(QStringLiteral("defaultStyle"), titles);
        return row;
    }
    if (path == QLatin1String("ui.language")) {
        // Languages by their own names, so someone lost in a language they cannot read still
        // finds theirs; the setting's value is the code ("" follows the system).
        QList<std::pair<QString, QString>> languages{{tr("System language"), QString()}};
        for (const QString &language : LanguageLoader::available())
            languages.append({LanguageLoader::nativeName(language), language});
        row.editor = namedCombo(QStringLiteral("language"), languages);
        return row;
    }
    row.editor = std::visit(
        Overloaded{
            [&](const BoolSetting &) -> QWidget * {
                auto *box = new QCheckBox;
                row.text = [box] { return box->isChecked() ? QStringLiteral("true") : QStringLiteral("false"); };
                row.show = [box, &key](const Config &config) { box->setChecked(settingToJson(config, key).toBool()); };
                connect(box, &QCheckBox::toggled, this, &SettingsDialog::refreshButtons);
                return box;
            },
            [&](const LogLevelSetting &) -> QWidget * {
                QStringList names;
                for (LogLevel level : {LogLevel::Debug, LogLevel::Info, LogLevel::Warning, LogLevel::Error, LogLevel::Critical})
                    names.append(logLevelName(level));
                return combo(names);
            },
            [&](const PathSetting &) -> QWidget * {
                auto *cell = new QWidget;
                auto *layout = new QHBoxLayout(cell);
                layout->setContentsMargins(0, 0, 0, 0);
                QLineEdit *edit = lineEdit();
                auto *browse = new QPushButton(tr("Browse…"));
                const bool folder = isFolderSetting(key);
                connect(browse, &QPushButton::clicked, this, [this, edit, folder] {
                    const QString chosen = folder ? QFileDialog::getExistingDirectory(this, tr("Choose a folder"), edit->text())
                                                  : QFileDialog::getSaveFileName(this, tr("Choose a file"), edit->text());
                    if (!chosen.isEmpty())
                        edit->setText(chosen);
                });
                layout->addWidget(edit, 1);
                layout->addWidget(browse);
                cell->setFocusProxy(edit);
                return cell;
            },
            [&](const auto &) -> QWidget * { return lineEdit(); },
        },
        key.kind);
    return row;
}

SettingsDialog::Row *SettingsDialog::rowFor(const QString &path)
{
    for (Row &row : m_rows) {
        if (path == QLatin1String(row.key->path))
            return &row;
    }
    return nullptr;
}

const SettingsDialog::Row *SettingsDialog::rowFor(const QString &path) const
{
    return const_cast<SettingsDialog *>(this)->rowFor(path);
}

QWidget *SettingsDialog::editorFor(const QString &path) const
{
    const Row *row = rowFor(path);
    return row ? row->editor : nullptr;
}

QString SettingsDialog::messageFor(const QString &path) const
{
    const Row *row = rowFor(path);
    return row && !row->message->isHidden() ? row->message->text() : QString();
}

bool SettingsDialog::canApply() const
{
    return m_buttons->button(QDialogButtonBox::Apply)->isEnabled();
}

void SettingsDialog::setAccessToken(const QString &token)
{
    m_token->setText(token);
    m_token->setPlaceholderText(token.isEmpty() ? tr("None yet: it is read when the server starts") : QString());
    m_token->setMinimumWidth(widthShowingAll(m_token));
    m_token->setEnabled(!token.isEmpty());
    for (QPushButton *button : std::as_const(m_tokenButtons))
        button->setEnabled(!token.isEmpty());
}

void SettingsDialog::reload()
{
    for (Row &row : m_rows)
        row.show(m_baseline);
    m_startOnLogin->setChecked(autostart::isEnabled());
    m_general->hide();
    refreshButtons();
}

// Runs every editor's value through the schema, as the config file's would be, and shows each
// message under its field. Relative paths are read against the config file's folder, as there.
bool SettingsDialog::validate(Config *candidate)
{
    Config config = m_baseline;
    const QString baseDir = QFileInfo(m_context.configFile).absolutePath();
    bool valid = true;
    for (Row &row : m_rows) {
        // An untouched value is the running one and stays as it is, even where the schema would
        // not accept it as typed input (an empty, unset path).
        if (row.overridden || row.text() == valueText(m_baseline, *row.key)) {
            row.message->hide();
            continue;
        }
        const Status status = applyText(config, *row.key, row.text(), baseDir);
        row.message->setText(status ? QString() : status.error().message);
        row.message->setVisible(!status);
        valid = valid && status.ok();
    }
    // Each value fine alone, but not together: said under the key the rule names last (the
    // one to change), naming both.
    if (valid) {
        for (const Error &conflict : conflictingSettings(config)) {
            if (Row *row = rowFor(conflict.field)) {
                row->message->setText(conflict.message);
                row->message->show();
            }
            valid = false;
        }
    }
    if (candidate)
        *candidate = config;
    return valid;
}

void SettingsDialog::refreshButtons()
{
    for (Row &row : m_rows)
        showUnit(row);
    const bool valid = validate(nullptr);
    m_buttons->button(QDialogButtonBox::Apply)->setEnabled(valid);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(valid);
}

// The unit as the key table gives it; sizes in bytes also in the unit a person reads them in
// ("bytes (1 MB)"), following the value as it is typed.
void SettingsDialog::showUnit(Row &row)
{
    if (!row.unit)
        return;
    const QString unit = QCoreApplication::translate(ConfigKeyText::kContext, row.key->unit);
    bool isNumber = false;
    const qint64 bytes = row.text().trimmed().toLongLong(&isNumber);
    if (qstrcmp(row.key->unit, "bytes") == 0 && isNumber && bytes >= 1024)
        row.unit->setText(tr("%1 (%2)", "a unit, then the size it makes").arg(unit, locale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat)));
    else
        row.unit->setText(unit);
}

void SettingsDialog::showGeneral(const QString &text)
{
    m_general->setText(text);
    m_general->setVisible(!text.isEmpty());
}

QString SettingsDialog::resultText() const
{
    return m_general->isHidden() ? QString() : m_general->text();
}

void SettingsDialog::showField(const QString &path)
{
    Row *row = rowFor(path);
    QWidget *page = m_pageOf.value(path);
    if (!row || !page)
        return;
    m_tabs->setCurrentWidget(page);
    if (page == m_advanced)
        m_advanced->ensureWidgetVisible(row->editor->parentWidget());   // the cell: its message too
    row->editor->setFocus(Qt::OtherFocusReason);
    if (auto *edit = qobject_cast<QLineEdit *>(row->editor))
        edit->selectAll();
}

QString SettingsDialog::labelsOf(const QStringList &paths) const
{
    QStringList labels;
    for (const QString &path : paths) {
        const Row *row = rowFor(path);
        labels.append(row ? ConfigKeyText::label(*row->key) : path);
    }
    return labels.join(QStringLiteral(", "));
}

// What Apply did, in one line: which settings run now, which wait for the next start.
QString SettingsDialog::appliedText(const QStringList &changed, const QStringList &atNextStart) const
{
    QStringList now;
    for (const QString &path : changed) {
        if (!atNextStart.contains(path))
            now.append(path);
    }
    QStringList parts;
    if (!now.isEmpty())
        parts.append(tr("Saved and applied now: %1.").arg(labelsOf(now)));
    if (!atNextStart.isEmpty())
        parts.append(tr("Saved; needs a restart to take effect: %1.").arg(labelsOf(atNextStart)));
    if (parts.isEmpty())
        parts.append(tr("Saved and applied."));   // only start on login changed
    return parts.join(QLatin1Char(' '));
}

Status SettingsDialog::apply()
{
    Config wanted;
    if (!validate(&wanted)) {
        refreshButtons();
        const Error refused = makeError(QStringLiteral("invalid_value"),
                                        tr("Some settings are not valid; see the messages under them."));
        showGeneral(tr("Not applied: %1").arg(refused.message));
        return refused;
    }
    QStringList changed;
    for (const Row &row : m_rows) {
        if (!row.overridden && settingToJson(wanted, *row.key) != settingToJson(m_baseline, *row.key))
            changed.append(QString::fromLatin1(row.key->path));
    }
    const bool startOnLoginChanges = m_startOnLogin->isChecked() != autostart::isEnabled();
    if (changed.isEmpty() && !startOnLoginChanges) {
        showGeneral(tr("Nothing changed."));
        emit applied();
        return Done{};
    }

    const SettingsOutcome outcome = applySettings(m_orchestrator, m_context,
                                                  SettingsChange{wanted, changed, m_startOnLogin->isChecked()});
    using Failed = SettingsOutcome::Failed;
    if (outcome.failed != Failed::Applying)
        m_baseline = wanted;   // it runs, whether or not it could be saved
    switch (outcome.failed) {
    case Failed::Applying:
        if (Row *row = rowFor(outcome.error.field)) {
            row->message->setText(outcome.error.message);
            row->message->show();
        }
        showGeneral(tr("Not applied: %1").arg(outcome.error.message));
        return outcome.error;
    case Failed::Saving:
        showGeneral(tr("Applied to this run, but not saved: %1").arg(outcome.error.message));
        return outcome.error;
    case Failed::StartOnLogin:
        showGeneral(tr("Applied and saved, but start on login was not changed: %1").arg(outcome.error.message));
        return outcome.error;
    case Failed::Nothing:
        break;
    }
    showGeneral(appliedText(changed, outcome.atNextStart));
    emit applied();
    return Done{};
}

} // namespace aiband
