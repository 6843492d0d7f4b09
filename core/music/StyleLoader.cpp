#include "StyleLoader.h"

#include "Meter.h"
#include "PartRegistry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>
#include <array>
#include <optional>
#include <utility>

namespace aiband {
namespace {

struct DrumName {
    const char *name;
    int note;
};

// Toms are left out on purpose: they are the fills' voice, so a groove without them keeps
// fills recognisable (and the checks able to find them).
const auto kDrumNames = std::to_array<DrumName>({
    {"kick", 36}, {"kick2", 35}, {"snare", 38}, {"rimshot", 40}, {"side_stick", 37}, {"clap", 39},
    {"hat", 42}, {"pedal_hat", 44}, {"open_hat", 46}, {"ride", 51}, {"ride_bell", 53},
    {"crash", 49}, {"splash", 55}, {"china", 52}, {"tambourine", 54}, {"cowbell", 56},
    {"shaker", 70}, {"cabasa", 69}, {"claves", 75}, {"high_agogo", 67}, {"low_agogo", 68},
    {"conga_mute", 62}, {"conga_high", 63}, {"conga_low", 64}, {"timbale_high", 65},
    {"timbale_low", 66}, {"guiro", 73}, {"woodblock", 76}, {"high_bongo", 60}, {"low_bongo", 61},
});

Error styleError(const QString &path, const QString &message)
{
    return makeError(QStringLiteral("invalid_style"), path + QStringLiteral(": ") + message, path);
}

std::optional<PulseRole> roleFromName(const QString &name)
{
    for (PulseRole role : {PulseRole::Downbeat, PulseRole::Strong, PulseRole::Backbeat, PulseRole::Weak}) {
        if (pulseRoleName(role) == name)
            return role;
    }
    return std::nullopt;
}

Result<RoleCells> parseCells(const QJsonValue &value, const QString &path, const QString &alphabet)
{
    if (!value.isObject())
        return styleError(path, QStringLiteral("expected an object with \"simple\" and/or \"compound\" cells"));
    RoleCells cells;
    const QJsonObject object = value.toObject();
    for (auto kind = object.begin(); kind != object.end(); ++kind) {
        const QString kindPath = path + QLatin1Char('.') + kind.key();
        int steps = 0;
        QMap<PulseRole, Cell> *target = nullptr;
        if (kind.key() == QLatin1String("simple")) {
            steps = 4;
            target = &cells.simple;
        } else if (kind.key() == QLatin1String("compound")) {
            steps = 6;
            target = &cells.compound;
        } else {
            return styleError(kindPath, QStringLiteral("expected \"simple\" or \"compound\""));
        }
        if (!kind.value().isObject())
            return styleError(kindPath, QStringLiteral("expected an object of pulse roles"));
        const QJsonObject roles = kind.value().toObject();
        for (auto entry = roles.begin(); entry != roles.end(); ++entry) {
            const QString cellPath = kindPath + QLatin1Char('.') + entry.key();
            const auto role = roleFromName(entry.key());
            if (!role)
                return styleError(cellPath, QStringLiteral("unknown pulse role; expected downbeat, strong, backbeat or weak"));
            const QString cell = entry.value().toString();
            const bool alphabetOk = std::all_of(cell.cbegin(), cell.cend(),
                                                [&](QChar c) { return alphabet.contains(c); });
            if (!entry.value().isString() || cell.size() != steps || !alphabetOk)
                return styleError(cellPath, QStringLiteral("expected %1 steps of \"%2\", got %3")
                                                .arg(steps).arg(alphabet)
                                                .arg(entry.value().isString() ? QLatin1Char('"') + cell + QLatin1Char('"')
                                                                              : QStringLiteral("a non-string")));
            target->insert(*role, cell);
        }
    }
    return cells;
}

Result<int> parseProgram(const QJsonObject &object, const QString &path, int fallback)
{
    if (!object.contains(QStringLiteral("program")))
        return fallback;
    const QJsonValue value = object.value(QStringLiteral("program"));
    const int program = value.toInt(-1);
    if (!value.isDouble() || program < 0 || program > 127 || value.toDouble() != program)
        return styleError(path + QStringLiteral(".program"), QStringLiteral("expected a General MIDI program 0-127"));
    return program;
}

// One value of a "mix": a MIDI controller value, the part's row's when absent.
Result<int> parseMixValue(const QJsonObject &mix, const QString &path, const QString &key, int fallback)
{
    if (!mix.contains(key))
        return fallback;
    const QJsonValue value = mix.value(key);
    const int number = value.toInt(-1);
    if (!value.isDouble() || number < 0 || number > 127 || value.toDouble() != number)
        return styleError(path + QLatin1Char('.') + key,
                          key == QLatin1String("pan")
                              ? QStringLiteral("expected a MIDI pan 0-127 (0 left, 64 centre, 127 right)")
                              : QStringLiteral("expected a MIDI channel volume 0-127"));
    return number;
}

// A part section's "mix": {"volume": 0-127, "pan": 0-127}, either may be left out (the part's
// row's then). None when the section has no "mix".
Result<std::optional<PartMix>> parseMix(const QJsonObject &section, const QString &sectionPath, TrackType part)
{
    if (!section.contains(QStringLiteral("mix")))
        return std::optional<PartMix>();
    const QString path = sectionPath + QStringLiteral(".mix");
    const QJsonValue value = section.value(QStringLiteral("mix"));
    if (!value.isObject())
        return styleError(path, QStringLiteral("expected an object with \"volume\" and/or \"pan\""));
    const QJsonObject mix = value.toObject();
    for (auto it = mix.begin(); it != mix.end(); ++it) {
        if (it.key() != QLatin1String("volume") && it.key() != QLatin1String("pan"))
            return styleError(path + QLatin1Char('.') + it.key(), QStringLiteral("unknown; expected volume or pan"));
    }
    const PartMix fallback = partRow(part).mix;
    auto volume = parseMixValue(mix, path, QStringLiteral("volume"), fallback.volume);
    if (!volume)
        return volume.error();
    auto pan = parseMixValue(mix, path, QStringLiteral("pan"), fallback.pan);
    if (!pan)
        return pan.error();
    return std::optional<PartMix>(PartMix{*volume, *pan});
}

// A part's section of the style: an object, with the part's General MIDI program in it (the
// part's row's when absent) and its mix (none: the row's).
struct PartSection {
    QJsonObject object;
    int program;
    std::optional<PartMix> mix;
};

Result<PartSection> parsePartSection(const QJsonValue &value, const QString &path, TrackType part)
{
    if (!value.isObject())
        return styleError(path, QStringLiteral("expected an object"));
    const QJsonObject object = value.toObject();
    auto program = parseProgram(object, path, partRow(part).program);
    if (!program)
        return program.error();
    auto mix = parseMix(object, path, part);
    if (!mix)
        return mix.error();
    return PartSection{object, *program, *mix};
}

const QString kDrumAlphabet = QStringLiteral(".xXg?");

// The steps a bar of `meter` has in a timeline: 4 per simple pulse, 6 per compound one.
int barSteps(const TimeSignature &meter)
{
    int steps = 0;
    for (const Pulse &pulse : pulsesOf(meter))
        steps += pulse.compound ? 6 : 4;
    return steps;
}

std::optional<TimeSignature> meterFromName(const QString &name)
{
    static const QRegularExpression pattern(QRegularExpression::anchoredPattern(QStringLiteral("(\\d{1,2})/(\\d{1,2})")));
    const auto match = pattern.match(name);
    if (!match.hasMatch())
        return std::nullopt;
    const TimeSignature meter{match.captured(1).toInt(), match.captured(2).toInt()};
    return isSupportedMeter(meter) ? std::optional(meter) : std::nullopt;
}

// {"4/4": ["x..x ..x. .... ....", "..x. x... .... ...."]}: per meter, one string per bar (spaces
// and bar lines only for the eye).
Result<QMap<QString, QList<BarCell>>> parseTimelines(const QJsonValue &value, const QString &path)
{
    if (!value.isObject() || value.toObject().isEmpty())
        return styleError(path, QStringLiteral("expected an object of meters (\"4/4\") with lists of bars"));
    QMap<QString, QList<BarCell>> timelines;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString meterPath = path + QLatin1Char('.') + it.key();
        const auto meter = meterFromName(it.key());
        if (!meter)
            return styleError(meterPath, QStringLiteral("expected a supported meter such as \"4/4\""));
        const QJsonArray bars = it.value().toArray();
        if (!it.value().isArray() || bars.isEmpty() || bars.size() > 16)
            return styleError(meterPath, QStringLiteral("expected a list of 1 to 16 bars"));
        const int steps = barSteps(*meter);
        QList<BarCell> cells;
        for (qsizetype i = 0; i < bars.size(); ++i) {
            QString cell = bars[i].toString();
            cell.remove(QLatin1Char(' ')).remove(QLatin1Char('|'));
            const bool alphabetOk = std::all_of(cell.cbegin(), cell.cend(), [](QChar c) { return kDrumAlphabet.contains(c); });
            if (!bars[i].isString() || cell.size() != steps || !alphabetOk)
                return styleError(QStringLiteral("%1[%2]").arg(meterPath).arg(i),
                                  QStringLiteral("expected %1 steps of \"%2\" for a bar of %3").arg(steps).arg(kDrumAlphabet, it.key()));
            cells.append(cell);
        }
        timelines.insert(meter->name(), cells);
    }
    return timelines;
}

// A voice's cells and timelines from an object that may hold "simple", "compound" and
// "timeline" (and, at the voice's level, "b" and "only", read by the caller).
Result<DrumGroove> parseDrumGroove(const QJsonObject &object, const QString &path, const DrumGroove &base)
{
    DrumGroove groove = base;
    QJsonObject cellObject;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() == QLatin1String("simple") || it.key() == QLatin1String("compound"))
            cellObject.insert(it.key(), it.value());
        else if (it.key() != QLatin1String("timeline") && it.key() != QLatin1String("b") && it.key() != QLatin1String("only"))
            return styleError(path + QLatin1Char('.') + it.key(),
                              QStringLiteral("unknown key; expected simple, compound, timeline, b or only"));
    }
    auto cells = parseCells(cellObject, path, kDrumAlphabet);
    if (!cells)
        return cells.error();
    // B's cells change A's role by role; what B does not name stays A's.
    for (auto role = cells->simple.cbegin(); role != cells->simple.cend(); ++role)
        groove.cells.simple.insert(role.key(), role.value());
    for (auto role = cells->compound.cbegin(); role != cells->compound.cend(); ++role)
        groove.cells.compound.insert(role.key(), role.value());
    if (object.contains(QStringLiteral("timeline"))) {
        auto timelines = parseTimelines(object.value(QStringLiteral("timeline")), path + QStringLiteral(".timeline"));
        if (!timelines)
            return timelines.error();
        for (auto it = timelines->cbegin(); it != timelines->cend(); ++it)
            groove.timelines.insert(it.key(), it.value());
    }
    return groove;
}

