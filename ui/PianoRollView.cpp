#include "PianoRollView.h"

#include "NoteNames.h"
#include "MidiDragData.h"
#include "PianoRollLayout.h"
#include "generation/TakeChords.h"
#include "music/MidiReader.h"

#include <QApplication>
#include <QDrag>
#include <QFile>
#include <QFileInfo>
#include <QMimeData>
#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace aiband {
namespace {

constexpr int kMinGutterWidth = 84;   // row labels: at least room for a note name
constexpr int kBarStripHeight = 16;   // bar numbers
constexpr int kLabelStripHeight = 18; // chord symbols, section names
constexpr qint64 kMaxPreviewBytes = 16 * 1024 * 1024;

bool isBlackKey(int pitch)
{
    switch (pitch % 12) {
    case 1: case 3: case 6: case 8: case 10: return true;
    default: return false;
    }
}

// A colour per part, by what the part is called (the engine names its tracks), else by position.
QColor partColour(const MidiPart &part, int index)
{
    const QString name = part.name.toLower();
    if (part.channel == kDrumChannel || name.contains(QLatin1String("drum")))
        return QColor(0x2e, 0x9e, 0x5b);
    if (name.contains(QLatin1String("bass")))
        return QColor(0xd9, 0x6c, 0x1e);
    if (name.contains(QLatin1String("key")) || name.contains(QLatin1String("piano")))
        return QColor(0x2f, 0x6f, 0xd0);
    static const QColor others[] = {QColor(0x8e, 0x44, 0xad), QColor(0xc0, 0x39, 0x2b), QColor(0x16, 0xa0, 0x85)};
    return others[index % 3];
}

} // namespace

QString noteName(int pitch)
{
    static const char *const names[] = {"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"};
    return QString::fromLatin1(names[((pitch % 12) + 12) % 12]) + QString::number(pitch / 12 - 1);
}

QString drumName(int note)
{
    switch (note) {
    case 35: case 36: return PianoRollView::tr("Kick");
    case 37: return PianoRollView::tr("Rim");
    case 38: case 40: return PianoRollView::tr("Snare");
    case 39: return PianoRollView::tr("Clap");
    case 41: return PianoRollView::tr("Low floor tom");
    case 43: return PianoRollView::tr("Floor tom");
    case 45: return PianoRollView::tr("Low tom");
    case 47: return PianoRollView::tr("Mid tom");
    case 48: return PianoRollView::tr("Hi-mid tom");
    case 50: return PianoRollView::tr("High tom");
    case 42: return PianoRollView::tr("Hi-hat");
    case 44: return PianoRollView::tr("Pedal hat");
    case 46: return PianoRollView::tr("Open hat");
    case 49: case 57: return PianoRollView::tr("Crash");
    case 51: case 59: return PianoRollView::tr("Ride");
    case 53: return PianoRollView::tr("Ride bell");
    case 52: return PianoRollView::tr("China");
    case 55: return PianoRollView::tr("Splash");
    case 54: return PianoRollView::tr("Tambourine");
    case 56: return PianoRollView::tr("Cowbell");
    case 70: return PianoRollView::tr("Maracas");
    case 75: return PianoRollView::tr("Claves");
    default: return PianoRollView::tr("Drum %1").arg(note);
    }
}

QString sectionTitle(const TimedSection &section)
{
    switch (section.kind) {
    case TimedSection::Kind::CountIn: return PianoRollView::tr("Count-in");
    case TimedSection::Kind::Intro: return PianoRollView::tr("Intro");
    case TimedSection::Kind::Ending: return PianoRollView::tr("Ending");
    case TimedSection::Kind::Named: break;
    }
    return section.name;
}

namespace {

// Wide enough for every drum name in the user's language (Spanish "Tom medio-agudo" was cut
// off), and the same for every file, so previews stacked in Try it keep their bars aligned.
int gutterWidth(const QFontMetrics &metrics)
{
    static const int namedDrums[] = {35, 37, 38, 39, 41, 42, 43, 44, 45, 46, 47,
                                     48, 49, 50, 51, 52, 53, 54, 55, 56, 70, 75};
    int widest = 0;
    for (int note : namedDrums)
        widest = std::max(widest, metrics.horizontalAdvance(drumName(note)));
    return std::max(kMinGutterWidth, widest + 10);
}

} // namespace

PianoRollView::PianoRollView(QWidget *parent) : QWidget(parent)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    clear();
}

void PianoRollView::clear()
{
    m_path.clear();
    m_song = {};
    m_chords = {};
    m_message = tr("Select a file to see its notes.");
    setCursor(Qt::ArrowCursor);
    setToolTip({});
    update();
}

