#include "BuiltInStyles.h"
#include "SheetArrangement.h"
#include "BarRhythms.h"
#include "music/ChordNaming.h"
#include "music/ChordSheet.h"
#include "music/Engine.h"
#include "music/GuitarShapes.h"
#include "music/MidiReader.h"
#include "music/PartRegistry.h"
#include "music/SongPlan.h"
#include "music/StyleLoader.h"

#include <QTest>

#include <array>
#include <functional>
#include <random>

using namespace aiband;

namespace {

// The guitar as the checks see it, written out here rather than taken from the engine, so that
// a mistake there cannot hide itself: standard tuning, frets 0..15, one hand of four fingers over
// four frets (a barre across the lowest fret counting as one finger).
constexpr std::array<int, 6> kTuning{40, 45, 50, 55, 59, 64};
constexpr int kLowest = 40;         // E2
constexpr int kHighest = 84;        // C6
constexpr int kTopFret = 15;
constexpr double kJoinMs = 15.0;    // a note this soon after the previous one is the same stroke
constexpr double kMaxSpreadMs = 40.0;

const char *const kMeters[] = {"4/4", "3/4", "6/8", "5/4", "7/8"};

// Chords of every family the grammar knows (docs/CHORDS.md), slash chords included.
const char *const kQualities[] = {
    "", "m", "dim", "aug", "sus2", "sus4", "5", "no5", "mno5", "6", "m6", "6sus4", "6/9", "m6/9", "6/9#11",
    "7", "7sus4", "7sus2", "7sus4b9", "7no3", "7no5", "7add6", "7add11", "7add13", "7b5", "7#5", "7b9", "7#9",
    "7#11", "7b13", "7b9#9", "7b9#11", "7b9b13", "7#9b13", "7#9#11", "7b9#11b13", "7b9#9b13", "7#5b9", "7#5#9",
    "7b5b9", "7b5#9", "7alt", "9", "9b5", "9#5", "9#11", "9b13", "9sus4", "11", "11b9", "13", "13b9", "13#9",
    "13#11", "13b5", "13b9#11", "13sus4", "add9", "add2", "add11", "add4", "add13", "madd9", "madd2", "madd11",
    "madd4", "augadd9", "(b5)", "(#11)", "(b9)", "(#9)", "(b13)", "maj7", "maj7sus4", "maj7b5", "maj7#5",
    "maj7#11", "maj7add13", "maj9", "maj9#11", "maj11", "maj13", "maj13#11", "m7", "m7no5", "m7#5", "m7b9",
    "m7b13", "m7#11", "m7add11", "m9", "m11", "m13", "m7b5", "m9b5", "m11b5", "mMaj7", "mMaj9", "mMaj11",
    "mMaj13", "mMaj7b5", "dim7", "dim7add9", "m#5", "mb6", "sus4add2", "sus4add9", "sus2add9", "sus4b9", "5add9",
};
const char *const kRoots[] = {"C", "Db", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"};

Chord chord(const QString &symbol)
{
    const Result<Chord> parsed = parseChord(symbol);
    if (!parsed)
        qFatal("%s", qPrintable(parsed.error().message));
    return *parsed;
}

unsigned classesOf(const Chord &c)
{
    unsigned bits = 0;
    for (int pitchClass : c.pitchClasses())
        bits |= 1u << pitchClass;
    return bits;
}

// Whether the frets (-1: string not played) fit one hand.
bool handHolds(const std::array<int, 6> &frets)
{
    int lowest = kTopFret + 1, highest = 0, fretted = 0;
    for (int fret : frets) {
        if (fret > 0) {
            lowest = std::min(lowest, fret);
            highest = std::max(highest, fret);
            ++fretted;
        }
    }
    if (fretted == 0)
        return true;
    if (highest - lowest > 3)
        return false;
    if (fretted <= 4)
        return true;
    int first = -1, last = -1, barred = 0;
    for (int s = 0; s < 6; ++s) {
        if (frets[s] == lowest) {
            first = first < 0 ? s : first;
            last = s;
            ++barred;
        }
    }
    if (1 + fretted - barred > 4)
        return false;
    for (int s = first; s <= last; ++s) {
        if (frets[s] == 0)
            return false;
    }
    return true;
}

// Whether the pitches can sound one per string (frets 0..15), and fit one hand when asked.
bool fingerable(const QList<int> &pitches, bool oneHand)
{
    std::array<int, 6> frets{-1, -1, -1, -1, -1, -1};
    std::function<bool(qsizetype)> place = [&](qsizetype index) {
        if (index == pitches.size())
            return !oneHand || handHolds(frets);
        for (int s = 0; s < 6; ++s) {
            const int fret = pitches[index] - kTuning[static_cast<size_t>(s)];
            if (frets[static_cast<size_t>(s)] < 0 && fret >= 0 && fret <= kTopFret) {
                frets[static_cast<size_t>(s)] = fret;
                if (place(index + 1))
                    return true;
                frets[static_cast<size_t>(s)] = -1;
            }
        }
        return false;
    };
    return pitches.size() <= 6 && place(0);
}

using test::meterOf;

Arrangement arrangement(const Style *style, const char *meter, quint32 seed, const QString &sheet, int bars)
{
    return test::sheetArrangement(style, meterOf(meter), seed, sheet, bars, TrackType::Guitar, 0.5);
}

// The notes grouped into strokes: each note starting within kJoinMs of the one before.
QList<QList<Note>> strokesOf(const std::vector<Note> &notes, double msPerTick)
{
    QList<QList<Note>> strokes;
    for (const Note &note : notes) {
        if (!strokes.isEmpty() && (note.startTick - strokes.last().last().startTick) * msPerTick <= kJoinMs)
            strokes.last().append(note);
        else
            strokes.append({note});
    }
    return strokes;
}

QList<int> pitchesOf(const QList<Note> &stroke)
{
    QList<int> pitches;
    for (const Note &note : stroke)
        pitches.append(note.pitch);
    return pitches;
}

using test::barRhythms;
using test::sameRhythm;

// The track chunks of a Standard MIDI File, without their headers.
QList<QByteArray> trackChunks(const QByteArray &midi)
{
    QList<QByteArray> tracks;
    qsizetype pos = 14;
    while (pos + 8 <= midi.size()) {
        const qsizetype length = (quint8(midi[pos + 4]) << 24) | (quint8(midi[pos + 5]) << 16)
                                 | (quint8(midi[pos + 6]) << 8) | quint8(midi[pos + 7]);
        tracks.append(midi.mid(pos + 8, length));
        pos += 8 + length;
    }
    return tracks;
}

} // namespace

class TestGuitar : public QObject {
    Q_OBJECT
private slots:
    void guitarIsAPartOfItsOwnOutsideTheFullBand()
    {
        const PartRow &guitar = partRow(TrackType::Guitar);
        QCOMPARE(QLatin1String(guitar.name), QLatin1String("guitar"));
        QCOMPARE(parseTrackType(QStringLiteral("guitar")), std::optional<TrackType>(TrackType::Guitar));
        QVERIFY(guitar.channel != kDrumChannel);
        for (const PartRow &row : partRows()) {
            if (&row != &guitar && !row.isBand())
                QVERIFY2(row.channel != guitar.channel, row.name);
        }
        QVERIFY(guitar.program >= 24 && guitar.program <= 31);  // General MIDI's guitars
        QVERIFY(!guitar.inFullBand);
        QVERIFY(!partsInFile(partRow(TrackType::Full)).contains(&guitar));
        QCOMPARE(partsInFile(partRow(TrackType::Full)).size(), 3);
    }

