#include "TryItPage.h"

#include "AuditionBar.h"
#include "AuditionPlayer.h"
#include "Orchestrator.h"
#include "PartTitle.h"
#include "StyleTitle.h"
#include "TryItErrorText.h"
#include "TryItTake.h"
#include "music/Key.h"
#include "music/PartRegistry.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QRandomGenerator>
#include <QRegularExpressionValidator>
#include <QScrollArea>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace aiband {
namespace {

QString errorStyle()
{
    return QStringLiteral("color: #c0392b;");
}

// A label before a control that sits in a row of its own (QFormLayout gives those no buddy).
QLabel *buddyLabel(const QString &text, QWidget *buddy)
{
    auto *label = new QLabel(text);
    label->setBuddy(buddy);
    return label;
}

double unit(const QSlider *slider)
{
    return slider->value() / 100.0;
}

// swing 0 is straight (ratio 0.5), 1 a hard shuffle (0.75): the API's scale.
int swingPercent(double ratio)
{
    return std::clamp(static_cast<int>(std::lround((ratio - 0.5) / 0.25 * 100.0)), 0, 100);
}

} // namespace

QStringList TryItPage::meterChoices()
{
    return {QStringLiteral("4/4"), QStringLiteral("3/4"), QStringLiteral("6/8"),
            QStringLiteral("5/4"), QStringLiteral("7/8"), QStringLiteral("12/8")};
}

TryItPage::TryItPage(Orchestrator &orchestrator, QWidget *parent)
    : TryItPage(orchestrator, interfaceNoteNaming(), parent)
{
}

TryItPage::TryItPage(Orchestrator &orchestrator, NoteNaming naming, QWidget *parent)
    : QWidget(parent),
      m_orchestrator(orchestrator),
      m_naming(naming),
      m_chords(new QLineEdit),
      m_style(new QComboBox),
      m_styleDescription(new QLabel),
      m_tempo(new QSpinBox),
      m_meter(new QComboBox),
      m_key(new QComboBox),
      m_lengthUnit(new QComboBox),
      m_lengthCount(new QSpinBox),
      m_styleSwing(new QCheckBox(tr("The style's"))),
      m_countIn(new QSpinBox),
      m_intro(new QSpinBox),
      m_fills(new QCheckBox(tr("&Fills at phrase ends"))),
      m_ending(new QCheckBox(tr("&Ending bar"))),
      m_seed(new QLineEdit),
      m_generate(new QPushButton(tr("&Generate"))),
      m_newTake(new QPushButton(tr("&New take"))),
      m_status(new QLabel)
{
    auto *form = new QHBoxLayout;
    form->addWidget(buildFeel(), 1);
    form->addWidget(buildSong(), 1);

    auto *results = new QWidget;
    results->setObjectName(QStringLiteral("results"));
    m_resultsLayout = new QVBoxLayout(results);
    m_resultsLayout->setContentsMargins(0, 0, 0, 0);
    // The audition bar, then the TryItTake, one at a time, above this stretch.
    m_audition = new AuditionBar(orchestrator);
    m_audition->setObjectName(QStringLiteral("auditionBar"));
    m_audition->hide();
    m_resultsLayout->addWidget(m_audition);
    m_resultsLayout->addStretch();
    connect(m_audition->player(), &AuditionPlayer::positionChanged, this, &TryItPage::showPlayhead);
    connect(m_audition->player(), &AuditionPlayer::stateChanged, this, &TryItPage::showPlayhead);
    auto *scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(results);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buildBasics());
    layout->addLayout(form);
    layout->addLayout(buildParts());
    layout->addLayout(buildActions());
    layout->addWidget(scroll, 1);

    const int preferred = m_style->findData(orchestrator.session().defaultStyle());
    m_style->setCurrentIndex(preferred >= 0 ? preferred : 0);
    styleChosen();
    lengthChosen();
}

QLayout *TryItPage::buildBasics()
{
    auto *basics = new QFormLayout;
    basics->addRow(buddyLabel(tr("&Chords:"), m_chords), buildChords());
    basics->addRow(buddyLabel(tr("&Style:"), m_style), buildStyleAndKey());
    basics->addRow(buddyLabel(tr("&Tempo:"), m_tempo), buildTimeAndLength());
    return basics;
}

