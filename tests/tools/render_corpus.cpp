// Renders the property-test corpus: every built-in style in several meters, seeds, progressions
// and feels, each song as bass, drums, keys, full and guitar MIDI files plus a manifest
// (docs/MANIFEST.md) that tests/python/music_checks.py checks independently with mido.
// With --songs, it renders a song set instead (tests/tools/musicianship_songs.json: real songs'
// changes per style, each with two seeds), whose manifests tests/python/musicianship.py reads.
//
// Usage: render_corpus OUTPUT_DIR [--quick]
//        render_corpus OUTPUT_DIR --songs SONG_SET.json [--seeds 1,2]

#include "generation/GenerateRequest.h"
#include "music/ChordSheet.h"
#include "music/Engine.h"
#include "music/Meter.h"
#include "music/Style.h"
#include "music/StyleLibrary.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <optional>

using namespace aiband;

namespace {

struct Progression {
    const char *name;
    const char *sheet;
    int bars;  // the song length; shorter sheets loop
};

// Plain pop changes, jazz changes with extensions and alterations, slash chords with N.C., two
// chords per bar, and a minor progression with chromatic slash basses that loops over 24 bars.
const Progression kProgressions[] = {
    {"pop", "C | Am | F | G", 16},
    {"jazz", "Dm9 | G13 | Cmaj9 | A7b9 | Dm7 | G7alt | C6/9 | Bm7b5 E7#9", 16},
    {"slash", "C | C/B | Am | Am/G | F | N.C. | G7sus4 | G7", 8},
    {"fast", "C F | G C | Am Dm | G7 C", 8},
    {"minor", "Am | E7/G# | C/G | D/F# | F | E7", 24},
};

QJsonArray toArray(const QList<int> &values)
{
    QJsonArray array;
    for (int v : values)
        array.append(v);
    return array;
}

QJsonArray toArray(const QList<double> &values)
{
    QJsonArray array;
    for (double v : values)
        array.append(v);
    return array;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QJsonObject manifestFor(const QString &id, const GenerateRequest &request, const RenderedSong &song)
{
    const Arrangement &a = request.arrangement;
    QJsonArray chords;
    for (const ChordEvent &event : song.plan.chords) {
        chords.append(QJsonObject{{QStringLiteral("symbol"), event.chord.symbol},
                                  {QStringLiteral("start_beat"), event.startBeat},
                                  {QStringLiteral("duration_beats"), event.durationBeats},
                                  {QStringLiteral("root"), event.chord.root},
                                  {QStringLiteral("bass"), event.chord.bass},
                                  {QStringLiteral("tones"), toArray(event.chord.pitchClasses())},
                                  {QStringLiteral("scale"), toArray(event.chord.chordScale())},
                                  {QStringLiteral("no_chord"), event.chord.noChord}});
    }
    QJsonArray bars;
    for (const PlannedBar &bar : song.plan.bars)
        bars.append(QJsonObject{{QStringLiteral("index"), bar.index},
                                {QStringLiteral("start_beat"), bar.startBeat},
                                {QStringLiteral("kind"), barKindName(bar.kind)},
                                {QStringLiteral("fill"), bar.fill},
                                {QStringLiteral("section_start"), bar.sectionStart},
                                {QStringLiteral("crash"), bar.crash}});
    const Feel &feel = a.feel;
    const bool compound = a.timeSignature.denominator == 8 && a.timeSignature.numerator % 3 == 0;
    const QJsonValue swing = feel.swingRatio > 0.5 && !compound
        ? QJsonValue(QJsonObject{{QStringLiteral("ratio"), feel.swingRatio},
                                 {QStringLiteral("subdivision"), feel.swingSubdivision}})
        : QJsonValue();
    QJsonObject files;
    for (const RenderedPart &part : song.parts)
        files.insert(trackTypeName(part.type), QStringLiteral("%1_%2.mid").arg(id, trackTypeName(part.type)));
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("style"), a.style->name},
        {QStringLiteral("seed"), static_cast<qint64>(a.seed)},
        {QStringLiteral("files"), files},
        {QStringLiteral("ppq"), 480},
        {QStringLiteral("tempo"), a.tempoBpm},
        {QStringLiteral("time_signature"), QJsonArray{a.timeSignature.numerator, a.timeSignature.denominator}},
        {QStringLiteral("beats_per_bar"), a.timeSignature.beatsPerBar()},
        {QStringLiteral("end_beat"), song.plan.endBeat},
        {QStringLiteral("humanize"), feel.humanize},
        {QStringLiteral("swing"), swing},
        {QStringLiteral("strong_beats"), toArray(strongBeatsOf(a.timeSignature))},
        {QStringLiteral("backbeat_beats"), a.style->backbeat ? toArray(backbeatsOf(a.timeSignature)) : QJsonArray{}},
        {QStringLiteral("walking_bass"), a.style->bass.mode == BassMode::Walking},
        {QStringLiteral("chords"), chords},
        {QStringLiteral("bars"), bars},
    };
}

