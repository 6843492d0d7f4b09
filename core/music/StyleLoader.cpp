#include "StyleLoader.h"

#include "PartRegistry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>
#include <array>

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

// A part's section of the style: an object, with the part's General MIDI program in it (the
// part's row's when absent).
struct PartSection {
    QJsonObject object;
    int program;
};

Result<PartSection> parsePartSection(const QJsonValue &value, const QString &path, TrackType part)
{
    if (!value.isObject())
        return styleError(path, QStringLiteral("expected an object"));
    const QJsonObject object = value.toObject();
    auto program = parseProgram(object, path, partRow(part).program);
    if (!program)
        return program.error();
    return PartSection{object, *program};
}

Result<QList<DrumVoice>> parseDrums(const QJsonValue &value)
{
    if (!value.isObject() || value.toObject().isEmpty())
        return styleError(QStringLiteral("drums"), QStringLiteral("expected an object of instruments"));
    QList<DrumVoice> voices;
    const QJsonObject drums = value.toObject();
    for (auto it = drums.begin(); it != drums.end(); ++it) {
        const QString path = QStringLiteral("drums.") + it.key();
        const auto known = std::find_if(kDrumNames.begin(), kDrumNames.end(),
                                        [&](const DrumName &d) { return it.key() == QLatin1String(d.name); });
        if (known == kDrumNames.end()) {
            QStringList names;
            for (const DrumName &d : kDrumNames)
                names.append(QLatin1String(d.name));
            return styleError(path, QStringLiteral("unknown instrument; known: %1 (toms are kept for fills)")
                                        .arg(names.join(QStringLiteral(", "))));
        }
        auto cells = parseCells(it.value(), path, QStringLiteral(".xXg?"));
        if (!cells)
            return cells.error();
        voices.append({it.key(), known->note, *cells});
    }
    return voices;
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

Result<KeysStyle> parseKeys(const QJsonValue &value)
{
    auto section = parsePartSection(value, QStringLiteral("keys"), TrackType::Keys);
    if (!section)
        return section.error();
    const QJsonObject &object = section->object;
    KeysStyle keys;
    keys.program = section->program;
    const QString voicing = object.value(QStringLiteral("voicing")).toString(QStringLiteral("close"));
    if (voicing == QLatin1String("close"))
        keys.voicing = Voicing::Close;
    else if (voicing == QLatin1String("shell"))
        keys.voicing = Voicing::Shell;
    else if (voicing == QLatin1String("spread"))
        keys.voicing = Voicing::Spread;
    else
        return styleError(QStringLiteral("keys.voicing"), QStringLiteral("expected close, shell or spread"));
    auto cells = parseCells(object.value(QStringLiteral("cells")), QStringLiteral("keys.cells"),
                            QStringLiteral(".-xX?"));
    if (!cells)
        return cells.error();
    keys.cells = *cells;
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
    style.drums = *drums;
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