QLayout *TryItPage::buildChords()
{
    m_chords->setObjectName(QStringLiteral("chords"));
    m_chords->setText(chordsFromStandard(QStringLiteral("C Am F G"), m_naming));
    m_chords->setPlaceholderText(tr("C Am F G   or   C | Am | F G | G7"));
    m_chords->setToolTip(tr("One bar per chord, or bars separated by |; chords sharing a bar split it. % repeats a bar."));
    connect(m_chords, &QLineEdit::returnPressed, this, &TryItPage::generate);
    connect(m_chords, &QLineEdit::textChanged, this, &TryItPage::refreshShownError);
    auto *column = new QVBoxLayout;
    column->setSpacing(2);
    column->addWidget(m_chords);
    column->addWidget(errorLabel(QStringLiteral("chords")));
    return column;
}

// The style with its description under it, and the key beside it: the window is only so tall.
QLayout *TryItPage::buildStyleAndKey()
{
    m_style->setObjectName(QStringLiteral("style"));
    const StyleLibrary &styles = m_orchestrator.session().styles();
    for (const QString &name : styles.names()) {
        m_style->addItem(styleTitle(styles, name), name);
        m_style->setItemData(m_style->count() - 1, styleDescription(styles, name), Qt::ToolTipRole);
    }
    m_styleDescription->setObjectName(QStringLiteral("styleDescription"));
    m_styleDescription->setWordWrap(true);
    connect(m_style, &QComboBox::currentIndexChanged, this, &TryItPage::styleChosen);
    m_key->setObjectName(QStringLiteral("key"));
    fillKeys();

    auto *row = new QHBoxLayout;
    row->addWidget(m_style, 1);
    row->addWidget(buddyLabel(tr("&Key:"), m_key));
    row->addWidget(m_key);
    auto *column = new QVBoxLayout;
    column->setSpacing(2);
    column->addLayout(row);
    column->addWidget(m_styleDescription);
    return column;
}

QLayout *TryItPage::buildTimeAndLength()
{
    m_tempo->setObjectName(QStringLiteral("tempo"));
    m_tempo->setRange(20, 400);
    m_tempo->setSuffix(tr(" BPM"));
    m_tempo->setValue(120);
    m_meter->setObjectName(QStringLiteral("meter"));
    m_meter->addItems(meterChoices());

    m_lengthUnit->setObjectName(QStringLiteral("lengthUnit"));
    m_lengthUnit->addItem(tr("As written"), static_cast<int>(SongLength::AsWritten));
    m_lengthUnit->addItem(tr("Bars"), static_cast<int>(SongLength::Bars));
    m_lengthUnit->addItem(tr("Choruses (times through the chords)"), static_cast<int>(SongLength::Choruses));
    m_lengthCount->setObjectName(QStringLiteral("lengthCount"));
    m_lengthCount->setRange(1, m_orchestrator.session().generation().requestLimits().maxBars);
    m_lengthCount->setValue(8);
    connect(m_lengthUnit, &QComboBox::currentIndexChanged, this, &TryItPage::lengthChosen);
    connect(m_lengthUnit, &QComboBox::currentIndexChanged, this, &TryItPage::refreshShownError);
    connect(m_lengthCount, &QSpinBox::valueChanged, this, &TryItPage::refreshShownError);

    auto *row = new QHBoxLayout;
    row->addWidget(m_tempo);
    row->addWidget(buddyLabel(tr("&Meter:"), m_meter));
    row->addWidget(m_meter);
    row->addWidget(buddyLabel(tr("&Length:"), m_lengthUnit));
    row->addWidget(m_lengthUnit);
    row->addWidget(m_lengthCount);
    row->addWidget(errorLabel(QStringLiteral("length")), 1);
    row->addStretch();
    return row;
}

void TryItPage::fillKeys()
{
    m_key->addItem(tr("From the chords"), QString());
    for (const bool minor : {false, true}) {
        for (int tonic = 0; tonic < 12; ++tonic) {
            const QString letters = Key{tonic, minor}.name();   // "F#m": the tonic spelled as the key spells it
            const QString tonicName = chordsFromStandard(minor ? letters.chopped(1) : letters, m_naming);
            m_key->addItem(minor ? tr("%1 minor").arg(tonicName) : tr("%1 major").arg(tonicName), letters);
        }
    }
}

