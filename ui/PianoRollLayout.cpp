#include "PianoRollLayout.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace aiband {

PianoRollLayout::PianoRollLayout(const MidiSong &song, const QRectF &area) : m_area(area)
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
    m_rowHeight = rowCount() > 0 ? area.height() / rowCount() : 0.0;

    for (int p = 0; p < static_cast<int>(song.parts.size()); ++p) {
        const MidiPart &part = song.parts[static_cast<size_t>(p)];
        const bool drum = part.channel == kDrumChannel;
        for (const Note &note : part.notes) {
            const int row = *rowOf(note.pitch, drum);
            const double left = xForTick(note.startTick);
            const double right = xForTick(note.startTick + (drum ? kDrumHitTicks : note.durationTicks));
            m_notes.append({QRectF(left, rowTop(row), std::max(right - left, kMinimumNoteWidth), m_rowHeight), p,
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
