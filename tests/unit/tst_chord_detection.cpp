// Chords from MIDI (core/music/ChordDetection): progressions played the ways players play them
// (block chords, inversions, arpeggios, walking bass with chromatic approach notes, a held
// pedal, extensions, rests), read back chord by chord.

#include "music/ChordDetection.h"

#include <QTest>

using namespace aiband;

namespace {

Chord chordOf(const QString &symbol)
{
    return parseChord(symbol).value();
}

// The chord sounding at `beat` in a detection, as its canonical name.
QString chordAt(const ChordDetection &detection, double beat)
{
    for (const DetectedChord &chord : detection.chords) {
        if (beat >= chord.event.startBeat && beat < chord.event.startBeat + chord.event.durationBeats)
            return chord.event.chord.canonical();
    }
    return QStringLiteral("(none)");
}

// One chord per bar of 4/4, `symbols` separated by spaces.
QStringList bars(const QString &symbols)
{
    return symbols.split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

// Chord tones from `low` up, in close position from the root (inversion 0) or a chord tone.
QList<int> voicing(const Chord &chord, int low, int inversion = 0)
{
    QList<int> tones;
    for (int interval : chord.intervals)
        tones.append(chord.root + interval);
    for (int i = 0; i < inversion; ++i)
        tones.append(tones.takeFirst() + 12);
    QList<int> pitches;
    for (int tone : tones) {
        int pitch = low + ((tone - low) % 12 + 12) % 12;
        while (!pitches.isEmpty() && pitch <= pitches.last())
            pitch += 12;
        pitches.append(pitch);
    }
    return pitches;
}

void add(std::vector<PlayedNote> &notes, double start, double duration, int pitch, int velocity = 90)
{
    notes.push_back({start, duration, pitch, velocity});
}

// Bass on the root (octave 2) and a close voicing from middle C, one chord per bar.
std::vector<PlayedNote> blockChords(const QStringList &symbols)
{
    std::vector<PlayedNote> notes;
    for (qsizetype bar = 0; bar < symbols.size(); ++bar) {
        const Chord chord = chordOf(symbols[bar]);
        add(notes, bar * 4.0, 4.0, 36 + chord.bass);
        for (int pitch : voicing(chord, 60))
            add(notes, bar * 4.0, 3.9, pitch, 70);
    }
    return notes;
}

// A walking bass, one line of four quarter notes a bar, under a rootless voicing struck at the
// two `hits` of each bar. From the second bar on the line's downbeat comes `early` beats early.
std::vector<PlayedNote> walkingUnderShells(const QList<QList<int>> &lines, const QList<QList<int>> &shells,
                                           std::pair<double, double> hits, double early)
{
    std::vector<PlayedNote> notes;
    for (qsizetype bar = 0; bar < lines.size(); ++bar) {
        for (int beat = 0; beat < 4; ++beat)
            add(notes, bar * 4.0 + beat - (beat == 0 && bar > 0 ? early : 0.0), 0.9, lines[bar][beat]);
        for (const double hit : {hits.first, hits.second})
            for (int pitch : shells[bar])
                add(notes, bar * 4.0 + hit, 0.6, pitch, 65);
    }
    return notes;
}

// One line alone, one note after another, each `noteBeats` long: the figures back to back.
std::vector<PlayedNote> oneLine(const QList<QList<int>> &figures, double noteBeats)
{
    std::vector<PlayedNote> notes;
    double at = 0.0;
    for (const QList<int> &figure : figures) {
        for (int pitch : figure) {
            add(notes, at, noteBeats, pitch);
            at += noteBeats;
        }
    }
    return notes;
}

ChordDetection detect(const std::vector<PlayedNote> &notes, ChordResolution resolution = ChordResolution::Beat)
{
    ChordDetectionOptions options;
    options.resolution = resolution;
    return detectChords(notes, options);
}

void compareBars(const ChordDetection &detection, const QStringList &expected)
{
    for (qsizetype bar = 0; bar < expected.size(); ++bar) {
        for (int beat = 0; beat < 4; ++beat) {
            const double at = bar * 4.0 + beat;
            QVERIFY2(chordAt(detection, at) == chordOf(expected[bar]).canonical(),
                     qPrintable(QStringLiteral("beat %1: %2, expected %3").arg(at).arg(chordAt(detection, at), expected[bar])));
        }
    }
}

} // namespace

class TestChordDetection : public QObject {
    Q_OBJECT

private slots:
    void blockChordsOfEveryKind_data()
    {
        QTest::addColumn<QString>("progression");
        QTest::newRow("triads") << "C Am F G";
        QTest::newRow("sevenths") << "Dm7 G7 Cmaj7 A7";
        QTest::newRow("minor ii V i") << "Bm7b5 E7 Am Am";
        QTest::newRow("sixths and sus") << "C6 F6 G7sus4 G7";
        QTest::newRow("ninths") << "Cmaj9 Dm9 G9 Cmaj7";
        QTest::newRow("diminished and augmented") << "C C#dim7 Dm7 Caug";
        QTest::newRow("sharps and flats") << "Eb Bb Fm7 Ab";
    }
    void blockChordsOfEveryKind()
    {
        QFETCH(QString, progression);
        const ChordDetection detection = detect(blockChords(bars(progression)));
        compareBars(detection, bars(progression));
        QCOMPARE(detection.lengthBeats, 4.0 * bars(progression).size());
        for (const DetectedChord &chord : detection.chords)
            QVERIFY2(chord.confidence >= 0.7, qPrintable(chord.event.chord.canonical() + QString::number(chord.confidence)));
    }

