// The live band (core/music/LiveChords, LiveBand): what it plays where the player has spoken,
// where a late chord starts, what it predicts (the last phrase, then a learned form), and the
// notes it composes a phrase at a time.

#include "BuiltInStyles.h"

#include "music/LiveBand.h"
#include "music/LiveChords.h"
#include "music/Style.h"

#include <QTest>

#include <algorithm>
#include <set>

using namespace aiband;

namespace {

Chord chordOf(const QString &symbol)
{
    return parseChord(symbol).value();
}

QString at(const LiveChords &chords, double beat)
{
    return chords.at(beat).canonical();
}

// One chord a bar of 4/4 from bar `firstBar` on, each heard on its bar line.
void hearBars(LiveChords &chords, const QString &symbols, int firstBar = 0)
{
    int bar = firstBar;
    for (const QString &symbol : symbols.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        chords.hear(bar * 4.0, bar * 4.0, chordOf(symbol));
        ++bar;
    }
}

LiveBandSettings settingsFor(const char *style, quint32 seed = 7)
{
    LiveBandSettings settings;
    settings.style = test::style(style);
    settings.meter = TimeSignature{4, 4};
    settings.seed = seed;
    settings.tempoBpm = 120.0;
    return settings;
}

bool sameNotes(const QList<BandEvent> &a, const QList<BandEvent> &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a[i].beat != b[i].beat || a[i].pitch != b[i].pitch || a[i].part != b[i].part
            || a[i].velocity != b[i].velocity || a[i].duration != b[i].duration)
            return false;
    }
    return true;
}

} // namespace

class TestLiveBand : public QObject {
    Q_OBJECT

private slots:
    void nothingHeardIsNoChord()
    {
        const LiveChords chords(TimeSignature{4, 4}, 4);
        QCOMPARE(at(chords, 0.0), QStringLiteral("N.C."));
        QCOMPARE(at(chords, 100.0), QStringLiteral("N.C."));
        QVERIFY(chords.between(0.0, 8.0).size() == 1);
    }

    void heardChordsHoldToTheEndOfTheirPhraseThenTheLastPhraseRepeats()
    {
        LiveChords chords(TimeSignature{4, 4}, 4);
        chords.hear(0.0, 0.0, chordOf(QStringLiteral("C")));
        chords.hear(4.0, 4.0, chordOf(QStringLiteral("Am")));
        QCOMPARE(chords.predictedFrom(), 16.0);   // bar 1's phrase ends with bar 3
        QCOMPARE(at(chords, 2.0), QStringLiteral("C"));
        QCOMPARE(at(chords, 5.0), QStringLiteral("Am"));
        QCOMPARE(at(chords, 15.5), QStringLiteral("Am"));   // held to the phrase's end
        QCOMPARE(at(chords, 16.0), QStringLiteral("C"));    // then bars 0-3 again
        QCOMPARE(at(chords, 20.0), QStringLiteral("Am"));
        QCOMPARE(at(chords, 35.0), QStringLiteral("C"));
        QCOMPARE(chords.formBars(), 0);
    }

    void aLateChordSoundsFromWhereTheBandCanPlayIt()
    {
        LiveChords chords(TimeSignature{4, 4}, 4);
        hearBars(chords, QStringLiteral("C Am"));
        chords.hear(8.0, 9.0, chordOf(QStringLiteral("F")));   // played on bar 2, heard a beat late
        QCOMPARE(at(chords, 8.5), QStringLiteral("Am"));
        QCOMPARE(at(chords, 9.0), QStringLiteral("F"));
        // The repeat copies where the player put it: the next time round F is on its bar line.
        QCOMPARE(chords.predictedFrom(), 16.0);
        QCOMPARE(at(chords, 24.0), QStringLiteral("F"));
        QCOMPARE(at(chords, 23.5), QStringLiteral("Am"));
    }

    void aChordTheBandIsAlreadyPastDoesNotSound()
    {
        LiveChords chords(TimeSignature{4, 4}, 4);
        chords.hear(0.0, 0.0, chordOf(QStringLiteral("C")));
        chords.hear(8.0, 8.0, chordOf(QStringLiteral("G")));
        // A DAW loop sent bar 1's chord long after: a later chord already holds where it could play.
        chords.hear(4.0, 12.0, chordOf(QStringLiteral("Dm")));
        QCOMPARE(at(chords, 5.0), QStringLiteral("C"));
        QCOMPARE(at(chords, 12.0), QStringLiteral("G"));
    }