    void everyChordQualityHasPlayableShapesInEveryVoicing()
    {
        for (const char *root : kRoots) {
            for (const char *quality : kQualities) {
                const Chord c = chord(QLatin1String(root) + QString::fromUtf8(quality));
                for (GuitarVoicing voicing : {GuitarVoicing::Open, GuitarVoicing::Triad, GuitarVoicing::Shell, GuitarVoicing::Power})
                    checkShapes(c, voicing);
            }
        }
        // A slash bass that is a chord tone goes on the lowest string when the shape allows.
        const std::vector<ShapeCandidate> slash = guitarShapes(chord(QStringLiteral("C/E")), GuitarVoicing::Open);
        const auto best = std::min_element(slash.cbegin(), slash.cend(), [](const auto &a, const auto &b) { return a.cost < b.cost; });
        QCOMPARE(best->shape.lowestPitch() % 12, 4);
    }

    // Any set of intervals the grammar can name gets shapes, not only the families above.
    void randomChordsTheGrammarNamesHaveShapes()
    {
        const QList<int> pool{2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 17, 18, 20, 21};
        std::mt19937 random(7);
        int tried = 0;
        for (int attempt = 0; attempt < 3000 && tried < 400; ++attempt) {
            QList<int> intervals{0};
            for (int interval : pool) {
                if (random() % 4 == 0)
                    intervals.append(interval);
            }
            const Result<Chord> parsed = parseChord(QStringLiteral("E") + canonicalQuality(intervals));
            if (!parsed || parsed->intervals != intervals)
                continue;
            ++tried;
            checkShapes(*parsed, GuitarVoicing::Open);
            checkShapes(*parsed, GuitarVoicing::Shell);
        }
        QVERIFY2(tried >= 200, qPrintable(QString::number(tried)));
    }

