#include "TryItPage.h"

#include "Orchestrator.h"
#include "PartTitle.h"
#include "PianoRollView.h"
#include "StyleTitle.h"
#include "music/PartRegistry.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

namespace aiband {
namespace {

const QString kChordsField = QStringLiteral("chords");

QString errorStyle()
{
    return QStringLiteral("color: #c0392b;");
}

} // namespace

QStringList TryItPage::meterChoices()
{
    return {QStringLiteral("4/4"), QStringLiteral("3/4"), QStringLiteral("6/8"),
            QStringLiteral("5/4"), QStringLiteral("7/8"), QStringLiteral("12/8")};
}

TryItPage::TryItPage(Orchestrator &orchestrator, QWidget *parent)
    : QWidget(parent),
      m_orchestrator(orchestrator),
      m_chords(new QLineEdit),
      m_chordsError(new QLabel),
      m_style(new QComboBox),
      m_tempo(new QSpinBox),
      m_meter(new QComboBox),
      m_generate(new QPushButton(tr("&Generate"))),
      m_status(new QLabel),
      m_results(new QWidget),
      m_resultsLayout(new QVBoxLayout(m_results))
{
    m_chords->setObjectName(QStringLiteral("chords"));
    m_chords->setText(QStringLiteral("C Am F G"));
    m_chords->setPlaceholderText(tr("C Am F G   or   C | Am | F G | G7"));
    m_chords->setToolTip(tr("One bar per chord, or bars separated by |; chords sharing a bar split it. % repeats a bar."));
    m_chordsError->setObjectName(QStringLiteral("chordsError"));
    m_chordsError->setStyleSheet(errorStyle());
    m_chordsError->setWordWrap(true);
    m_chordsError->hide();

    m_style->setObjectName(QStringLiteral("style"));
    const StyleLibrary &styles = orchestrator.session().styles();
    for (const QString &name : styles.names()) {
        const Style *style = styles.find(name);
        m_style->addItem(styleTitle(styles, name), name);
        if (style && !style->description.isEmpty())
            m_style->setItemData(m_style->count() - 1, style->description, Qt::ToolTipRole);
    }

    m_tempo->setObjectName(QStringLiteral("tempo"));
    m_tempo->setRange(20, 400);
    m_tempo->setSuffix(tr(" BPM"));
    m_tempo->setValue(120);

    m_meter->setObjectName(QStringLiteral("meter"));
    m_meter->addItems(meterChoices());

    auto *parts = new QHBoxLayout;
    for (const PartRow &row : partRows()) {
        if (row.isBand())
            continue;  // "full" is the ticked parts together, not a part of its own
        const QString type = QString::fromLatin1(row.name);
        auto *box = new QCheckBox(partTitle(type));
        box->setObjectName(QStringLiteral("part_") + type);
        box->setProperty("trackType", type);
        box->setChecked(row.inFullBand);  // the band as "full" has it; a guitar is asked for
        parts->addWidget(box);
        m_parts.append(box);
    }
    parts->addStretch();

    m_generate->setObjectName(QStringLiteral("generate"));
    m_generate->setDefault(true);
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);

    auto *chordsColumn = new QVBoxLayout;
    chordsColumn->setSpacing(2);
    chordsColumn->addWidget(m_chords);
    chordsColumn->addWidget(m_chordsError);
    auto *form = new QFormLayout;
    // A row holding a layout gets no buddy from QFormLayout, so the mnemonic is set by hand.
    auto *chordsLabel = new QLabel(tr("&Chords:"));
    chordsLabel->setBuddy(m_chords);
    form->addRow(chordsLabel, chordsColumn);
    form->addRow(tr("&Style:"), m_style);
    form->addRow(tr("&Tempo:"), m_tempo);
    form->addRow(tr("&Meter:"), m_meter);
    form->addRow(tr("Parts:"), parts);
    auto *action = new QHBoxLayout;
    action->addWidget(m_generate);
    action->addWidget(m_status, 1);
    form->addRow(action);