Result<DrumVoice> parseDrumVoice(const QJsonValue &value, const QString &path, const DrumName &known)
{
    if (!value.isObject())
        return styleError(path, QStringLiteral("expected an object with \"simple\" and/or \"compound\" cells"));
    const QJsonObject object = value.toObject();
    auto parsedA = parseDrumGroove(object, path, {});
    if (!parsedA)
        return parsedA.error();
    DrumGroove a = *parsedA;
    DrumGroove b = a;
    if (object.contains(QStringLiteral("b"))) {
        const QJsonValue bValue = object.value(QStringLiteral("b"));
        const QJsonObject bObject = bValue.toObject();
        if (!bValue.isObject() || bObject.contains(QStringLiteral("b")) || bObject.contains(QStringLiteral("only")))
            return styleError(path + QStringLiteral(".b"), QStringLiteral("expected an object of simple, compound and timeline"));
        auto changed = parseDrumGroove(bObject, path + QStringLiteral(".b"), a);
        if (!changed)
            return changed.error();
        b = *changed;
    }
    if (object.contains(QStringLiteral("only"))) {
        const QString only = object.value(QStringLiteral("only")).toString();
        if (only != QLatin1String("a") && only != QLatin1String("b"))
            return styleError(path + QStringLiteral(".only"), QStringLiteral("expected \"a\" or \"b\" (the groove it plays in)"));
        if (only == QLatin1String("a"))
            b.plays = false;
        else
            a.plays = false;
    }
    DrumVoice voice{QString::fromLatin1(known.name), known.note, a.cells, {a, b}};
    return voice;
}