    void everyStyleInEveryMeterPlaysAPlayableGuitar_data()
    {
        QTest::addColumn<QString>("style");
        QTest::addColumn<QString>("meter");
        for (const Style &style : test::builtInStyles().styles()) {
            for (const char *meter : kMeters)
                QTest::newRow(qPrintable(style.name + QLatin1Char(' ') + QLatin1String(meter))) << style.name << QString::fromLatin1(meter);
        }
    }

    void everyStyleInEveryMeterPlaysAPlayableGuitar()
    {
        QFETCH(QString, style);
        QFETCH(QString, meter);
        const QByteArray meterText = meter.toLatin1();
        for (quint32 seed : {1u, 2u, 3u}) {
            for (const char *sheet : {"C | Am7 | Dm7 G7 | C/E | F | Fm6 | Em7 A7b9 | Dmaj9 G13",
                                      "Am | E7/G# | C/G | D/F# | F | E7 | N.C. | Bbmaj7#11"}) {
                const Arrangement a = arrangement(test::builtInStyles().find(style), meterText.constData(), seed,
                                                  QLatin1String(sheet), 16);
                checkPart(a, QStringLiteral("%1 %2 seed %3 %4").arg(style, meter).arg(seed).arg(QLatin1String(sheet)));
                if (QTest::currentTestFailed())
                    return;
            }
        }
    }

    // Like every part: its own track carries the tempo and the time signature at tick 0, on its
    // own channel with the style's program, alone or beside other parts.
    void theGuitarTrackCarriesTempoMeterChannelAndProgram()
    {
        const Style *style = test::style("bossa_nova");
        Arrangement a = arrangement(style, "3/4", 5, QStringLiteral("Dm7 | G7 | Cmaj7"), 4);
        a.tempoBpm = 90.0;
        a.parts = {TrackType::Bass, TrackType::Guitar, TrackType::Full};
        const RenderedSong song = renderSong(a);
        QCOMPARE(song.parts.size(), 3);
        const QList<QByteArray> tracks = trackChunks(song.parts[1].midi);
        QCOMPARE(tracks.size(), 2);                                                  // conductor + guitar
        const QByteArray &guitar = tracks[1];
        QVERIFY(guitar.startsWith(QByteArray::fromHex("00ff0306") + "Guitar"));
        QVERIFY(guitar.contains(QByteArray::fromHex("00ff5103") + QByteArray::fromHex("0a2c2b")));  // 90 BPM at tick 0
        QVERIFY(guitar.contains(QByteArray::fromHex("00ff580403021808")));          // 3/4 at tick 0
        const int channel = partRow(TrackType::Guitar).channel;
        QVERIFY(guitar.contains(QByteArray::fromHex("00") + char(0xC0 | channel) + char(style->guitar.program)));
        const Result<MidiSong> read = readMidiFile(song.parts[1].midi);
        QVERIFY(read.ok());
        QCOMPARE(read->parts.size(), size_t(1));
        QCOMPARE(read->parts.front().channel, channel);
        QCOMPARE(read->parts.front().program, 24);                                   // nylon, the bossa's choice
        QVERIFY(!read->parts.front().notes.empty());
        // The full band's file is what it was: bass, drums and keys.
        QCOMPARE(trackChunks(song.parts[2].midi).size(), 4);
        QVERIFY(!song.parts[2].midi.contains("Guitar"));
    }

