#include "PartRegistry.h"

#include "Generators.h"
#include "MidiFile.h"

#include <QtGlobal>

#include <string_view>

namespace aiband {

// Each part's generator, declared beside its row (defined in music/<Part>Generator.cpp).
MidiPart generateBass(const Arrangement &arrangement, const SongPlan &plan);
MidiPart generateDrums(const Arrangement &arrangement, const SongPlan &plan);
MidiPart generateKeys(const Arrangement &arrangement, const SongPlan &plan);

namespace {

// The rows the code names (TrackType::Bass ...) must be where those constants point.
constexpr bool rowIs(std::span<const PartRow> rows, TrackType type, std::string_view name)
{
    return type.row() < static_cast<int>(rows.size()) && std::string_view(rows[static_cast<size_t>(type.row())].name) == name;
}

} // namespace

std::span<const PartRow> partRows()
{
    // Channels and programs are the ones the files have always had (README, docs/MUSIC.md):
    // bass on channel 1, keys on 2, drums on the General MIDI drum channel 10 (zero-based here).
    // The titles are marked for lupdate here and translated by ui/PartTitle.cpp. A new part is
    // a new row at the end (the API lists the parts in this order) and its generator above.
    static constexpr PartRow kRows[] = {
        {"bass", QT_TRANSLATE_NOOP("aiband::PartTitle", "Bass"), "Bass", 0, 33, generateBass},
        {"drums", QT_TRANSLATE_NOOP("aiband::PartTitle", "Drums"), "Drums", kDrumChannel, 0, generateDrums},
        {"keys", QT_TRANSLATE_NOOP("aiband::PartTitle", "Keys"), "Keys", 1, 0, generateKeys},
        {"full", QT_TRANSLATE_NOOP("aiband::PartTitle", "Full band"), "Band", 0, 0, nullptr},
    };
    static_assert(rowIs(kRows, TrackType::Bass, "bass") && rowIs(kRows, TrackType::Drums, "drums")
                      && rowIs(kRows, TrackType::Keys, "keys") && rowIs(kRows, TrackType::Full, "full"),
                  "TrackType's constants name these rows");
    return kRows;
}

const PartRow &partRow(TrackType type)
{
    const std::span<const PartRow> rows = partRows();
    const auto index = static_cast<size_t>(type.row());
    Q_ASSERT(index < rows.size());
    return rows[index];
}

TrackType typeOf(const PartRow &row)
{
    return TrackType(static_cast<int>(&row - partRows().data()));
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