void PianoRollView::setFile(const QString &path)
{
    if (path.isEmpty()) {
        clear();
        return;
    }
    m_path = path;
    m_song = {};
    m_chords = {};
    m_message.clear();
    QFile file(path);
    if (!file.exists()) {
        m_message = tr("%1 no longer exists.").arg(QFileInfo(path).fileName());
    } else if (file.size() > kMaxPreviewBytes) {
        m_message = tr("%1 is too large to preview.").arg(QFileInfo(path).fileName());
    } else if (!file.open(QIODevice::ReadOnly)) {
        m_message = tr("Cannot open %1: %2").arg(QFileInfo(path).fileName(), file.errorString());
    } else if (Result<MidiSong> song = readMidiFile(file.readAll()); !song) {
        m_message = tr("Cannot read %1: %2").arg(QFileInfo(path).fileName(), song.error().message);
    } else {
        m_song = std::move(song).value();
        if (PianoRollLayout(m_song, noteArea()).isEmpty())
            m_message = tr("%1 has no notes.").arg(QFileInfo(path).fileName());
        else
            m_chords = chordTimelineOfFile(path, m_song);
    }
    // Even an unreadable file can be dragged: the DAW may know better.
    setCursor(Qt::OpenHandCursor);
    setToolTip(tr("%1\nDrag into your DAW or a file manager.").arg(path));
    update();
}

QRectF PianoRollView::noteArea() const
{
    const int gutter = gutterWidth(fontMetrics());
    const int top = sectionStripHeight() + chordStripHeight() + kBarStripHeight;
    return QRectF(gutter, top, std::max(0, width() - gutter - 1), std::max(0, height() - top - 1));
}

int PianoRollView::sectionStripHeight() const
{
    return m_chords.sections.isEmpty() ? 0 : kLabelStripHeight;
}

int PianoRollView::chordStripHeight() const
{
    return m_chords.isEmpty() ? 0 : kLabelStripHeight;
}

QSize PianoRollView::sizeHint() const
{
    return {640, 200};
}

QSize PianoRollView::minimumSizeHint() const
{
    return {gutterWidth(fontMetrics()) + 120, sectionStripHeight() + chordStripHeight() + kBarStripHeight + 60};
}

void PianoRollView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().base());
    if (!m_message.isEmpty()) {
        paintMessage(painter);
        return;
    }
    const PianoRollLayout layout(m_song, noteArea(), m_chords);
    paintRows(painter, layout);
    paintBars(painter, layout);
    paintNotes(painter, layout);
    paintChords(painter, layout);
    paintSections(painter, layout);
    paintPlayhead(painter, layout);
}

void PianoRollView::setPlayhead(std::optional<double> seconds)
{
    if (seconds == m_playhead)
        return;
    m_playhead = seconds;
    update();
}

void PianoRollView::paintPlayhead(QPainter &painter, const PianoRollLayout &layout) const
{
    if (!m_playhead)
        return;
    const double x = std::round(layout.xForSeconds(*m_playhead));
    painter.setPen(QPen(playheadColour(), 1));
    painter.drawLine(QPointF(x, 0), QPointF(x, layout.area().bottom()));
}

void PianoRollView::paintMessage(QPainter &painter) const
{
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(rect().adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap, m_message);
}

void PianoRollView::paintRows(QPainter &painter, const PianoRollLayout &layout) const
{
    const QRectF area = layout.area();
    const QColor shaded = palette().color(QPalette::AlternateBase);
    const QColor label = palette().color(QPalette::Text);
    const QFontMetrics metrics = painter.fontMetrics();
    const bool roomForEveryLabel = layout.rowHeight() >= metrics.height() * 0.8;
    const double labelWidth = area.left() - 4;   // the gutter, left of the note area
    painter.setPen(label);
    if (layout.hasPitchedNotes()) {
        for (int pitch = layout.highestPitch(); pitch >= layout.lowestPitch(); --pitch) {
            const QRectF row(area.left(), layout.rowTop(*layout.rowOf(pitch, false)), area.width(), layout.rowHeight());
            if (isBlackKey(pitch))
                painter.fillRect(row, shaded);
            // Every C is named; the other rows only when they are tall enough to read.
            if (pitch % 12 == 0 || roomForEveryLabel)
                painter.drawText(QRectF(0, row.center().y() - metrics.height() / 2.0, labelWidth, metrics.height()),
                                 Qt::AlignRight | Qt::AlignVCenter, noteName(pitch));
        }
    }
    const QList<int> drums = layout.drumRows();
    // Drum lanes are always named: a lane is at least kDrumLaneHeight tall beside pitched
    // notes, and the font shrinks to it when the lane is shorter than a line.
    painter.save();
    QFont laneFont = painter.font();
    if (layout.drumLaneHeight() < metrics.height())
        laneFont.setPixelSize(std::max(7, static_cast<int>(layout.drumLaneHeight()) - 2));
    painter.setFont(laneFont);
    const QFontMetrics laneMetrics(laneFont);
    for (int note : drums) {
        const int index = *layout.rowOf(note, true);
        const QRectF row(area.left(), layout.rowTop(index), area.width(), layout.drumLaneHeight());
        if ((index - (layout.rowCount() - static_cast<int>(drums.size()))) % 2)
            painter.fillRect(row, shaded);
        if (layout.drumLaneHeight() >= 6)
            painter.drawText(QRectF(0, row.top(), labelWidth, row.height()), Qt::AlignRight | Qt::AlignVCenter,
                             laneMetrics.elidedText(drumName(note), Qt::ElideRight, static_cast<int>(labelWidth) - 2));
    }
    painter.restore();
    if (layout.hasPitchedNotes() && !drums.isEmpty()) {
        // Where the pitched rows end and the drum rows begin.
        const double y = layout.drumBandTop();
        painter.setPen(palette().color(QPalette::Dark));
        painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y));
    }
}