QSlider *TryItPage::addSlider(QGridLayout *grid, const QString &label, const QString &name, int value)
{
    auto *slider = new QSlider(Qt::Horizontal);
    slider->setObjectName(name);
    slider->setRange(0, 100);
    slider->setValue(value);
    slider->setMinimumWidth(120);
    auto *shown = new QLabel(QString::number(value));
    shown->setMinimumWidth(shown->fontMetrics().horizontalAdvance(QStringLiteral("100")));
    connect(slider, &QSlider::valueChanged, shown, [shown](int now) { shown->setNum(now); });
    // An empty grid counts one row: the first slider goes there.
    const int row = grid->isEmpty() ? 0 : grid->rowCount();
    grid->addWidget(buddyLabel(label, slider), row, 0);
    grid->addWidget(slider, row, 2);
    grid->addWidget(shown, row, 3);
    return slider;
}

QWidget *TryItPage::buildFeel()
{
    auto *group = new QGroupBox(tr("Feel"));
    group->setObjectName(QStringLiteral("feelGroup"));
    auto *grid = new QGridLayout(group);
    m_swing = addSlider(grid, tr("S&wing:"), QStringLiteral("swing"), 0);
    m_styleSwing->setObjectName(QStringLiteral("styleSwing"));
    m_styleSwing->setChecked(true);
    m_styleSwing->setToolTip(tr("Swing as the style plays it; untick to set your own (0 straight, 100 a hard shuffle)."));
    grid->addWidget(m_styleSwing, grid->rowCount() - 1, 1);
    connect(m_styleSwing, &QCheckBox::toggled, m_swing, [this](bool styles) { m_swing->setEnabled(!styles); });
    m_swing->setEnabled(false);
    m_intensity = addSlider(grid, tr("&Intensity:"), QStringLiteral("intensity"), 50);
    m_intensity->setToolTip(tr("How hard and busy the band plays: velocities, ghost notes, fills."));
    m_complexity = addSlider(grid, tr("Com&plexity:"), QStringLiteral("complexity"), 50);
    m_complexity->setToolTip(tr("How much the parts vary and embellish: passing notes, syncopation, extensions."));
    m_humanize = addSlider(grid, tr("&Humanize:"), QStringLiteral("humanize"), 40);
    m_humanize->setToolTip(tr("How far timing and velocity stray from the grid, as players do."));
    grid->setColumnStretch(2, 1);
    return group;
}

QWidget *TryItPage::buildSong()
{
    auto *group = new QGroupBox(tr("Song"));
    group->setObjectName(QStringLiteral("songGroup"));
    m_countIn->setObjectName(QStringLiteral("countIn"));
    m_countIn->setRange(0, 4);
    m_countIn->setToolTip(tr("Bars of clicks before the music."));
    m_intro->setObjectName(QStringLiteral("intro"));
    m_intro->setRange(0, 4);
    m_intro->setToolTip(tr("Bars of drums alone before the band comes in."));
    m_fills->setObjectName(QStringLiteral("fills"));
    m_fills->setChecked(true);
    m_ending->setObjectName(QStringLiteral("ending"));
    m_ending->setToolTip(tr("A closing bar on the first chord after the last one."));
    auto *form = new QFormLayout(group);
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    form->addRow(tr("C&ount-in (bars):"), m_countIn);
    form->addRow(tr("Int&ro (bars):"), m_intro);
    form->addRow(m_fills);
    form->addRow(m_ending);
    return group;
}

QLayout *TryItPage::buildParts()
{
    auto *parts = new QHBoxLayout;
    parts->addWidget(new QLabel(tr("Parts:")));
    // The parts first, then the full band's file, which holds several of them.
    QList<const PartRow *> rows;
    for (const PartRow &row : partRows())
        rows.append(&row);
    std::stable_partition(rows.begin(), rows.end(), [](const PartRow *row) { return !row->isBand(); });
    for (const PartRow *part : std::as_const(rows)) {
        const PartRow &row = *part;
        const QString type = QString::fromLatin1(row.name);
        auto *box = new QCheckBox(row.isBand() ? tr("Full band (one file)") : partTitle(type));
        box->setObjectName(QStringLiteral("part_") + type);
        box->setProperty("trackType", type);
        if (row.isBand())
            box->setToolTip(tr("Bass, drums and keys together in one file, besides the parts ticked."));
        box->setChecked(row.inFullBand);   // the band as "full" has it; a guitar is asked for
        connect(box, &QCheckBox::toggled, this, &TryItPage::refreshShownError);
        parts->addWidget(box);
        m_parts.append(box);
    }
    parts->addWidget(errorLabel(QStringLiteral("parts")), 1);
    return parts;
}