    // Without a bass part, the lowest voice names the inversion.
    void inversionsBecomeSlashChords()
    {
        std::vector<PlayedNote> notes;
        const QList<std::pair<QString, int>> played{{QStringLiteral("C"), 1}, {QStringLiteral("G"), 2}, {QStringLiteral("Am"), 0}, {QStringLiteral("F"), 1}};
        for (qsizetype bar = 0; bar < played.size(); ++bar)
            for (int pitch : voicing(chordOf(played[bar].first), 52, played[bar].second))
                add(notes, bar * 4.0, 4.0, pitch);
        compareBars(detect(notes), {QStringLiteral("C/E"), QStringLiteral("G/D"), QStringLiteral("Am"), QStringLiteral("F/A")});
    }

    // A broken chord, one note per eighth, up to the octave and back down (C E G C' G E C E),
    // no two notes together.
    void arpeggiosAreReadAsTheirChord()
    {
        std::vector<PlayedNote> notes;
        const QStringList symbols = bars(QStringLiteral("C Am Dm7 G7"));
        for (qsizetype bar = 0; bar < symbols.size(); ++bar) {
            QList<int> pattern = voicing(chordOf(symbols[bar]), 48);
            pattern.append(pattern.first() + 12);
            for (qsizetype down = pattern.size() - 2; down > 0; --down)
                pattern.append(pattern[down]);
            for (int eighth = 0; eighth < 8; ++eighth)
                add(notes, bar * 4.0 + eighth * 0.5, 0.5, pattern[eighth % pattern.size()]);
        }
        compareBars(detect(notes), symbols);
    }

    // A walking bass with a chromatic approach note on beat 4 and a melody with neighbour tones:
    // the chord holds through them.
    void passingAndNeighbourTonesDoNotChangeTheChord()
    {
        std::vector<PlayedNote> notes;
        const QStringList symbols = bars(QStringLiteral("Cmaj7 Am7 Dm7 G7 Cmaj7"));
        for (qsizetype bar = 0; bar < symbols.size(); ++bar) {
            const Chord chord = chordOf(symbols[bar]);
            const Chord next = chordOf(symbols[(bar + 1) % symbols.size()]);
            const int root = 36 + chord.root;
            // root, third, fifth, then a half step above the next root
            for (const auto &[beat, pitch] : QList<std::pair<int, int>>{{0, root}, {1, root + chord.intervals[1]},
                                                                        {2, root + chord.intervals[2]}, {3, 36 + next.root + 1}})
                add(notes, bar * 4.0 + beat, 1.0, pitch);
            for (int pitch : voicing(chord, 55))
                add(notes, bar * 4.0 + 0.5, 3.0, pitch, 60);  // comped on the "and" of one
            // melody: chord tone, upper neighbour (a sixteenth), back
            const int top = voicing(chord, 72).first();
            add(notes, bar * 4.0, 1.0, top, 100);
            add(notes, bar * 4.0 + 1.0, 0.25, top + 2, 100);
            add(notes, bar * 4.0 + 1.25, 2.75, top, 100);
        }
        compareBars(detect(notes), symbols);
    }