void PianoRollView::paintBars(QPainter &painter, const PianoRollLayout &layout) const
{
    const QRectF area = layout.area();
    const QFontMetrics metrics = painter.fontMetrics();
    double lastLabelRight = -1.0;
    for (const PianoRollLayout::BarLine &bar : layout.bars()) {
        painter.setPen(palette().color(QPalette::Mid));
        painter.drawLine(QPointF(bar.x, area.top()), QPointF(bar.x, area.bottom()));
        const QString number = QString::number(bar.number);
        if (bar.x > lastLabelRight + 4) {
            painter.setPen(palette().color(QPalette::Text));
            painter.drawText(QPointF(bar.x + 2, area.top() - 4), number);
            lastLabelRight = bar.x + 2 + metrics.horizontalAdvance(number);
        }
    }
}

void PianoRollView::paintChords(QPainter &painter, const PianoRollLayout &layout) const
{
    if (layout.chordLabels().isEmpty())
        return;
    painter.save();
    QFont bold = painter.font();
    bold.setBold(true);
    painter.setFont(bold);
    const QFontMetrics metrics(bold);
    painter.setPen(palette().color(QPalette::Text));
    const double top = sectionStripHeight();
    const NoteNaming naming = interfaceNoteNaming();
    for (const PianoRollLayout::ChordLabel &label : layout.chordLabels()) {
        const QRectF box(label.x + 2, top, label.right - label.x - 3, kLabelStripHeight);
        if (box.width() < metrics.horizontalAdvance(QLatin1Char('C')))
            continue;
        painter.drawText(box, Qt::AlignLeft | Qt::AlignVCenter,
                         metrics.elidedText(chordsFromStandard(label.symbol, naming), Qt::ElideRight, static_cast<int>(box.width())));
    }
    painter.restore();
}

void PianoRollView::paintSections(QPainter &painter, const PianoRollLayout &layout) const
{
    if (layout.sectionLabels().isEmpty())
        return;
    const QFontMetrics metrics = painter.fontMetrics();
    for (const PianoRollLayout::SectionLabel &label : layout.sectionLabels()) {
        const QRectF box(label.x, 1, label.right - label.x - 1, kLabelStripHeight - 2);
        painter.fillRect(box, palette().color(QPalette::AlternateBase));
        painter.setPen(palette().color(QPalette::Mid));
        painter.drawLine(QPointF(label.x, 0), QPointF(label.x, layout.area().bottom()));
        painter.setPen(palette().color(QPalette::Text));
        painter.drawText(box.adjusted(3, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
                         metrics.elidedText(sectionTitle(label.section), Qt::ElideRight, static_cast<int>(box.width()) - 4));
    }
}

void PianoRollView::paintNotes(QPainter &painter, const PianoRollLayout &layout) const
{
    for (const PianoRollLayout::NoteBox &note : layout.notes()) {
        QColor colour = partColour(m_song.parts[static_cast<size_t>(note.part)], note.part);
        const QColor outline = colour.darker(140);
        // Velocity as shade: soft notes fade towards the background.
        colour.setAlphaF(static_cast<float>(PianoRollLayout::velocityShade(note.velocity)));
        const QRectF box = note.rect.adjusted(0, 0.5, 0, -0.5);
        painter.fillRect(box, colour);
        if (box.width() >= 4 && box.height() >= 4) {
            painter.setPen(outline);
            painter.drawRect(box);
        }
    }
}

QMimeData *PianoRollView::dragData() const
{
    return m_path.isEmpty() ? nullptr : midiFilesMimeData({m_path});
}

void PianoRollView::mousePressEvent(QMouseEvent *event)
{
    m_pressed = event->button() == Qt::LeftButton && !m_path.isEmpty();
    m_pressPosition = event->position().toPoint();
    QWidget::mousePressEvent(event);
}

void PianoRollView::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_pressed || !(event->buttons() & Qt::LeftButton)
        || (event->position().toPoint() - m_pressPosition).manhattanLength() < QApplication::startDragDistance()) {
        QWidget::mouseMoveEvent(event);
        return;
    }
    m_pressed = false;
    auto *drag = new QDrag(this);
    drag->setMimeData(dragData());
    drag->exec(Qt::CopyAction, Qt::CopyAction);
}

} // namespace aiband