QLayout *TryItPage::buildActions()
{
    m_seed->setObjectName(QStringLiteral("seed"));
    m_seed->setPlaceholderText(tr("random"));
    m_seed->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("\\d{0,10}")), m_seed));
    m_seed->setMaximumWidth(m_seed->fontMetrics().horizontalAdvance(QStringLiteral("4294967295")) * 3 / 2);
    m_seed->setToolTip(tr("The same settings and seed give the same take. Generate keeps the seed, so a "
                          "changed control is heard on the same take; empty it for a random one."));
    connect(m_seed, &QLineEdit::textChanged, this, &TryItPage::refreshShownError);
    m_generate->setObjectName(QStringLiteral("generate"));
    m_generate->setDefault(true);
    m_newTake->setObjectName(QStringLiteral("newTake"));
    m_newTake->setToolTip(tr("The same settings with a new seed: another take."));
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);
    connect(m_generate, &QPushButton::clicked, this, &TryItPage::generate);
    connect(m_newTake, &QPushButton::clicked, this, &TryItPage::newTake);

    auto *actions = new QHBoxLayout;
    actions->addWidget(buddyLabel(tr("See&d:"), m_seed));
    actions->addWidget(m_seed);
    actions->addWidget(errorLabel(QStringLiteral("seed")));
    actions->addWidget(m_generate);
    actions->addWidget(m_newTake);
    actions->addWidget(m_status, 1);
    return actions;
}

QLabel *TryItPage::errorLabel(const QString &control)
{
    auto *label = new QLabel;
    label->setObjectName(control + QStringLiteral("Error"));
    label->setStyleSheet(errorStyle());
    label->setWordWrap(true);
    label->hide();
    m_errors.insert(control, label);
    return label;
}

void TryItPage::styleChosen()
{
    // A style comes with its own tempo, meter and swing; the musician adjusts from there.
    const QString name = m_style->currentData().toString();
    const Style *style = m_orchestrator.session().styles().find(name);
    if (!style)
        return;
    m_styleDescription->setText(styleDescription(m_orchestrator.session().styles(), name));
    m_styleDescription->setVisible(!m_styleDescription->text().isEmpty());
    m_tempo->setValue(static_cast<int>(std::lround(style->defaultTempo)));
    const QString meter = style->meter.name();
    if (m_meter->findText(meter) < 0)
        m_meter->addItem(meter);
    m_meter->setCurrentText(meter);
    if (m_styleSwing->isChecked())
        m_swing->setValue(swingPercent(style->swingRatio));
}

void TryItPage::lengthChosen()
{
    m_lengthCount->setEnabled(static_cast<SongLength>(m_lengthUnit->currentData().toInt()) != SongLength::AsWritten);
}

TryItSettings TryItPage::settings() const
{
    TryItSettings s;
    s.chords = m_chords->text();
    s.naming = m_naming;
    s.style = m_style->currentData().toString();
    s.tempo = m_tempo->value();
    s.meter = m_meter->currentText();
    s.key = m_key->currentData().toString();
    s.length = static_cast<SongLength>(m_lengthUnit->currentData().toInt());
    s.lengthCount = m_lengthCount->value();
    if (!m_styleSwing->isChecked())
        s.swing = unit(m_swing);
    s.intensity = unit(m_intensity);
    s.complexity = unit(m_complexity);
    s.humanize = unit(m_humanize);
    s.countInBars = m_countIn->value();
    s.introBars = m_intro->value();
    s.fills = m_fills->isChecked();
    s.ending = m_ending->isChecked();
    for (const QCheckBox *box : m_parts) {
        if (box->isChecked())
            s.parts.append(box->property("trackType").toString());
    }
    s.seed = m_seed->text();
    return s;
}