template <typename Enum, size_t N>
Result<QList<Enum>> parseNames(const QJsonValue &value, const QString &path,
                               const std::array<std::pair<const char *, Enum>, N> &names)
{
    QStringList known;
    for (const auto &[name, _] : names)
        known.append(QLatin1String(name));
    const QJsonArray array = value.toArray();
    if (!value.isArray() || array.isEmpty())
        return styleError(path, QStringLiteral("expected a list of: %1").arg(known.join(QStringLiteral(", "))));
    QList<Enum> parsed;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const auto found = std::find_if(names.begin(), names.end(),
                                        [&](const auto &n) { return array[i].toString() == QLatin1String(n.first); });
        if (found == names.end())
            return styleError(QStringLiteral("%1[%2]").arg(path).arg(i),
                              QStringLiteral("expected one of: %1").arg(known.join(QStringLiteral(", "))));
        parsed.append(found->second);
    }
    return parsed;
}

const auto kFillShapes = std::to_array<std::pair<const char *, FillShape>>({
    {"toms_down", FillShape::TomsDown}, {"snare_toms", FillShape::SnareToms}, {"half_bar_toms", FillShape::HalfBarToms},
    {"triplet_toms", FillShape::TripletToms}, {"snare_roll", FillShape::SnareRoll}, {"brush_sweep", FillShape::BrushSweep},
    {"rim", FillShape::RimFill}, {"timbales", FillShape::TimbaleFill},
});
const auto kPickups = std::to_array<std::pair<const char *, Pickup>>({
    {"none", Pickup::None}, {"kick", Pickup::Kick}, {"snare", Pickup::Snare},
});