    // A broken chord with nothing under it: its lowest note is part of the figure, not a bass.
    // Dm7 from its third (F A C D) has the notes of F6, and read as a bass the D of G from its
    // fifth would make it G/D, the E of Cmaj7 from its third Cmaj7/E.
    void aBrokenChordInAnInversionIsNamedByItsNotesNotItsLowest()
    {
        const QList<QList<int>> figures{{53, 57, 60, 62, 65, 60, 57, 53},   // Dm7 from F3
                                        {50, 55, 59, 62, 55, 50, 55, 59},   // G from D3
                                        {52, 55, 59, 60, 64, 59, 55, 52}};  // Cmaj7 from E3
        compareBars(detect(oneLine(figures, 0.5)), bars(QStringLiteral("Dm7 G Cmaj7")));
    }

    // A beat of eighths holds two notes of a broken chord. With a neighbour among them the beat
    // alone names another chord (G4 C#4 is half of Em6's notes, F4 C4 Bb3 of Fsus4's), so the
    // line is heard over the bar.
    void aNeighbourInOneBeatOfABrokenChordDoesNotNameThatBeat()
    {
        const QList<QList<int>> figures{{55, 59, 60, 64, 67, 61, 59, 55},   // Cmaj7 from G3, C#4 for C4
                                        {53, 57, 60, 62, 65, 60, 58, 53}};  // Dm7 from F3, Bb3 for A3
        compareBars(detect(oneLine(figures, 0.5)), bars(QStringLiteral("Cmaj7 Dm7")));
    }

    // A neighbour a step above a chord tone can complete a ninth chord on it: Cmaj7 with an A
    // has Am9's notes, Dm7 with a Bb Bbadd9's. In a line alone, one note of eight does not make
    // a ninth chord.
    void aNeighbourInABrokenChordDoesNotMakeANinthChord()
    {
        const QList<QList<int>> figures{{52, 57, 59, 60, 64, 59, 55, 52},   // Cmaj7 from E3, A3 for G3
                                        {48, 50, 53, 58, 60, 53, 50, 48}};  // Dm7 from C3, Bb3 for A3
        compareBars(detect(oneLine(figures, 0.5)), bars(QStringLiteral("Cmaj7 Dm7")));
    }

    // In sixteenths a broken chord states itself in half a bar, with a neighbour or passing note
    // in each figure: two chords a bar are read as two, not as one bigger chord over the bar.
    void aBrokenChordInSixteenthsChangesOnTheHalfBar()
    {
        const QList<QList<int>> figures{{48, 52, 55, 60, 55, 52, 50, 52},   // C, D3 on the way down
                                        {50, 55, 59, 62, 59, 57, 50, 55},   // G, A3
                                        {45, 48, 52, 57, 52, 48, 47, 48},   // Am, B2
                                        {53, 57, 60, 65, 60, 57, 55, 57}};  // F, G3
        const ChordDetection detection = detect(oneLine(figures, 0.25));
        const QStringList expected = bars(QStringLiteral("C G Am F"));
        for (int beat = 0; beat < 8; ++beat)
            QCOMPARE(chordAt(detection, beat), expected[beat / 2]);
    }