Result<GenerateRequest> TryItPage::buildRequest() const
{
    return parseTryIt(settings(), m_orchestrator.session());
}

const QList<GeneratedFile> &TryItPage::resultFiles() const
{
    static const QList<GeneratedFile> none;
    return m_take ? m_take->files() : none;
}

void TryItPage::generate()
{
    if (m_generating)
        return;
    clearErrors();
    Result<GenerateRequest> request = buildRequest();
    if (!request) {
        fail(request.error());
        return;
    }
    QPointer<TryItPage> self(this);
    m_generating = true;
    m_generate->setEnabled(false);
    m_newTake->setEnabled(false);
    m_status->setText(tr("Generating…"));
    // A refusal (busy, rate_limited) may come back before generate() returns: finish() handles both.
    m_orchestrator.session().generate(std::move(request).value(), Requester::fromWindow(),
                                      [self](const Result<GenerationResult> &result) {
        if (self)
            self->finish(result);
    });
}

void TryItPage::newTake()
{
    if (m_generating)
        return;
    const quint32 previous = m_take ? m_take->seed() : m_seed->text().toUInt();
    quint32 seed = QRandomGenerator::global()->generate();
    while (seed == previous)
        seed = QRandomGenerator::global()->generate();
    m_seed->setText(QString::number(seed));
    generate();
}

void TryItPage::finish(const Result<GenerationResult> &result)
{
    m_generating = false;
    m_generate->setEnabled(true);
    m_newTake->setEnabled(true);
    if (!result) {
        fail(result.error());
        return;
    }
    showResult(*result);
    emit generationFinished(true);
}

void TryItPage::clearErrors()
{
    for (QLabel *label : std::as_const(m_errors)) {
        label->hide();
        label->clear();
    }
    m_status->setStyleSheet({});
    m_status->clear();
}

void TryItPage::fail(const Error &error)
{
    // The last good take stays, marked, so a typo or a refusal never costs it.
    if (m_take)
        m_take->markAsPrevious();
    QLabel *label = m_errors.value(TryItErrorText::control(error), m_status);
    if (label == m_status) {
        m_status->setStyleSheet(errorStyle());
    } else if (label == m_errors.value(QStringLiteral("chords"))) {
        m_chords->setFocus();
    }
    label->setText(TryItErrorText::text(error, m_naming));
    // The API's own words, for a bug report or a question to a plugin's author.
    label->setToolTip(error.message);
    label->show();
    emit generationFinished(false);
}

void TryItPage::refreshShownError()
{
    // Once an error shows, it follows the typing, so it goes as soon as the input is fixed.
    const auto shown = std::find_if(m_errors.cbegin(), m_errors.cend(), [](QLabel *label) { return !label->isHidden(); });
    if (shown == m_errors.cend())
        return;
    const Result<GenerateRequest> request = buildRequest();
    if (request || TryItErrorText::control(request.error()) != shown.key()) {
        (*shown)->hide();
        return;
    }
    (*shown)->setText(TryItErrorText::text(request.error(), m_naming));
    (*shown)->setToolTip(request.error().message);
}

void TryItPage::showResult(const GenerationResult &result)
{
    // The previous take's previews go; its files stay in the Files tab.
    delete m_take;
    m_take = new TryItTake(result, m_naming);
    m_resultsLayout->insertWidget(m_resultsLayout->indexOf(m_audition) + 1, m_take);
    auditionTake();
    m_audition->show();
    m_seed->setText(QString::number(m_take->seed()));
    m_status->setStyleSheet({});
    m_status->setText(tr("Drag a part into your DAW or a file manager; the files are also in the Files tab."));
}

void TryItPage::auditionTake()
{
    QStringList names;
    for (const GeneratedFile &file : m_take->files())
        names.append(file.file.name);
    m_audition->setTake(names);
    m_audition->setTitle(tr("Plays this take: every part together, or one with \"Play this part only\"."));
}

void TryItPage::showPlayhead()
{
    if (!m_take)
        return;
    const AuditionPlayer *player = m_audition->player();
    const bool playing = player->state() == AuditionPlayer::State::Playing;
    m_take->setPlayhead(playing ? std::optional<double>(player->position()) : std::nullopt);
}

} // namespace aiband