Result<DrumFills> parseFills(const QJsonValue &value)
{
    const QString path = QStringLiteral("drums.fills");
    const QJsonObject object = value.toObject();
    if (!value.isObject())
        return styleError(path, QStringLiteral("expected an object with every, shapes and pickups"));
    DrumFills fills;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString keyPath = path + QLatin1Char('.') + it.key();
        if (it.key() == QLatin1String("every")) {
            fills.every = it.value().toInt(0);
            if (!it.value().isDouble() || it.value().toDouble() != fills.every || fills.every < 2 || fills.every > 32)
                return styleError(keyPath, QStringLiteral("expected 2-32 bars"));
        } else if (it.key() == QLatin1String("shapes")) {
            auto shapes = parseNames(it.value(), keyPath, kFillShapes);
            if (!shapes)
                return shapes.error();
            fills.shapes = *shapes;
        } else if (it.key() == QLatin1String("pickups")) {
            auto pickups = parseNames(it.value(), keyPath, kPickups);
            if (!pickups)
                return pickups.error();
            fills.pickups = *pickups;
        } else {
            return styleError(keyPath, QStringLiteral("unknown key; expected every, shapes or pickups"));
        }
    }
    return fills;
}

// The drums section: its instruments, and beside them the fills, where timelines restart and
// the kit's "mix".
struct DrumSection {
    QList<DrumVoice> voices;
    DrumFills fills;
    TimelineStart timelineStart = TimelineStart::Phrase;
    std::optional<PartMix> mix;
};

Result<TimelineStart> parseTimelineStart(const QJsonValue &value)
{
    const QString from = value.toString();
    if (from == QLatin1String("phrase"))
        return TimelineStart::Phrase;
    if (from == QLatin1String("section"))
        return TimelineStart::Section;
    return styleError(QStringLiteral("drums.timeline_from"), QStringLiteral("expected \"phrase\" or \"section\""));
}

Result<DrumSection> parseDrums(const QJsonValue &value)
{
    if (!value.isObject() || value.toObject().isEmpty())
        return styleError(QStringLiteral("drums"), QStringLiteral("expected an object of instruments"));
    DrumSection section;
    const QJsonObject drums = value.toObject();
    for (auto it = drums.begin(); it != drums.end(); ++it) {
        if (it.key() == QLatin1String("mix"))
            continue;
        const QString path = QStringLiteral("drums.") + it.key();
        if (it.key() == QLatin1String("fills")) {
            auto fills = parseFills(it.value());
            if (!fills)
                return fills.error();
            section.fills = *fills;
            continue;
        }
        if (it.key() == QLatin1String("timeline_from")) {
            auto from = parseTimelineStart(it.value());
            if (!from)
                return from.error();
            section.timelineStart = *from;
            continue;
        }
        const auto known = std::find_if(kDrumNames.begin(), kDrumNames.end(),
                                        [&](const DrumName &d) { return it.key() == QLatin1String(d.name); });
        if (known == kDrumNames.end()) {
            QStringList names;
            for (const DrumName &d : kDrumNames)
                names.append(QLatin1String(d.name));
            return styleError(path, QStringLiteral("unknown instrument; known: %1 (toms are kept for fills; "
                                                   "\"fills\", \"timeline_from\" and \"mix\" are settings)")
                                        .arg(names.join(QStringLiteral(", "))));
        }
        auto voice = parseDrumVoice(it.value(), path, *known);
        if (!voice)
            return voice.error();
        section.voices.append(*voice);
    }
    if (section.voices.isEmpty())
        return styleError(QStringLiteral("drums"), QStringLiteral("expected at least one instrument"));
    auto mix = parseMix(drums, QStringLiteral("drums"), TrackType::Drums);
    if (!mix)
        return mix.error();
    section.mix = *mix;
    return section;
}

const QString kBassAlphabet = QStringLiteral(".-R583g7w");