    // Under a rootless voicing the root sounds only on the walking bass's first beat. The line's
    // fifth on beat 3 (A7's E under C#-E-G would be Em6 on its own) and its approach note on
    // beat 4, an octave from the next root and struck a little early, leave the chord as it is.
    void aWalkingBassUnderRootlessVoicingsKeepsTheChordThroughTheBar()
    {
        const QStringList symbols = bars(QStringLiteral("Dm7 A7 Dm7 A7"));
        const QList<QList<int>> lines{{38, 41, 45, 46}, {45, 49, 52, 51}, {38, 41, 45, 34}, {45, 49, 52, 39}};
        const QList<QList<int>> shells{{65, 69, 72}, {61, 64, 67}, {65, 69, 72}, {61, 64, 67}};
        compareBars(detect(walkingUnderShells(lines, shells, {1.0, 3.0}, 0.02)), symbols);
    }

    // The same with the bass on the fifth and a seventh voicing: Cmaj7's G under E-G-B reads
    // Em/G on its own, and the approach note F# then Em9; all but the F# belongs to Cmaj7.
    void aWalkingBassOnTheFifthMovesWithinTheChord()
    {
        const QStringList symbols = bars(QStringLiteral("Cmaj7 G7 Cmaj7 G7"));
        const QList<QList<int>> lines{{36, 40, 43, 42}, {43, 47, 50, 49}, {36, 40, 43, 42}, {43, 47, 50, 37}};
        const QList<QList<int>> shells{{64, 67, 71}, {59, 62, 65}, {64, 67, 71}, {59, 62, 65}};
        compareBars(detect(walkingUnderShells(lines, shells, {0.5, 2.5}, 0.0)), symbols);
    }

    void aHeldPedalBassIsWrittenAsASlash()
    {
        std::vector<PlayedNote> notes;
        add(notes, 0.0, 12.0, 36);  // C held through all three bars
        const QStringList upper = bars(QStringLiteral("C F G"));
        for (qsizetype bar = 0; bar < upper.size(); ++bar)
            for (int pitch : voicing(chordOf(upper[bar]), 60))
                add(notes, bar * 4.0, 4.0, pitch);
        compareBars(detect(notes), {QStringLiteral("C"), QStringLiteral("F/C"), QStringLiteral("G/C")});
    }

    void silenceIsNoChord()
    {
        std::vector<PlayedNote> notes = blockChords({QStringLiteral("G")});
        for (const PlayedNote &note : blockChords({QStringLiteral("D7")}))
            notes.push_back({note.startBeat + 8.0, note.durationBeats, note.pitch, note.velocity});
        const ChordDetection detection = detect(notes);
        QCOMPARE(chordAt(detection, 1.0), QStringLiteral("G"));
        QCOMPARE(chordAt(detection, 4.0), QStringLiteral("N.C."));
        QCOMPARE(chordAt(detection, 7.0), QStringLiteral("N.C."));
        QCOMPARE(chordAt(detection, 8.0), QStringLiteral("D7"));
        QCOMPARE(detection.chords.size(), 3);
    }

    // A change pushed an eighth early (an anticipation) is read on the bar it belongs to.
    void anAnticipationBelongsToTheNextBar()
    {
        std::vector<PlayedNote> notes;
        const QStringList symbols = bars(QStringLiteral("C F G C"));
        for (qsizetype bar = 0; bar < symbols.size(); ++bar) {
            const double start = bar == 0 ? 0.0 : bar * 4.0 - 0.5;
            const Chord chord = chordOf(symbols[bar]);
            add(notes, bar * 4.0, 4.0, 36 + chord.root);
            for (int pitch : voicing(chord, 60))
                add(notes, start, bar * 4.0 + 3.9 - start, pitch);
        }
        compareBars(detect(notes), symbols);
    }