    void sameSeedSameBytesOtherSeedOtherNotes()
    {
        const Style *style = test::style("pop");
        const Arrangement a = arrangement(style, "4/4", 11, QStringLiteral("C | G | Am | F"), 8);
        Arrangement other = a;
        other.seed = 12;
        const QByteArray first = renderSong(a).parts.first().midi;
        QCOMPARE(renderSong(a).parts.first().midi, first);
        QVERIFY(renderSong(other).parts.first().midi != first);
    }

    void stylesSayWhatIsWrongWithTheirGuitar_data()
    {
        QTest::addColumn<QByteArray>("guitar");
        QTest::addColumn<QString>("mustMention");
        QTest::newRow("not an object") << QByteArray("3") << "guitar: expected an object";
        QTest::newRow("voicing") << QByteArray(R"({"voicing": "jumbo", "patterns": [{"simple": {"downbeat": "D---"}}]})")
                                 << "guitar.voicing: expected open, triad, shell or power";
        QTest::newRow("no patterns") << QByteArray(R"({"patterns": []})") << "guitar.patterns: expected a list of 1 to 8";
        QTest::newRow("step") << QByteArray(R"({"patterns": [{"simple": {"downbeat": "D---"}}, {"simple": {"downbeat": "Dz--"}}]})")
                              << "guitar.patterns[1].simple.downbeat: expected 4 steps";
        QTest::newRow("strum") << QByteArray(R"({"strum_ms": 30, "patterns": [{"simple": {"downbeat": "D---"}}]})")
                               << "guitar.strum_ms";
        QTest::newRow("program") << QByteArray(R"({"program": 128, "patterns": [{"simple": {"downbeat": "D---"}}]})")
                                 << "guitar.program";
    }

    void stylesSayWhatIsWrongWithTheirGuitar()
    {
        QFETCH(QByteArray, guitar);
        QFETCH(QString, mustMention);
        const Result<Style> style = parseStyle(minimalStyle(", \"guitar\": " + guitar));
        QVERIFY(!style.ok());
        QVERIFY2(style.error().message.contains(mustMention), qPrintable(style.error().message));
    }