// A figure's optional "last": {"simple": cell, "compound": cell}, the cell of the bar's last pulse.
Result<BassFigure> parseLastCell(const QJsonValue &value, const QString &path, BassFigure figure)
{
    if (!value.isObject())
        return styleError(path, QStringLiteral("expected an object with \"simple\" and/or \"compound\" cells"));
    const QJsonObject object = value.toObject();
    for (auto kind = object.begin(); kind != object.end(); ++kind) {
        const bool simple = kind.key() == QLatin1String("simple");
        const QString cell = kind.value().toString();
        const qsizetype steps = simple ? 4 : 6;
        const bool alphabetOk = std::all_of(cell.cbegin(), cell.cend(), [](QChar c) { return kBassAlphabet.contains(c); });
        if ((!simple && kind.key() != QLatin1String("compound")) || !kind.value().isString() || cell.size() != steps
            || !alphabetOk)
            return styleError(path + QLatin1Char('.') + kind.key(),
                              QStringLiteral("expected \"simple\" (4 steps) or \"compound\" (6 steps) of \"%1\"").arg(kBassAlphabet));
        (simple ? figure.lastSimple : figure.lastCompound) = cell;
    }
    return figure;
}

// One bass figure: cells per pulse role, and optionally the "last" pulse's cell.
Result<BassFigure> parseBassFigure(const QJsonValue &value, const QString &path)
{
    QJsonObject object = value.toObject();
    const QJsonValue last = object.take(QStringLiteral("last"));
    auto cells = parseCells(value.isObject() ? QJsonValue(object) : value, path, kBassAlphabet);
    if (!cells)
        return cells.error();
    BassFigure figure{*cells, {}, {}};
    if (last.isUndefined())
        return figure;
    return parseLastCell(last, path + QStringLiteral(".last"), figure);
}

// A list of bass figures, as "variations" and "groove_b" give them; absent is empty.
Result<QList<BassFigure>> parseBassFigures(const QJsonObject &object, const QString &key)
{
    const QString path = QStringLiteral("bass.") + key;
    if (!object.contains(key))
        return QList<BassFigure>{};
    const QJsonArray array = object.value(key).toArray();
    if (!object.value(key).isArray() || array.isEmpty() || array.size() > 8)
        return styleError(path, QStringLiteral("expected a list of 1 to 8 figures (cells)"));
    QList<BassFigure> figures;
    for (qsizetype i = 0; i < array.size(); ++i) {
        auto figure = parseBassFigure(array[i], QStringLiteral("%1[%2]").arg(path).arg(i));
        if (!figure)
            return figure.error();
        figures.append(*figure);
    }
    return figures;
}

// "register": [low, high], the MIDI pitches between which the roots are placed. At least an
// octave wide (every pitch class has a place) and inside the bass's range with room for an
// octave above the highest root.
Result<BassStyle> parseBassRegister(const QJsonObject &object, BassStyle bass)
{
    bass.high = bass.mode == BassMode::Walking ? 48 : 43;  // C3 for a walking line, else G2
    if (!object.contains(QStringLiteral("register")))
        return bass;
    const QJsonArray pair = object.value(QStringLiteral("register")).toArray();
    const bool numbers = pair.size() == 2 && pair[0].isDouble() && pair[1].isDouble()
                         && pair[0].toDouble() == pair[0].toInt() && pair[1].toDouble() == pair[1].toInt();
    const int low = numbers ? pair[0].toInt() : 0;
    const int high = numbers ? pair[1].toInt() : 0;
    if (!numbers || low < 28 || high > 48 || high - low < 11)
        return styleError(QStringLiteral("bass.register"),
                          QStringLiteral("expected [low, high]: MIDI pitches from 28 (E1) to 48 (C3), at least 11 apart"));
    bass.low = low;
    bass.high = high;
    return bass;
}

Result<BassStyle> parseBassFigures(const QJsonObject &object, BassStyle bass)
{
    auto plain = parseBassFigure(object.value(QStringLiteral("cells")), QStringLiteral("bass.cells"));
    if (!plain)
        return plain.error();
    bass.plain = *plain;
    auto variations = parseBassFigures(object, QStringLiteral("variations"));
    if (!variations)
        return variations.error();
    bass.variations = *variations;
    auto grooveB = parseBassFigures(object, QStringLiteral("groove_b"));
    if (!grooveB)
        return grooveB.error();
    bass.grooveB = *grooveB;
    return bass;
}