    // Keys alone, comping in short stabs, push three of four changes: a chord struck an eighth
    // (or, in funk, a sixteenth) before the change and tied over it, nothing struck on the change.
    // By when they are struck, each pushed chord sounds mostly in the beat before its change, and
    // the chord it replaces (Dm7 here sounds only in two stabs of half a bar) would be read as
    // the next one. Each is read from the change it anticipates, as a player reads the part.
    void aPushedChordBelongsToTheChangeItAnticipates()
    {
        std::vector<PlayedNote> notes;
        const auto strike = [&](const QString &symbol, double start, double duration, int inversion) {
            for (int pitch : voicing(chordOf(symbol), 59, inversion))
                add(notes, start, duration, pitch, 80);
        };
        strike(QStringLiteral("Dm7"), 0.0, 0.2, 3);
        strike(QStringLiteral("Dm7"), 0.75, 0.2, 3);
        strike(QStringLiteral("G7"), 1.5, 0.7, 1);     // an eighth before the bar's middle
        strike(QStringLiteral("G7"), 2.75, 0.2, 1);
        strike(QStringLiteral("Cmaj7"), 3.5, 0.7, 3);  // an eighth before the bar line
        strike(QStringLiteral("Cmaj7"), 4.75, 0.2, 3);
        strike(QStringLiteral("Cmaj7"), 5.5, 0.2, 3);
        strike(QStringLiteral("Cmaj7"), 6.25, 0.2, 3);
        strike(QStringLiteral("A7"), 7.75, 0.5, 0);    // a sixteenth before the bar line
        strike(QStringLiteral("A7"), 9.25, 0.2, 0);
        strike(QStringLiteral("A7"), 10.5, 0.2, 0);
        strike(QStringLiteral("A7"), 11.25, 0.2, 0);
        strike(QStringLiteral("Dm7"), 12.0, 2.0, 3);   // on the bar line: nothing to move
        const ChordDetection detection = detect(notes);

        QStringList read;
        QList<double> starts;
        for (const DetectedChord &chord : detection.chords) {
            if (!chord.event.chord.noChord) {
                read.append(chord.event.chord.canonical());
                starts.append(chord.event.startBeat);
            }
        }
        QStringList expected;
        for (const QString &symbol : bars(QStringLiteral("Dm7 G7 Cmaj7 A7 Dm7")))
            expected.append(chordOf(symbol).canonical());
        // The keys' voicings may put another chord tone lowest (Dm7/F): the root is what is read.
        for (qsizetype i = 0; i < read.size(); ++i)
            read[i] = read[i].section(QLatin1Char('/'), 0, 0);
        QVERIFY2(read == expected, qPrintable(read.join(QLatin1Char(' '))));
        QCOMPARE(starts, (QList<double>{0.0, 2.0, 4.0, 8.0, 12.0}));
    }

    // Not every chord struck early and held is pushed. The 6/8 ballad's keys break the chord up
    // from the bottom, ringing under the pedal, while the bass plays an eighth ahead of them: the
    // bass and the seventh struck together an eighth before a beat and held over it, but the
    // broken chord's next note is struck on that beat. The beat has its own attack, so nothing
    // moves, and the seventh keeps its full length (moved, D7 lost enough of its C to read D).
    void aBrokenChordRingingOverTheBeatIsNotAPush()
    {
        std::vector<PlayedNote> notes;
        const QStringList symbols = bars(QStringLiteral("A7 D7"));
        for (qsizetype bar = 0; bar < symbols.size(); ++bar) {
            const Chord chord = chordOf(symbols[bar]);
            const int root = chord.root;  // A: 9, D: 2
            const double at = bar * 3.0;
            const QList<int> up = voicing(chord, 57);  // root, third, fifth, seventh from A3
            add(notes, at, 2.96, up[0], 80);
            add(notes, at + 0.5, 2.0, up[1], 75);
            add(notes, at + 1.0, 1.0, up[2], 75);
            add(notes, at + 1.5, 1.46, up[3], 75);
            add(notes, at + 2.0, 0.95, up[2], 70);
            add(notes, at + 2.5, 0.46, up[1], 70);
            add(notes, at, 0.96, 24 + root + (root > 4 ? 0 : 12));
            add(notes, at + 1.0, 0.47, 24 + (root + 7) % 12 + 12);
            add(notes, at + 1.5, 0.97, 36 + root + (root > 4 ? 0 : 12));
            add(notes, at + 2.5, 0.47, 24 + (root + 7) % 12 + 12);
        }
        ChordDetectionOptions options;
        options.meter = TimeSignature{6, 8};
        const ChordDetection detection = detectChords(notes, options);
        for (int beat = 0; beat < 6; ++beat) {
            const QString expected = chordOf(symbols[beat / 3]).canonical();
            QVERIFY2(chordAt(detection, beat) == expected,
                     qPrintable(QStringLiteral("beat %1: %2, expected %3").arg(beat).arg(chordAt(detection, beat), expected)));
        }
    }