bool writeSong(const QDir &out, const QString &id, const RenderedSong &song)
{
    for (const RenderedPart &part : song.parts) {
        if (!writeFile(out.filePath(QStringLiteral("%1_%2.mid").arg(id, trackTypeName(part.type))), part.midi))
            return false;
    }
    return true;
}

std::optional<QJsonArray> readSongSet(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll());
    if (!document.object().value(QStringLiteral("songs")).isArray())
        return std::nullopt;
    return document.object().value(QStringLiteral("songs")).toArray();
}

// The body an arranger would send for one song of the set: its chord sheet (section markers
// included) looped to its length, its meter and tempo, the full band plus guitar, default feel.
QJsonObject songBody(const QJsonObject &entry, int seed)
{
    const QString meter = entry.value(QStringLiteral("time_signature")).toString();
    QJsonObject progression{{QStringLiteral("chords"), entry.value(QStringLiteral("sheet"))},
                            {QStringLiteral("bars"), entry.value(QStringLiteral("bars"))}};
    if (!meter.isEmpty())
        progression.insert(QStringLiteral("time_signature"), meter);
    if (entry.contains(QStringLiteral("tempo")))
        progression.insert(QStringLiteral("tempo"), entry.value(QStringLiteral("tempo")));
    return QJsonObject{
        {QStringLiteral("chord_progression"), progression},
        {QStringLiteral("style"), entry.value(QStringLiteral("style"))},
        {QStringLiteral("seed"), seed},
        {QStringLiteral("track_types"), QJsonArray{QStringLiteral("bass"), QStringLiteral("drums"), QStringLiteral("keys"),
                                                   QStringLiteral("full"), QStringLiteral("guitar")}},
    };
}

// The sheet's section markers as the song plays them: the progression loops to the song's length
// and its markers with it, from where the music starts (after a count-in or intro).
QJsonArray playedSections(const QString &sheet, const Arrangement &arrangement, double musicStartBeat)
{
    const double beatsPerBar = arrangement.timeSignature.beatsPerBar();
    const Result<QList<ChordEvent>> chords = parseChordSheet(sheet, beatsPerBar);
    QJsonArray played;
    if (!chords || chords->isEmpty())
        return played;
    const double length = chords->last().startBeat + chords->last().durationBeats;
    const QList<SheetSection> sections = chordSheetSections(sheet, beatsPerBar);
    for (double offset = 0.0; length > 0.0 && offset < arrangement.durationBeats; offset += length) {
        for (const SheetSection &section : sections) {
            if (offset + section.startBeat < arrangement.durationBeats)
                played.append(QJsonObject{{QStringLiteral("name"), section.name},
                                          {QStringLiteral("start_beat"), musicStartBeat + offset + section.startBeat}});
        }
    }
    return played;
}