Result<BassStyle> parseBass(const QJsonValue &value)
{
    auto section = parsePartSection(value, QStringLiteral("bass"), TrackType::Bass);
    if (!section)
        return section.error();
    const QJsonObject &object = section->object;
    BassStyle bass;
    bass.program = section->program;
    bass.mix = section->mix;
    const QString mode = object.value(QStringLiteral("mode")).toString(QStringLiteral("pattern"));
    if (mode == QLatin1String("pattern"))
        bass.mode = BassMode::Pattern;
    else if (mode == QLatin1String("walking"))
        bass.mode = BassMode::Walking;
    else if (mode == QLatin1String("kick"))
        bass.mode = BassMode::LockedToKick;
    else
        return styleError(QStringLiteral("bass.mode"), QStringLiteral("expected pattern, walking or kick"));
    bass.approach = object.value(QStringLiteral("approach")).toDouble(0.5);
    bass.staccato = object.value(QStringLiteral("staccato")).toDouble(0.0);
    bass.pickup = object.value(QStringLiteral("pickup")).toDouble(0.5);
    if (bass.approach < 0 || bass.approach > 1 || bass.staccato < 0 || bass.staccato > 1)
        return styleError(QStringLiteral("bass"), QStringLiteral("approach and staccato must be from 0 to 1"));
    if (!object.value(QStringLiteral("pickup")).isUndefined()
        && (!object.value(QStringLiteral("pickup")).isDouble() || bass.pickup < 0 || bass.pickup > 1))
        return styleError(QStringLiteral("bass.pickup"), QStringLiteral("expected a chance from 0 to 1"));
    if (bass.mode != BassMode::Pattern) {
        for (const char *key : {"cells", "variations", "groove_b"}) {
            if (object.contains(QLatin1String(key)))
                return styleError(QStringLiteral("bass.") + QLatin1String(key),
                                  QStringLiteral("figures are for mode \"pattern\" only"));
        }
        return parseBassRegister(object, bass);
    }
    auto figures = parseBassFigures(object, bass);
    if (!figures)
        return figures.error();
    return parseBassRegister(object, *figures);
}

constexpr char kKeysAlphabet[] = ".-xX?p";

Result<QList<RoleCells>> parseKeysFigures(const QJsonValue &value, const QString &path)
{
    const QJsonArray array = value.toArray();
    if (!value.isArray() || array.isEmpty() || array.size() > 8)
        return styleError(path, QStringLiteral("expected a list of 1 to 8 figures (cells)"));
    QList<RoleCells> figures;
    for (qsizetype i = 0; i < array.size(); ++i) {
        auto cells = parseCells(array[i], QStringLiteral("%1[%2]").arg(path).arg(i), QLatin1String(kKeysAlphabet));
        if (!cells)
            return cells.error();
        figures.append(*cells);
    }
    return figures;
}

// "comping": {"a": [figures], "b": [figures], "phrase_end": [figures]}; "a" is required, the
// others fall back to it. A style with one figure may write "cells" instead.
Result<KeysComping> parseComping(const QJsonObject &keys)
{
    const bool hasCells = keys.contains(QStringLiteral("cells"));
    if (hasCells == keys.contains(QStringLiteral("comping")))
        return styleError(QStringLiteral("keys"), QStringLiteral("expected either \"comping\" or \"cells\""));
    KeysComping comping;
    if (hasCells) {
        auto cells = parseCells(keys.value(QStringLiteral("cells")), QStringLiteral("keys.cells"), QLatin1String(kKeysAlphabet));
        if (!cells)
            return cells.error();
        comping.grooveA = comping.grooveB = comping.phraseEnd = {*cells};
        return comping;
    }
    const QJsonValue value = keys.value(QStringLiteral("comping"));
    if (!value.isObject() || !value.toObject().contains(QStringLiteral("a")))
        return styleError(QStringLiteral("keys.comping"), QStringLiteral("expected an object with \"a\" (and \"b\", \"phrase_end\") figures"));
    const QJsonObject object = value.toObject();
    const std::array<std::pair<const char *, QList<RoleCells> *>, 3> lists{
        {{"a", &comping.grooveA}, {"b", &comping.grooveB}, {"phrase_end", &comping.phraseEnd}}};
    for (auto it = object.begin(); it != object.end(); ++it) {
        const auto known = std::find_if(lists.begin(), lists.end(), [&](const auto &l) { return it.key() == QLatin1String(l.first); });
        const QString path = QStringLiteral("keys.comping.") + it.key();
        if (known == lists.end())
            return styleError(path, QStringLiteral("unknown groove; expected a, b or phrase_end"));
        auto figures = parseKeysFigures(it.value(), path);
        if (!figures)
            return figures.error();
        *known->second = *figures;
    }
    if (comping.grooveB.isEmpty())
        comping.grooveB = comping.grooveA;
    return comping;
}