    void aTwelveBarFormIsLearnedOnceItComesRoundTwice()
    {
        const QString blues = QStringLiteral("C7 F7 C7 C7 F7 F7 C7 C7 G7 F7 C7 G7");
        LiveChords chords(TimeSignature{4, 4}, 4);
        hearBars(chords, blues);
        QCOMPARE(chords.formBars(), 0);   // once round is not a form yet
        hearBars(chords, blues, 12);
        QCOMPARE(chords.formBars(), 0);   // the last bar is still being played
        hearBars(chords, QStringLiteral("C7"), 24);
        QCOMPARE(chords.formBars(), 12);
        QCOMPARE(chords.predictedFrom(), 100.0);   // the bar after the last chord
        // The third chorus goes on from its second bar: F7 C7 C7 F7 F7 ...
        const QStringList expected = blues.split(QLatin1Char(' '));
        for (int bar = 25; bar < 48; ++bar)
            QCOMPARE(at(chords, bar * 4.0 + 1.0), expected[bar % 12]);
    }

    void anEightBarSongIsNotTakenForATwelveBarOne()
    {
        LiveChords chords(TimeSignature{4, 4}, 4);
        const QString song = QStringLiteral("C G Am F C G F C");
        hearBars(chords, song);
        hearBars(chords, song, 8);
        hearBars(chords, QStringLiteral("C"), 16);
        QCOMPARE(chords.formBars(), 8);
        QCOMPARE(at(chords, 17 * 4.0), QStringLiteral("G"));
        QCOMPARE(at(chords, 23 * 4.0), QStringLiteral("C"));
    }

    void betweenListsTheChordsBackToBack()
    {
        LiveChords chords(TimeSignature{4, 4}, 4);
        chords.hear(0.0, 0.0, chordOf(QStringLiteral("C")));
        chords.hear(6.0, 6.0, chordOf(QStringLiteral("F")));
        chords.hear(8.0, 8.0, chordOf(QStringLiteral("F")));   // the same chord again: one event
        const QList<ChordEvent> events = chords.between(2.0, 24.0);
        QStringList names;
        double expectedStart = 2.0;
        for (const ChordEvent &event : events) {
            QCOMPARE(event.startBeat, expectedStart);
            expectedStart += event.durationBeats;
            names.append(event.chord.canonical());
        }
        QCOMPARE(expectedStart, 24.0);
        // Held to bar 3's end (beat 16), then bars 0-3 again: C from 16, F from 22.
        QCOMPARE(names, (QStringList{QStringLiteral("C"), QStringLiteral("F"), QStringLiteral("C"), QStringLiteral("F")}));
        QCOMPARE(events[1].startBeat, 6.0);
        QCOMPARE(events[2].startBeat, 16.0);
        QCOMPARE(events[3].startBeat, 22.0);
    }

    void forgettingKeepsTheChordStillSounding()
    {
        LiveChords chords(TimeSignature{4, 4}, 4);
        hearBars(chords, QStringLiteral("C Am F G C"));
        chords.forgetBefore(10.0);
        QCOMPARE(chords.heardCount(), 3);   // F (sounding at 10), G, C
        QCOMPARE(at(chords, 10.0), QStringLiteral("F"));
    }

    void theBassPlaysTheChordsHeardAndTheDrumsKeepTime()
    {
        LiveBand band(settingsFor("pop"));
        band.hear(0.0, 0.0, chordOf(QStringLiteral("C")));
        band.hear(4.0, 4.0, chordOf(QStringLiteral("Am")));
        band.hear(8.0, 8.0, chordOf(QStringLiteral("F")));
        band.hear(12.0, 12.0, chordOf(QStringLiteral("G")));
        const QList<BandEvent> events = band.events(0.0, 32.0, {TrackType::Bass, TrackType::Drums});
        QVERIFY(!events.isEmpty());
        const QList<int> roots{0, 9, 5, 7};
        std::set<int> barsWithDrums;
        for (qsizetype i = 0; i < events.size(); ++i) {
            const BandEvent &event = events[i];
            QVERIFY(event.beat >= 0.0 && event.beat < 32.0);
            QVERIFY(i == 0 || events[i - 1].beat <= event.beat);
            const int bar = static_cast<int>(event.beat / 4.0);
            if (event.part == TrackType::Drums) {
                QCOMPARE(event.channel, 9);
                barsWithDrums.insert(bar);
            } else if (event.beat == bar * 4.0 || std::abs(event.beat - bar * 4.0) < 0.05) {
                // On each bar line, the bass plays the root of that bar's chord (bars 4-7 repeat 0-3).
                QCOMPARE(event.pitch % 12, roots[bar % 4]);
            }
        }
        QCOMPARE(barsWithDrums.size(), std::size_t{8});
    }