    m_results->setObjectName(QStringLiteral("results"));
    m_resultsLayout->setContentsMargins(0, 0, 0, 0);
    m_resultsLayout->addStretch();
    auto *scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_results);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(scroll, 1);

    connect(m_style, &QComboBox::currentIndexChanged, this, &TryItPage::styleChosen);
    connect(m_generate, &QPushButton::clicked, this, &TryItPage::generate);
    connect(m_chords, &QLineEdit::returnPressed, this, &TryItPage::generate);
    // Once an error shows, it follows the typing, so it goes as soon as the chords are fixed.
    connect(m_chords, &QLineEdit::textChanged, this, [this] {
        if (!m_chordsError->isHidden()) {
            const Result<GenerateRequest> request = buildRequest();
            if (request || request.error().field != kChordsField)
                m_chordsError->hide();
            else
                m_chordsError->setText(request.error().message);
        }
    });

    const int preferred = m_style->findData(orchestrator.session().defaultStyle());
    m_style->setCurrentIndex(preferred >= 0 ? preferred : 0);
    styleChosen();
}

void TryItPage::styleChosen()
{
    // A style comes with its own tempo and meter; the musician adjusts from there.
    const Style *style = m_orchestrator.session().styles().find(m_style->currentData().toString());
    if (!style)
        return;
    m_tempo->setValue(static_cast<int>(std::lround(style->defaultTempo)));
    const QString meter = style->meter.name();
    if (m_meter->findText(meter) < 0)
        m_meter->addItem(meter);
    m_meter->setCurrentText(meter);
}

Result<GenerateRequest> TryItPage::buildRequest() const
{
    SheetRequest sheet{m_chords->text(), m_tempo->value(), m_meter->currentText(), m_style->currentData().toString(), {}};
    for (const QCheckBox *box : m_parts) {
        if (box->isChecked())
            sheet.parts.append(box->property("trackType").toString());
    }
    if (sheet.parts.isEmpty())
        return makeError(QStringLiteral("invalid_field"), tr("Choose at least one part."), QStringLiteral("track_types"));
    return m_orchestrator.session().parseSheet(sheet);
}

void TryItPage::generate()
{
    if (m_generating)
        return;
    clearErrors();
    Result<GenerateRequest> request = buildRequest();
    if (!request) {
        showError(request.error());
        emit generationFinished(false);
        return;
    }
    QPointer<TryItPage> self(this);
    m_generating = true;
    m_generate->setEnabled(false);
    m_status->setStyleSheet({});
    m_status->setText(tr("Generating…"));
    // A refusal (busy, rate_limited) may come back before generate() returns: finish() handles both.
    m_orchestrator.session().generate(std::move(request).value(), Requester::fromWindow(),
                                      [self](const Result<GenerationResult> &result) {
        if (self)
            self->finish(result);
    });
}

void TryItPage::finish(const Result<GenerationResult> &result)
{
    m_generating = false;
    m_generate->setEnabled(true);
    if (!result) {
        showError(result.error());
        emit generationFinished(false);
        return;
    }
    showResult(*result);
    emit generationFinished(true);
}

void TryItPage::clearErrors()
{
    m_chordsError->hide();
    m_chordsError->clear();
    m_status->setStyleSheet({});
    m_status->clear();
}

void TryItPage::showError(const Error &error)
{
    if (error.field == kChordsField) {
        m_chordsError->setText(error.message);
        m_chordsError->show();
        m_chords->setFocus();
        return;
    }
    m_status->setStyleSheet(errorStyle());
    m_status->setText(error.message);
}

void TryItPage::showResult(const GenerationResult &result)
{
    m_files = result.files;
    // The previous result's previews go; the files themselves stay in the Files tab.
    while (QLayoutItem *item = m_resultsLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const QJsonObject &meta = result.metadata;
    m_status->setText(tr("Key %1 · %2 bars · seed %3. Drag a part into your DAW or a file manager; "
                         "the files are also in the Files tab.")
                          .arg(meta.value(QStringLiteral("key")).toString())
                          .arg(meta.value(QStringLiteral("bars")).toDouble())
                          .arg(meta.value(QStringLiteral("seed")).toInteger()));
    for (const GeneratedFile &file : result.files) {
        auto *title = new QLabel(tr("<b>%1</b> · %n notes · %2", nullptr, file.noteCount)
                                     .arg(partTitle(file.trackType).toHtmlEscaped(), file.file.name.toHtmlEscaped()));
        auto *roll = new PianoRollView;
        roll->setObjectName(QStringLiteral("preview_") + file.trackType);
        roll->setMinimumHeight(140);
        roll->setFile(file.file.path);
        m_resultsLayout->addWidget(title);
        m_resultsLayout->addWidget(roll);
    }
    m_resultsLayout->addStretch();
}

} // namespace aiband
