#include "PartRegistry.h"

#include "Generators.h"
#include "MidiFile.h"
#include "Style.h"

#include <QtGlobal>

#include <string_view>

namespace aiband {

// Each part's generator, declared beside its row (defined in music/<Part>Generator.cpp).
MidiPart generateBass(const Arrangement &arrangement, const SongPlan &plan);
MidiPart generateDrums(const Arrangement &arrangement, const SongPlan &plan);
MidiPart generateKeys(const Arrangement &arrangement, const SongPlan &plan);
MidiPart generateGuitar(const Arrangement &arrangement, const SongPlan &plan);

namespace {

// The rows the code names (TrackType::Bass ...) must be where those constants point.
constexpr bool rowIs(std::span<const PartRow> rows, TrackType type, std::string_view name)
{
    return type.row() < static_cast<int>(rows.size()) && std::string_view(rows[static_cast<size_t>(type.row())].name) == name;
}

// The defaults of the mix (MIDI values). Volumes: see partRows().
constexpr int kBassVolume = 105;
constexpr int kDrumsVolume = 120;
constexpr int kKeysVolume = 110;
constexpr int kGuitarVolume = 90;
constexpr int kKeysPan = PartMix::kCentre - 20;    // a little left
constexpr int kGuitarPan = PartMix::kCentre + 20;  // a little right

} // namespace

std::span<const PartRow> partRows()
{
    // Channels and programs are the ones the files have always had (README, docs/MUSIC.md):
    // bass on channel 1, keys on 2, drums on the General MIDI drum channel 10 (zero-based here);
    // the guitar came later, on channel 3 with a steel-string acoustic (styles choose others).
    // The titles are marked for lupdate here and translated by ui/PartTitle.cpp. A new part is
    // a new row at the end (the API lists the parts in this order) and its generator above.
    // The full band stays bass, drums and keys, so full files are what they were before the
    // guitar: it is a part to ask for, alone or with others (docs/MUSIC.md, "Guitar").
    // The mix is a band on a stage, as heard from the front (docs/MUSIC.md, "Balance"): bass and
    // drums (the kick) in the centre, keys a little left, guitar a little right; the volumes
    // balance the rhythm section through a General MIDI synth (FluidR3), measured by
    // tests/python/part_levels.py. A style's section may choose others.
    static constexpr PartRow kRows[] = {
        {"bass", QT_TRANSLATE_NOOP("aiband::PartTitle", "Bass"), "Bass", 0, 33, generateBass, true, {kBassVolume, PartMix::kCentre}},
        {"drums", QT_TRANSLATE_NOOP("aiband::PartTitle", "Drums"), "Drums", kDrumChannel, 0, generateDrums, true,
         {kDrumsVolume, PartMix::kCentre}},
        {"keys", QT_TRANSLATE_NOOP("aiband::PartTitle", "Keys"), "Keys", 1, 0, generateKeys, true, {kKeysVolume, kKeysPan}},
        {"full", QT_TRANSLATE_NOOP("aiband::PartTitle", "Full band"), "Band", 0, 0, nullptr, false, {}},
        {"guitar", QT_TRANSLATE_NOOP("aiband::PartTitle", "Guitar"), "Guitar", 2, 25, generateGuitar, false,
         {kGuitarVolume, kGuitarPan}},
    };
    static_assert(rowIs(kRows, TrackType::Bass, "bass") && rowIs(kRows, TrackType::Drums, "drums")
                      && rowIs(kRows, TrackType::Keys, "keys") && rowIs(kRows, TrackType::Full, "full")
                      && rowIs(kRows, TrackType::Guitar, "guitar"),
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

int partProgram(const Style &style, TrackType type)
{
    if (type == TrackType::Bass)
        return style.bass.program;
    if (type == TrackType::Keys)
        return style.keys.program;
    if (type == TrackType::Guitar)
        return style.guitar.program;
    return partRow(type).program;
}

PartMix partMix(const Style &style, TrackType type)
{
    std::optional<PartMix> chosen;
    if (type == TrackType::Bass)
        chosen = style.bass.mix;
    else if (type == TrackType::Drums)
        chosen = style.drumsMix;
    else if (type == TrackType::Keys)
        chosen = style.keys.mix;
    else if (type == TrackType::Guitar)
        chosen = style.guitar.mix;
    return chosen.value_or(partRow(type).mix);
}

QList<const PartRow *> partsInFile(const PartRow &row)
{
    if (!row.isBand())
        return {&row};
    QList<const PartRow *> members;
    for (const PartRow &member : partRows()) {
        if (!member.isBand() && member.inFullBand)
            members.append(&member);
    }
    return members;
}

} // namespace aiband