Result<Voicing> parseKeysVoicing(const QJsonObject &object)
{
    const QString voicing = object.value(QStringLiteral("voicing")).toString(QStringLiteral("close"));
    if (voicing == QLatin1String("close"))
        return Voicing::Close;
    if (voicing == QLatin1String("shell"))
        return Voicing::Shell;
    if (voicing == QLatin1String("spread"))
        return Voicing::Spread;
    if (voicing == QLatin1String("rootless"))
        return Voicing::Rootless;
    return styleError(QStringLiteral("keys.voicing"), QStringLiteral("expected close, shell, spread or rootless"));
}

// "anticipation": the share of changes pushed, 0-0.5; "push": "eighth" or "sixteenth".
std::optional<Error> parseAnticipation(const QJsonObject &object, KeysStyle &keys)
{
    const QJsonValue share = object.value(QStringLiteral("anticipation"));
    keys.anticipation = share.toDouble(0.0);
    if (!share.isUndefined() && (!share.isDouble() || keys.anticipation < 0 || keys.anticipation > 0.5))
        return styleError(QStringLiteral("keys.anticipation"), QStringLiteral("expected a share of chord changes from 0 to 0.5"));
    const QString push = object.value(QStringLiteral("push")).toString(QStringLiteral("eighth"));
    if (push == QLatin1String("eighth"))
        keys.pushBeats = 0.5;
    else if (push == QLatin1String("sixteenth"))
        keys.pushBeats = 0.25;
    else
        return styleError(QStringLiteral("keys.push"), QStringLiteral("expected eighth or sixteenth"));
    return std::nullopt;
}

Result<KeysStyle> parseKeys(const QJsonValue &value)
{
    auto section = parsePartSection(value, QStringLiteral("keys"), TrackType::Keys);
    if (!section)
        return section.error();
    const QJsonObject &object = section->object;
    KeysStyle keys;
    keys.program = section->program;
    keys.mix = section->mix;
    auto voicing = parseKeysVoicing(object);
    if (!voicing)
        return voicing.error();
    keys.voicing = *voicing;
    auto comping = parseComping(object);
    if (!comping)
        return comping.error();
    keys.comping = *comping;
    if (auto error = parseAnticipation(object, keys))
        return *error;
    return keys;
}

// A style without a "guitar" section strums this: a down stroke on the beat, down-up between,
// a push in the middle bars and a held chord to end the phrase (docs/STYLES.md, "Guitar").
constexpr char kDefaultGuitar[] = R"({"voicing": "open", "patterns": [
    {"simple": {"downbeat": "D---", "backbeat": "d-u-"}, "compound": {"downbeat": "D---u-", "backbeat": "d---u-"}},
    {"simple": {"downbeat": "D-u-", "backbeat": "--u-"}, "compound": {"downbeat": "D-d-u-", "backbeat": "--d-u-"}},
    {"simple": {"downbeat": "D---", "backbeat": "----"}, "compound": {"downbeat": "D-----", "backbeat": "------"}}]})";

Result<GuitarVoicing> parseGuitarVoicing(const QJsonObject &object)
{
    const QString voicing = object.value(QStringLiteral("voicing")).toString(QStringLiteral("open"));
    if (voicing == QLatin1String("open"))
        return GuitarVoicing::Open;
    if (voicing == QLatin1String("triad"))
        return GuitarVoicing::Triad;
    if (voicing == QLatin1String("shell"))
        return GuitarVoicing::Shell;
    if (voicing == QLatin1String("power"))
        return GuitarVoicing::Power;
    return styleError(QStringLiteral("guitar.voicing"), QStringLiteral("expected open, triad, shell or power"));
}

Result<QList<RoleCells>> parseGuitarPatterns(const QJsonValue &value)
{
    const QString path = QStringLiteral("guitar.patterns");
    const QJsonArray array = value.toArray();
    if (!value.isArray() || array.isEmpty() || array.size() > 8)
        return styleError(path, QStringLiteral("expected a list of 1 to 8 patterns (cells), the groove first"));
    QList<RoleCells> patterns;
    for (qsizetype i = 0; i < array.size(); ++i) {
        auto cells = parseCells(array[i], QStringLiteral("%1[%2]").arg(path).arg(i), QStringLiteral(".-Ddu?mxcCbap"));
        if (!cells)
            return cells.error();
        patterns.append(*cells);
    }
    return patterns;
}