    void barResolutionGivesOneChordPerBar()
    {
        std::vector<PlayedNote> notes = blockChords(bars(QStringLiteral("Am F C G")));
        const ChordDetection detection = detect(notes, ChordResolution::Bar);
        QCOMPARE(detection.chords.size(), 4);
        for (qsizetype bar = 0; bar < 4; ++bar) {
            QCOMPARE(detection.chords[bar].event.startBeat, bar * 4.0);
            QCOMPARE(detection.chords[bar].event.durationBeats, 4.0);
        }
        QCOMPARE(detection.chords[0].event.chord.canonical(), QStringLiteral("Am"));
    }

    void theKeyComesFromWhatWasPlayed()
    {
        const ChordDetection detection = detect(blockChords(bars(QStringLiteral("Dm7 G7 Cmaj7 A7"))));
        QVERIFY(detection.keyDetected);
        QCOMPARE(detection.key.name(), QStringLiteral("C"));
        // Flat keys are spelled with flats.
        const ChordDetection flat = detect(blockChords(bars(QStringLiteral("Cm7 F7 Bbmaj7 G7"))));
        QCOMPARE(flat.key.name(), QStringLiteral("Bb"));
        QCOMPARE(flat.chords[2].event.chord.canonical(), QStringLiteral("Bbmaj7"));
    }

    void aGivenKeyIsKept()
    {
        ChordDetectionOptions options;
        options.key = Key{9, true};
        const ChordDetection detection = detectChords(blockChords(bars(QStringLiteral("C Am"))), options);
        QVERIFY(!detection.keyDetected);
        QCOMPARE(detection.key.name(), QStringLiteral("Am"));
    }

    void nothingPlayedIsOneBeatOfNoChord()
    {
        const ChordDetection detection = detect({});
        QCOMPARE(detection.chords.size(), 1);
        QCOMPARE(detection.chords[0].event.chord.canonical(), QStringLiteral("N.C."));
        QCOMPARE(detection.lengthBeats, 1.0);
    }

    // Chords cover the song back to back, in the meter's bars when asked.
    void chordsCoverTheSongWithoutGapsInEveryMeter()
    {
        for (const TimeSignature meter : {TimeSignature{3, 4}, TimeSignature{6, 8}, TimeSignature{5, 4}, TimeSignature{7, 8}}) {
            std::vector<PlayedNote> notes;
            const double bar = meter.beatsPerBar();
            const QStringList symbols = bars(QStringLiteral("D G A7 D"));
            for (qsizetype i = 0; i < symbols.size(); ++i)
                for (int pitch : voicing(chordOf(symbols[i]), 50))
                    add(notes, i * bar, bar, pitch);
            for (const ChordResolution resolution : {ChordResolution::Beat, ChordResolution::Bar}) {
                ChordDetectionOptions options;
                options.meter = meter;
                options.resolution = resolution;
                const ChordDetection detection = detectChords(notes, options);
                double at = 0.0;
                for (const DetectedChord &chord : detection.chords) {
                    QCOMPARE(chord.event.startBeat, at);
                    at += chord.event.durationBeats;
                }
                QCOMPARE(at, detection.lengthBeats);
                QCOMPARE(chordAt(detection, 2 * bar), QStringLiteral("A7"));
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestChordDetection)
#include "tst_chord_detection.moc"