    void aStyleWithoutAGuitarStrumsTheDefault()
    {
        const Result<Style> style = parseStyle(minimalStyle(""));
        QVERIFY2(style.ok(), style.ok() ? "" : qPrintable(style.error().message));
        QCOMPARE(style->guitar.program, partRow(TrackType::Guitar).program);
        QCOMPARE(style->guitar.voicing, GuitarVoicing::Open);
        QCOMPARE(style->guitar.patterns.size(), 3);
        Arrangement a = arrangement(&*style, "4/4", 1, QStringLiteral("G | D | Em | C"), 8);
        checkPart(a, QStringLiteral("default guitar"));
    }

private:
    static QByteArray minimalStyle(const QByteArray &more)
    {
        return R"({"name": "mine", "time_signature": "4/4", "drums": {"kick": {"simple": {"downbeat": "x..."}}},
                  "bass": {"mode": "kick"}, "keys": {"cells": {"simple": {"downbeat": "x---"}}})" + more + "}";
    }

    void checkShapes(const Chord &c, GuitarVoicing voicing)
    {
        const std::vector<ShapeCandidate> shapes = guitarShapes(c, voicing);
        const QString what = c.canonical() + QStringLiteral(" voicing %1").arg(static_cast<int>(voicing));
        QVERIFY2(!shapes.empty(), qPrintable(what));
        const unsigned tones = classesOf(c);
        for (const ShapeCandidate &candidate : shapes) {
            const GuitarShape &shape = candidate.shape;
            QList<int> pitches;
            for (int s = 0; s < 6; ++s) {
                const int fret = shape.frets[static_cast<size_t>(s)];
                QVERIFY2(fret >= -1 && fret <= kTopFret, qPrintable(what));
                if (fret < 0)
                    continue;
                const int pitch = kTuning[static_cast<size_t>(s)] + fret;
                QVERIFY2(pitch >= kLowest && pitch <= kHighest, qPrintable(what));
                QVERIFY2((tones >> (pitch % 12)) & 1u, qPrintable(what + QStringLiteral(": %1 is no chord tone").arg(pitch)));
                pitches.append(pitch);
            }
            QVERIFY2(pitches.size() >= 3 && pitches.size() <= 6, qPrintable(what));
            QVERIFY2(handHolds(shape.frets), qPrintable(what));
        }
    }

    void checkPart(const Arrangement &a, const QString &what)
    {
        const SongPlan plan = planSong(a, a.style->phraseBars);
        const MidiPart part = partRow(TrackType::Guitar).generate(a, plan);
        const std::vector<Note> bass = partRow(TrackType::Bass).generate(a, plan).notes;
        QCOMPARE(part.channel, partRow(TrackType::Guitar).channel);
        QCOMPARE(part.program, a.style->guitar.program);
        QVERIFY2(part.notes.size() >= 16, qPrintable(what));
        const double msPerTick = 60000.0 / (a.tempoBpm * kTicksPerQuarter);
        const QList<QList<Note>> strokes = strokesOf(part.notes, msPerTick);
        bool strummed = false;
        for (const QList<Note> &stroke : strokes) {
            const QString where = what + QStringLiteral(" at tick %1").arg(stroke.first().startTick);
            QVERIFY2(fingerable(pitchesOf(stroke), false), qPrintable(where + QStringLiteral(": not one note per string")));
            QVERIFY2(fingerable(pitchesOf(stroke), true), qPrintable(where + QStringLiteral(": no hand plays it")));
            const double spread = (stroke.last().startTick - stroke.first().startTick) * msPerTick;
            if (stroke.size() >= 2)
                QVERIFY2(stroke.last().startTick > stroke.first().startTick && spread < kMaxSpreadMs, qPrintable(where));
            strummed = strummed || stroke.size() >= 3;
            for (const Note &note : stroke)
                checkNote(note, plan, bass, where);
        }
        QVERIFY2(strummed, qPrintable(what + QStringLiteral(": no stroke of three strings")));
        const QList<QList<qint64>> rhythms = barRhythms(plan, strokes);
        for (qsizetype first = 0; first + 8 <= rhythms.size(); ++first) {
            const bool varied = std::any_of(rhythms.cbegin() + first, rhythms.cbegin() + first + 8,
                                            [&](const QList<qint64> &r) { return !sameRhythm(r, rhythms[first]); });
            QVERIFY2(varied, qPrintable(what + QStringLiteral(": one rhythm in the 8 bars from song bar %1").arg(first + 1)));
        }
    }

    void checkNote(const Note &note, const SongPlan &plan, const std::vector<Note> &bass, const QString &where)
    {
        QVERIFY2(note.pitch >= kLowest && note.pitch <= kHighest, qPrintable(where));
        const double beat = static_cast<double>(note.startTick) / kTicksPerQuarter;
        // The chord where the note starts, or the one it was struck for a moment early.
        bool inChord = false;
        bool chordTone = false;
        for (double at : {beat, beat + 0.125}) {
            const ChordEvent *event = plan.chordAt(at);
            if (!event || event->chord.noChord)
                continue;
            inChord = true;
            chordTone = chordTone || ((classesOf(event->chord) >> (note.pitch % 12)) & 1u);
        }
        QVERIFY2(inChord, qPrintable(where + QStringLiteral(": plays where no chord sounds (N.C.)")));
        QVERIFY2(chordTone, qPrintable(where + QStringLiteral(": %1 is no tone of the chord").arg(note.pitch)));
        for (const Note &low : bass) {
            const bool sounding = low.startTick <= note.startTick && note.startTick < low.startTick + low.durationTicks;
            QVERIFY2(!sounding || low.pitch < note.pitch,
                     qPrintable(where + QStringLiteral(": %1 is not above the bass's %2").arg(note.pitch).arg(low.pitch)));
        }
    }
};

QTEST_GUILESS_MAIN(TestGuitar)
#include "tst_guitar.moc"
