#include "PianoRollLayout.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace aiband {

namespace {

qint64 tickOfBeat(double beat)
{
    return static_cast<qint64>(std::llround(beat * kTicksPerQuarter));
}

} // namespace

PianoRollLayout::PianoRollLayout(const MidiSong &song, const QRectF &area, const ChordTimeline &chords) : m_area(area)
{
    int lowest = 128;
    int highest = -1;
    std::set<int, std::greater<>> drums;
    m_endTick = song.endTick;
    m_tempoBpm = song.tempoBpm;
    for (const MidiPart &part : song.parts) {
        const bool drum = part.channel == kDrumChannel;
        for (const Note &note : part.notes) {
            m_endTick = std::max(m_endTick, note.startTick + (drum ? std::max(note.durationTicks, kDrumHitTicks)
                                                                    : note.durationTicks));
            if (drum) {
                drums.insert(note.pitch);
            } else {
                lowest = std::min(lowest, note.pitch);
                highest = std::max(highest, note.pitch);
            }
        }
    }
    if (highest >= 0) {
        m_lowestPitch = std::max(0, lowest - kPitchMargin);
        m_highestPitch = std::min(127, highest + kPitchMargin);
        // Too narrow a range makes giant rows: grow it upwards, or downwards at the top of MIDI.
        const int missing = kMinimumPitchRows - (m_highestPitch - m_lowestPitch + 1);
        if (missing > 0) {
            m_highestPitch = std::min(127, m_highestPitch + missing);
            m_lowestPitch = std::max(0, m_highestPitch - kMinimumPitchRows + 1);
        }
    }
    m_drumPitches = QList<int>(drums.begin(), drums.end());
    fitRowHeights();

    for (int p = 0; p < static_cast<int>(song.parts.size()); ++p) {
        const MidiPart &part = song.parts[static_cast<size_t>(p)];
        const bool drum = part.channel == kDrumChannel;
        for (const Note &note : part.notes) {
            const int row = *rowOf(note.pitch, drum);
            const double left = xForTick(note.startTick);
            const double right = xForTick(note.startTick + (drum ? kDrumHitTicks : note.durationTicks));
            m_notes.append({QRectF(left, rowTop(row), std::max(right - left, kMinimumNoteWidth), rowHeightOf(row)), p,
                            note.pitch, note.velocity, drum});
        }
    }

    const double ticksPerBar = song.timeSignature.beatsPerBar() * kTicksPerQuarter;
    // A file claiming an absurd length (any .mid can be previewed) gets no bar lines rather
    // than millions of them.
    if (ticksPerBar > 0 && m_endTick / ticksPerBar <= kMaxBarLines) {
        for (int bar = 0;; ++bar) {
            const auto tick = static_cast<qint64>(std::llround(bar * ticksPerBar));
            if (tick >= m_endTick && bar > 0)
                break;
            m_bars.append({bar + 1, tick, xForTick(tick)});
        }
    }
    layOutChords(chords);
    layOutSections(chords);
}

void PianoRollLayout::fitRowHeights()
{
    const int pitched = pitchedRowCount();
    const auto drums = static_cast<int>(m_drumPitches.size());
    if (pitched + drums == 0)
        return;
    const double even = m_area.height() / (pitched + drums);
    if (pitched == 0 || drums == 0) {
        m_rowHeight = pitched > 0 ? even : 0.0;
        m_drumLaneHeight = drums > 0 ? even : 0.0;
        return;
    }
    m_drumLaneHeight = std::max(even, std::min(kDrumLaneHeight, m_area.height() * kMaxDrumBandShare / drums));
    m_rowHeight = (m_area.height() - drums * m_drumLaneHeight) / pitched;
}

double PianoRollLayout::rowTop(int row) const
{
    const int pitched = pitchedRowCount();
    if (row < pitched)
        return m_area.top() + row * m_rowHeight;
    return drumBandTop() + (row - pitched) * m_drumLaneHeight;
}

int PianoRollLayout::barAt(qint64 tick) const
{
    const auto after = std::upper_bound(m_bars.cbegin(), m_bars.cend(), tick,
                                        [](qint64 t, const BarLine &bar) { return t < bar.tick; });
    return after == m_bars.cbegin() ? 1 : (after - 1)->number;
}

void PianoRollLayout::layOutChords(const ChordTimeline &chords)
{
    // No bar lines (an absurd length) means no chart either.
    if (m_bars.isEmpty())
        return;
    for (const TimedChord &chord : chords.chords) {
        const qint64 start = tickOfBeat(chord.startBeat);
        if (start >= m_endTick)
            break;
        const qint64 end = tickOfBeat(chord.startBeat + chord.durationBeats);
        QList<qint64> at{start};
        // Held over a bar line: each bar shows what it plays, as a chart does.
        for (const BarLine &bar : std::as_const(m_bars)) {
            if (bar.tick > start && bar.tick < end)
                at.append(bar.tick);
        }
        for (qint64 tick : at) {
            const int bar = barAt(tick);
            // The same chord again within its bar says nothing new.
            if (!m_chordLabels.isEmpty() && m_chordLabels.last().bar == bar && m_chordLabels.last().symbol == chord.symbol)
                continue;
            m_chordLabels.append({chord.symbol, bar, tick, xForTick(tick), m_area.right()});
        }
    }
    for (qsizetype i = 0; i + 1 < m_chordLabels.size(); ++i)
        m_chordLabels[i].right = m_chordLabels[i + 1].x;
}

void PianoRollLayout::layOutSections(const ChordTimeline &chords)
{
    if (m_bars.isEmpty())
        return;
    for (const TimedSection &section : chords.sections) {
        const qint64 tick = tickOfBeat(section.startBeat);
        if (tick >= m_endTick)
            break;
        m_sectionLabels.append({section, tick, xForTick(tick), m_area.right()});
    }
    for (qsizetype i = 0; i + 1 < m_sectionLabels.size(); ++i)
        m_sectionLabels[i].right = m_sectionLabels[i + 1].x;
}

std::optional<int> PianoRollLayout::rowOf(int pitch, bool drum) const
{
    if (drum) {
        const auto found = std::find(m_drumPitches.begin(), m_drumPitches.end(), pitch);
        if (found == m_drumPitches.end())
            return std::nullopt;
        return pitchedRowCount() + static_cast<int>(found - m_drumPitches.begin());
    }
    if (!hasPitchedNotes() || pitch < m_lowestPitch || pitch > m_highestPitch)
        return std::nullopt;
    return m_highestPitch - pitch;
}

double PianoRollLayout::xForTick(qint64 tick) const
{
    if (m_endTick <= 0)
        return m_area.left();
    return m_area.left() + m_area.width() * static_cast<double>(tick) / static_cast<double>(m_endTick);
}

double PianoRollLayout::tickAtSeconds(double seconds, double tempoBpm)
{
    return seconds * tempoBpm / 60.0 * kTicksPerQuarter;
}

double PianoRollLayout::xForSeconds(double seconds) const
{
    if (m_endTick <= 0)
        return m_area.left();
    const double tick = std::clamp(tickAtSeconds(seconds, m_tempoBpm), 0.0, static_cast<double>(m_endTick));
    return m_area.left() + m_area.width() * tick / static_cast<double>(m_endTick);
}

double PianoRollLayout::velocityShade(int velocity)
{
    const int clamped = std::clamp(velocity, 1, 127);
    return 0.3 + 0.7 * (clamped - 1) / 126.0;
}

} // namespace aiband