    void theSameChordsGiveTheSameNotesAndWindowsAddUp()
    {
        const auto play = [](LiveBand &band) {
            band.hear(0.0, 0.0, chordOf(QStringLiteral("Dm7")));
            band.hear(4.0, 4.0, chordOf(QStringLiteral("G7")));
            band.hear(8.0, 8.0, chordOf(QStringLiteral("Cmaj7")));
        };
        LiveBand one(settingsFor("jazz_swing"));
        LiveBand two(settingsFor("jazz_swing"));
        play(one);
        play(two);
        const QList<TrackType> parts{TrackType::Bass, TrackType::Drums, TrackType::Keys};
        const QList<BandEvent> whole = one.events(0.0, 40.0, parts);
        QList<BandEvent> pieces;
        for (double beat = 0.0; beat < 40.0; beat += 1.0)
            pieces.append(two.events(beat, beat + 1.0, parts));
        QVERIFY(whole.size() > 40);
        QVERIFY(sameNotes(whole, pieces));
    }

    void aChordHeardChangesTheNotesFromWhereItPlaysOnly()
    {
        LiveBand band(settingsFor("rock"));
        band.hear(0.0, 0.0, chordOf(QStringLiteral("E")));
        const QList<TrackType> bass{TrackType::Bass};
        const QList<BandEvent> before = band.events(0.0, 16.0, bass);
        // Bb, not A: E is A's fifth, which a bass plays under A; Bb's chord and scale have no E.
        band.hear(6.0, 6.0, chordOf(QStringLiteral("Bb")));
        const QList<BandEvent> after = band.events(6.0, 16.0, bass);
        QVERIFY(!after.isEmpty());
        QCOMPARE(after.first().pitch % 12, 10);   // Bb's root where it starts
        for (const BandEvent &event : after)
            QVERIFY(event.pitch % 12 != 4 || event.beat >= 16.0);   // no E under the Bb
        QVERIFY(!sameNotes(before, band.events(0.0, 16.0, bass)));
    }

    void longAfterThePlayerStoppedTheBandStillRepeatsWhatItHeard()
    {
        LiveBand band(settingsFor("rock"));
        band.hear(0.0, 0.0, chordOf(QStringLiteral("E")));
        band.hear(4.0, 4.0, chordOf(QStringLiteral("A")));
        const QList<TrackType> bass{TrackType::Bass};
        QVERIFY(!band.events(0.0, 16.0, bass).isEmpty());
        band.forgetPhrasesBefore(400.0);   // what a band a hundred bars on does with its past
        // Bars 100-101 repeat bars 0-1: E, then A.
        const QList<BandEvent> later = band.events(400.0, 408.0, bass);
        QVERIFY(!later.isEmpty());
        QCOMPARE(later.first().pitch % 12, 4);
        const auto inA = std::find_if(later.cbegin(), later.cend(), [](const BandEvent &e) { return e.beat >= 404.0; });
        QVERIFY(inA != later.cend());
        QCOMPARE(inA->pitch % 12, 9);
    }

    void aMeterChangeStartsTheBarsAgain()
    {
        LiveBand band(settingsFor("waltz"));
        band.hear(0.0, 0.0, chordOf(QStringLiteral("C")));
        band.setMeter(TimeSignature{3, 4});
        QVERIFY(band.chords().isEmpty());
        QCOMPARE(band.phraseLength(), test::style("waltz")->phraseBars * 3.0);
        band.hear(0.0, 0.0, chordOf(QStringLiteral("G")));
        const QList<BandEvent> events = band.events(0.0, 3.0, {TrackType::Bass});
        QVERIFY(!events.isEmpty());
        QCOMPARE(events.first().pitch % 12, 7);
    }

    void theKeyIsReadFromWhatWasHeardUnlessGiven()
    {
        LiveBand heard(settingsFor("pop"));
        for (const auto &[beat, symbol] : {std::pair{0.0, "Dm7"}, std::pair{4.0, "G7"}, std::pair{8.0, "Cmaj7"},
                                           std::pair{12.0, "A7"}})
            heard.hear(beat, beat, chordOf(QLatin1String(symbol)));
        QCOMPARE(heard.key().name(), QStringLiteral("C"));
        LiveBandSettings given = settingsFor("pop");
        given.key = parseKey(QStringLiteral("Eb")).value();
        QCOMPARE(LiveBand(given).key().name(), QStringLiteral("Eb"));
    }
};

QTEST_APPLESS_MAIN(TestLiveBand)
#include "tst_live_band.moc"