// Renders every song of the set once per seed: `<song>-s<seed>` manifests with the song's id,
// title and sections, so the checker can pair the seeds of one song.
int renderSongSet(const QDir &out, const QString &setPath, const QList<int> &seeds, const StyleLibrary &styles)
{
    const std::optional<QJsonArray> set = readSongSet(setPath);
    if (!set) {
        std::fprintf(stderr, "%s: not a song set ({\"songs\": [...]})\n", qPrintable(setPath));
        return 1;
    }
    int songs = 0;
    for (const QJsonValue &value : *set) {
        const QJsonObject entry = value.toObject();
        const QString songId = entry.value(QStringLiteral("id")).toString();
        for (int seed : seeds) {
            const Result<GenerateRequest> request = parseGenerateRequest(songBody(entry, seed), styles);
            if (!request) {
                std::fprintf(stderr, "%s: %s (%s)\n", qPrintable(songId), qPrintable(request.error().message),
                             qPrintable(request.error().field));
                return 1;
            }
            const RenderedSong song = renderSong(request->arrangement);
            const QString id = QStringLiteral("%1-s%2").arg(songId).arg(seed);
            QJsonObject manifest = manifestFor(id, *request, song);
            manifest.insert(QStringLiteral("song"), songId);
            manifest.insert(QStringLiteral("title"), entry.value(QStringLiteral("title")));
            manifest.insert(QStringLiteral("sections"), playedSections(entry.value(QStringLiteral("sheet")).toString(),
                                                                       request->arrangement, song.plan.musicStartBeat));
            if (!writeSong(out, id, song)
                || !writeFile(out.filePath(id + QStringLiteral(".json")), QJsonDocument(manifest).toJson()))
                return 1;
            ++songs;
        }
    }
    std::printf("rendered %d songs into %s\n", songs, qPrintable(out.path()));
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: render_corpus OUTPUT_DIR [--quick | --songs SONG_SET.json [--seeds 1,2]]\n");
        return 2;
    }
    const QDir out(args[1]);
    QDir().mkpath(out.path());
    const bool quick = args.contains(QStringLiteral("--quick"));
    const StyleLibrary styles = StyleLibrary::load({QString::fromLatin1(StyleLibrary::kBuiltInFolder)});
    if (const qsizetype at = args.indexOf(QStringLiteral("--songs")); at > 0 && at + 1 < args.size()) {
        QList<int> seeds{1, 2};
        if (const qsizetype s = args.indexOf(QStringLiteral("--seeds")); s > 0 && s + 1 < args.size()) {
            seeds.clear();
            for (const QString &seed : args[s + 1].split(QLatin1Char(',')))
                seeds.append(seed.toInt());
        }
        return renderSongSet(out, args[at + 1], seeds, styles);
    }
    const QStringList meters{QStringLiteral("4/4"), QStringLiteral("3/4"), QStringLiteral("6/8"),
                             QStringLiteral("5/4"), QStringLiteral("7/8"), QStringLiteral("12/8")};

    int songs = 0;
    int styleIndex = 0;
    for (const Style &style : styles.styles()) {
        // The style's own meter, and two others that rotate from style to style.
        QStringList songMeters{style.meter.name()};
        for (int k = 0; songMeters.size() < (quick ? 2 : 3); ++k) {
            const QString meter = meters[(styleIndex * 2 + k) % meters.size()];
            if (!songMeters.contains(meter))
                songMeters.append(meter);
        }
        ++styleIndex;
        for (const QString &meter : songMeters) {
            for (int p = 0; p < static_cast<int>(std::size(kProgressions)); ++p) {
                for (int seed = 1; seed <= (quick ? 1 : 2); ++seed) {
                    const Progression &progression = kProgressions[p];
                    const int variant = (seed + p) % 4; // rotate feels: plain, intro+ending, count-in, loose
                    QJsonObject body{
                        {QStringLiteral("chord_progression"),
                         QJsonObject{{QStringLiteral("chords"), QString::fromLatin1(progression.sheet)},
                                     {QStringLiteral("time_signature"), meter}}},
                        {QStringLiteral("style"), style.name},
                        {QStringLiteral("seed"), seed},
                        {QStringLiteral("track_types"), QJsonArray{QStringLiteral("bass"), QStringLiteral("drums"),
                                                                   QStringLiteral("keys"), QStringLiteral("full"),
                                                                   QStringLiteral("guitar")}},
                        {QStringLiteral("humanize"), variant == 3 ? 0.9 : (variant == 0 ? 0.0 : 0.5)},
                        {QStringLiteral("complexity"), 0.25 * (seed + p % 3)},
                        {QStringLiteral("intensity"), 0.3 + 0.2 * (p % 3)},
                        {QStringLiteral("intro"), variant == 1 ? 2 : 0},
                        {QStringLiteral("ending"), variant == 1},
                        {QStringLiteral("count_in"), variant == 2 ? 1 : 0},
                    };
                    QJsonObject progressionObject = body.value(QStringLiteral("chord_progression")).toObject();
                    const TimeSignature ts{meter.section(QLatin1Char('/'), 0, 0).toInt(),
                                           meter.section(QLatin1Char('/'), 1, 1).toInt()};
                    progressionObject.insert(QStringLiteral("duration"), progression.bars * ts.beatsPerBar());
                    body.insert(QStringLiteral("chord_progression"), progressionObject);

                    const Result<GenerateRequest> request = parseGenerateRequest(body, styles);
                    if (!request) {
                        std::fprintf(stderr, "%s %s %s: %s\n", qPrintable(style.name), qPrintable(meter),
                                     progression.name, qPrintable(request.error().message));
                        return 1;
                    }
                    const RenderedSong song = renderSong(request->arrangement);
                    const QString id = QStringLiteral("%1-%2-%3-s%4").arg(style.name, QString(meter).replace(QLatin1Char('/'), QLatin1Char('_')),
                                                                          QLatin1String(progression.name)).arg(seed);
                    QJsonObject manifest = manifestFor(id, *request, song);
                    if (!writeSong(out, id, song))
                        return 1;
                    // Reproducibility: the same request again, and the same with another seed.
                    if (seed == 1 && p == 0) {
                        const RenderedSong twin = renderSong(request->arrangement);
                        Arrangement other = request->arrangement;
                        other.seed += 1000;
                        const RenderedSong otherSong = renderSong(other);
                        QJsonObject twins;
                        QJsonObject others;
                        for (int i = 0; i < twin.parts.size(); ++i) {
                            const QString type = trackTypeName(twin.parts[i].type);
                            const QString twinName = QStringLiteral("%1_%2_twin.mid").arg(id, type);
                            const QString otherName = QStringLiteral("%1_%2_seed2.mid").arg(id, type);
                            writeFile(out.filePath(twinName), twin.parts[i].midi);
                            writeFile(out.filePath(otherName), otherSong.parts[i].midi);
                            twins.insert(type, twinName);
                            others.insert(type, otherName);
                        }
                        manifest.insert(QStringLiteral("twin"), twins);
                        manifest.insert(QStringLiteral("other_seed"), others);
                    }
                    if (!writeFile(out.filePath(id + QStringLiteral(".json")), QJsonDocument(manifest).toJson()))
                        return 1;
                    ++songs;
                }
            }
        }
    }
    std::printf("rendered %d songs into %s\n", songs, qPrintable(out.path()));
    return 0;
}
