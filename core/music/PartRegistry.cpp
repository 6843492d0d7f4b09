#include "PartRegistry.h"

#include "Generators.h"
#include "MidiFile.h"

#include <QtGlobal>

namespace aiband {
namespace {

// Rows are in TrackType order, so that a part's row is found by its value.
constexpr bool inTrackTypeOrder(std::span<const PartRow> rows)
{
    for (size_t i = 0; i < rows.size(); ++i) {
        if (static_cast<size_t>(rows[i].type) != i)
            return false;
    }
    return true;
}

} // namespace

std::span<const PartRow> partRows()
{
    // Channels and programs are the ones the files have always had (README, docs/MUSIC.md):
    // bass on channel 1, keys on 2, drums on the General MIDI drum channel 10 (zero-based here).
    // The titles are marked for lupdate here and translated by ui/PartTitle.cpp.
    static constexpr PartRow kRows[] = {
        {TrackType::Bass, "bass", QT_TRANSLATE_NOOP("aiband::PartTitle", "Bass"), "Bass", 0, 33, generateBass},
        {TrackType::Drums, "drums", QT_TRANSLATE_NOOP("aiband::PartTitle", "Drums"), "Drums", kDrumChannel, 0,
         generateDrums},
        {TrackType::Keys, "keys", QT_TRANSLATE_NOOP("aiband::PartTitle", "Keys"), "Keys", 1, 0, generateKeys},
        {TrackType::Full, "full", QT_TRANSLATE_NOOP("aiband::PartTitle", "Full band"), "Band", 0, 0, nullptr},
    };
    static_assert(inTrackTypeOrder(kRows), "one row per TrackType, in its order");
    return kRows;
}

const PartRow &partRow(TrackType type)
{
    const std::span<const PartRow> rows = partRows();
    const auto index = static_cast<size_t>(type);
    Q_ASSERT(index < rows.size());
    return rows[index];
}

QList<const PartRow *> partsInFile(const PartRow &row)
{
    if (!row.isBand())
        return {&row};
    QList<const PartRow *> members;
    for (const PartRow &member : partRows()) {
        if (!member.isBand())
            members.append(&member);
    }
    return members;
}

} // namespace aiband