Result<GuitarStyle> parseGuitar(const QJsonValue &value)
{
    auto section = parsePartSection(value, QStringLiteral("guitar"), TrackType::Guitar);
    if (!section)
        return section.error();
    const QJsonObject &object = section->object;
    GuitarStyle guitar;
    guitar.program = section->program;
    guitar.mix = section->mix;
    auto voicing = parseGuitarVoicing(object);
    if (!voicing)
        return voicing.error();
    guitar.voicing = *voicing;
    guitar.strumMs = object.value(QStringLiteral("strum_ms")).toDouble(5.0);
    if (guitar.strumMs < 1.0 || guitar.strumMs > 6.0)
        return styleError(QStringLiteral("guitar.strum_ms"), QStringLiteral("expected 1-6 milliseconds between strings"));
    auto patterns = parseGuitarPatterns(object.value(QStringLiteral("patterns")));
    if (!patterns)
        return patterns.error();
    guitar.patterns = *patterns;
    return guitar;
}

Result<TimeSignature> parseMeter(const QJsonValue &value)
{
    static const QRegularExpression pattern(QRegularExpression::anchoredPattern(QStringLiteral("(\\d{1,2})/(\\d{1,2})")));
    const auto match = pattern.match(value.toString());
    if (!match.hasMatch())
        return styleError(QStringLiteral("time_signature"), QStringLiteral("expected a string like \"4/4\""));
    const TimeSignature ts{match.captured(1).toInt(), match.captured(2).toInt()};
    if (!isSupportedMeter(ts))
        return styleError(QStringLiteral("time_signature"), QStringLiteral("%1 is not supported").arg(ts.name()));
    return ts;
}

} // namespace

Result<Style> parseStyle(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return makeError(QStringLiteral("invalid_style"),
                         QStringLiteral("not a JSON object (offset %1: %2)").arg(parseError.offset).arg(parseError.errorString()));
    const QJsonObject root = document.object();

    Style style;
    static const QRegularExpression namePattern(QRegularExpression::anchoredPattern(QStringLiteral("[a-z0-9][a-z0-9_-]{0,31}")));
    style.name = root.value(QStringLiteral("name")).toString();
    if (!namePattern.match(style.name).hasMatch())
        return styleError(QStringLiteral("name"), QStringLiteral("expected 1-32 lower-case letters, digits, _ or -"));
    style.title = root.value(QStringLiteral("title")).toString(style.name);
    style.description = root.value(QStringLiteral("description")).toString();

    auto meter = parseMeter(root.value(QStringLiteral("time_signature")));
    if (!meter)
        return meter.error();
    style.meter = *meter;

    style.defaultTempo = root.value(QStringLiteral("tempo")).toDouble(120.0);
    if (style.defaultTempo < 20 || style.defaultTempo > 400)
        return styleError(QStringLiteral("tempo"), QStringLiteral("expected 20-400"));
    const QJsonObject swing = root.value(QStringLiteral("swing")).toObject();
    style.swingRatio = swing.value(QStringLiteral("ratio")).toDouble(0.5);
    style.swingSubdivision = swing.value(QStringLiteral("subdivision")).toInt(8);
    if (style.swingRatio < 0.5 || style.swingRatio > 0.8)
        return styleError(QStringLiteral("swing.ratio"), QStringLiteral("expected 0.5 (straight) to 0.8"));
    if (style.swingSubdivision != 8 && style.swingSubdivision != 16)
        return styleError(QStringLiteral("swing.subdivision"), QStringLiteral("expected 8 or 16"));
    style.phraseBars = root.value(QStringLiteral("phrase_bars")).toInt(4);
    if (style.phraseBars < 2 || style.phraseBars > 16)
        return styleError(QStringLiteral("phrase_bars"), QStringLiteral("expected 2-16"));
    style.backbeat = root.value(QStringLiteral("backbeat")).toBool(true);

    auto drums = parseDrums(root.value(QStringLiteral("drums")));
    if (!drums)
        return drums.error();
    style.drums = drums->voices;
    style.drumsMix = drums->mix;
    style.fills = drums->fills;
    style.timelineStart = drums->timelineStart;
    auto bass = parseBass(root.value(QStringLiteral("bass")));
    if (!bass)
        return bass.error();
    style.bass = *bass;
    auto keys = parseKeys(root.value(QStringLiteral("keys")));
    if (!keys)
        return keys.error();
    style.keys = *keys;
    const QJsonValue guitarSection = root.contains(QStringLiteral("guitar"))
                                         ? root.value(QStringLiteral("guitar"))
                                         : QJsonDocument::fromJson(kDefaultGuitar).object();
    auto guitar = parseGuitar(guitarSection);
    if (!guitar)
        return guitar.error();
    style.guitar = *guitar;
    return style;
}

} // namespace aiband
