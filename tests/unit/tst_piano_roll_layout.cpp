// PianoRollLayout: where every note, drum hit and bar line of a song lands, in exact numbers.

#include "PianoRollLayout.h"
#include "music/ChordSheet.h"

#include <QTest>

using namespace aiband;

namespace {

Note note(qint64 start, qint64 duration, int pitch, int velocity = 100)
{
    return Note{start, duration, pitch, velocity};
}

MidiPart part(QString name, int channel, std::vector<Note> notes)
{
    MidiPart p;
    p.name = std::move(name);
    p.channel = channel;
    p.notes = std::move(notes);
    return p;
}

MidiSong song(TimeSignature ts, qint64 endTick, std::vector<MidiPart> parts)
{
    MidiSong s;
    s.timeSignature = ts;
    s.endTick = endTick;
    s.parts = std::move(parts);
    return s;
}

// What the engine plays for a sheet (plannedChordTimeline over the song plan), as a take's
// sidecar gives it.
ChordTimeline plannedSheet(const QString &sheet, TimeSignature meter, double durationBeats, Feel feel = {})
{
    const QList<ChordEvent> once = *parseChordSheet(sheet, meter.beatsPerBar());
    Arrangement arrangement;
    arrangement.timeSignature = meter;
    arrangement.durationBeats = durationBeats;
    arrangement.feel = feel;
    const double length = once.last().startBeat + once.last().durationBeats;
    for (double offset = 0; offset < durationBeats; offset += length) {
        for (ChordEvent event : once) {
            event.startBeat += offset;
            arrangement.chords.append(event);
        }
    }
    arrangement.sections = loopSections(chordSheetSections(sheet, meter.beatsPerBar()), length, durationBeats);
    return plannedChordTimeline(arrangement, once);
}

QStringList symbolsOf(const QList<PianoRollLayout::ChordLabel> &labels)
{
    QStringList symbols;
    for (const PianoRollLayout::ChordLabel &label : labels)
        symbols.append(label.symbol);
    return symbols;
}

} // namespace

class TestPianoRollLayout : public QObject {
    Q_OBJECT

private slots:
    void bassAndDrumsInFourFour()
    {
        // Two bars of 4/4 (3840 ticks) over 384 px: 10 ticks per pixel from x = 10.
        // Bass E2..B2 (40..47) with a margin of 2 is 38..49, twelve rows, grown to an octave
        // (13 rows: 38..50); the drums add three rows below, highest note first: 42, 38, 36.
        // 16 rows over 320 px are 20 px each.
        const MidiSong s = song({4, 4}, 3840,
                                {part(QStringLiteral("Bass"), 0, {note(0, 480, 40, 127), note(960, 960, 47, 64)}),
                                 part(QStringLiteral("Drums"), kDrumChannel,
                                      {note(0, 60, 36), note(480, 60, 42), note(960, 60, 38), note(1440, 60, 42)})});
        const PianoRollLayout layout(s, QRectF(10, 20, 384, 320));

        QVERIFY(!layout.isEmpty());
        QCOMPARE(layout.lowestPitch(), 38);
        QCOMPARE(layout.highestPitch(), 50);
        QCOMPARE(layout.drumRows(), (QList<int>{42, 38, 36}));
        QCOMPARE(layout.rowCount(), 16);
        QCOMPARE(layout.rowHeight(), 20.0);
        QCOMPARE(layout.endTick(), 3840);

        QCOMPARE(layout.rowOf(50, false), 0);
        QCOMPARE(layout.rowOf(40, false), 10);
        QCOMPARE(layout.rowOf(42, true), 13);
        QCOMPARE(layout.rowOf(36, true), 15);
        QCOMPARE(layout.rowOf(37, true), std::nullopt);   // a drum the song does not play
        QCOMPARE(layout.rowOf(60, false), std::nullopt);  // outside the fitted range

        const QList<PianoRollLayout::NoteBox> &notes = layout.notes();
        QCOMPARE(notes.size(), 6);
        QCOMPARE(notes[0].rect, QRectF(10, 220, 48, 20));    // E2 for a beat at the start
        QCOMPARE(notes[0].velocity, 127);
        QCOMPARE(notes[0].part, 0);
        QVERIFY(!notes[0].drum);
        QCOMPARE(notes[1].rect, QRectF(106, 80, 96, 20));    // B2 for two beats from beat 3
        QCOMPARE(notes[1].velocity, 64);
        // Drum hits are a sixteenth (120 ticks) wide whatever their length.
        QCOMPARE(notes[2].rect, QRectF(10, 320, 12, 20));    // kick, bottom row
        QCOMPARE(notes[3].rect, QRectF(58, 280, 12, 20));    // hat, top drum row
        QCOMPARE(notes[4].rect, QRectF(106, 300, 12, 20));   // snare
        QCOMPARE(notes[2].part, 1);
        QVERIFY(notes[2].drum);

        QCOMPARE(layout.bars().size(), 2);
        QCOMPARE(layout.bars()[0].number, 1);
        QCOMPARE(layout.bars()[0].x, 10.0);
        QCOMPARE(layout.bars()[1].number, 2);
        QCOMPARE(layout.bars()[1].tick, 1920);
        QCOMPARE(layout.bars()[1].x, 202.0);
    }

    void barLinesFollowTheMeter_data()
    {
        QTest::addColumn<int>("numerator");
        QTest::addColumn<int>("denominator");
        QTest::addColumn<QList<qint64>>("ticks");
        // 5760 ticks is twelve quarter notes.
        QTest::newRow("4/4") << 4 << 4 << QList<qint64>{0, 1920, 3840};
        QTest::newRow("3/4") << 3 << 4 << QList<qint64>{0, 1440, 2880, 4320};
        QTest::newRow("6/8") << 6 << 8 << QList<qint64>{0, 1440, 2880, 4320};
        QTest::newRow("7/8") << 7 << 8 << QList<qint64>{0, 1680, 3360, 5040};
        QTest::newRow("5/4") << 5 << 4 << QList<qint64>{0, 2400, 4800};
        QTest::newRow("12/8") << 12 << 8 << QList<qint64>{0, 2880};
    }

    void barLinesFollowTheMeter()
    {
        QFETCH(int, numerator);
        QFETCH(int, denominator);
        QFETCH(QList<qint64>, ticks);
        const PianoRollLayout layout(song({numerator, denominator}, 5760,
                                          {part(QStringLiteral("Keys"), 0, {note(0, 480, 60)})}),
                                     QRectF(0, 0, 576, 130));
        QList<qint64> found;
        for (const PianoRollLayout::BarLine &bar : layout.bars()) {
            found.append(bar.tick);
            QCOMPARE(bar.x, bar.tick / 10.0);
            QCOMPARE(bar.number, found.size());
        }
        QCOMPARE(found, ticks);
    }

    void wideRangesKeepTheirMarginOnly()
    {
        const PianoRollLayout layout(song({4, 4}, 1920, {part(QStringLiteral("Keys"), 0, {note(0, 480, 30), note(0, 480, 70)})}),
                                     QRectF(0, 0, 100, 450));
        QCOMPARE(layout.lowestPitch(), 28);
        QCOMPARE(layout.highestPitch(), 72);
        QCOMPARE(layout.rowHeight(), 10.0);
        QCOMPARE(layout.notes()[1].rect.top(), 20.0);    // 72 - 70 = row 2
        QCOMPARE(layout.notes()[0].rect.top(), 420.0);   // row 42
    }

    void rangeStaysInsideMidi()
    {
        // At the top of MIDI the octave grows downwards; at the bottom the margin is cut at 0.
        const PianoRollLayout top(song({4, 4}, 1920, {part(QStringLiteral("Keys"), 0, {note(0, 480, 127)})}),
                                  QRectF(0, 0, 100, 130));
        QCOMPARE(top.highestPitch(), 127);
        QCOMPARE(top.lowestPitch(), 115);
        const PianoRollLayout bottom(song({4, 4}, 1920, {part(QStringLiteral("Keys"), 0, {note(0, 480, 1)})}),
                                     QRectF(0, 0, 100, 130));
        QCOMPARE(bottom.lowestPitch(), 0);
        QCOMPARE(bottom.highestPitch(), 12);
    }

    void drumsOnlyHaveNoPitchedRows()
    {
        const PianoRollLayout layout(song({4, 4}, 1920, {part(QStringLiteral("Drums"), kDrumChannel,
                                                               {note(0, 10, 36), note(960, 10, 38)})}),
                                     QRectF(0, 0, 192, 40));
        QVERIFY(!layout.hasPitchedNotes());
        QCOMPARE(layout.rowCount(), 2);
        QCOMPARE(layout.rowOf(38, true), 0);
        QCOMPARE(layout.notes()[0].rect, QRectF(0, 20, 12, 20));
        QCOMPARE(layout.notes()[1].rect, QRectF(96, 0, 12, 20));
    }

    void notesPastTheEndStretchTheSongAndShortNotesStayVisible()
    {
        // A note ending after the stated end moves the end; a one-tick note is still 2 px wide.
        const PianoRollLayout layout(song({4, 4}, 960, {part(QStringLiteral("Bass"), 0, {note(0, 1, 40), note(960, 960, 40)})}),
                                     QRectF(0, 0, 192, 130));
        QCOMPARE(layout.endTick(), 1920);
        QCOMPARE(layout.notes()[0].rect.width(), PianoRollLayout::kMinimumNoteWidth);
        QCOMPARE(layout.notes()[1].rect, QRectF(96, layout.rowTop(*layout.rowOf(40, false)), 96, 10));
    }

    void emptyAndAbsurdSongs()
    {
        const PianoRollLayout empty(song({4, 4}, 0, {}), QRectF(0, 0, 100, 100));
        QVERIFY(empty.isEmpty());
        QCOMPARE(empty.rowCount(), 0);
        QCOMPARE(empty.xForTick(100), 0.0);

        // Any .mid can be previewed: one claiming billions of ticks gets no bar lines, not millions.
        const PianoRollLayout huge(song({4, 4}, qint64(1) << 40, {part(QStringLiteral("Bass"), 0, {note(0, 480, 40)})}),
                                   QRectF(0, 0, 100, 100));
        QVERIFY(huge.bars().isEmpty());
        QCOMPARE(huge.notes().size(), 1);
    }

    void playheadFollowsSecondsAtTheSongsTempo_data()
    {
        QTest::addColumn<double>("tempo");
        QTest::addColumn<double>("seconds");
        QTest::addColumn<double>("tick");
        QTest::addColumn<double>("x");
        // Two bars of 4/4 (3840 ticks) over 384 px from x = 10: 10 ticks per pixel.
        QTest::newRow("start") << 120.0 << 0.0 << 0.0 << 10.0;
        QTest::newRow("a beat at 120") << 120.0 << 0.5 << 480.0 << 58.0;
        QTest::newRow("a bar at 120") << 120.0 << 2.0 << 1920.0 << 202.0;
        QTest::newRow("a beat at 96") << 96.0 << 0.625 << 480.0 << 58.0;
        QTest::newRow("a beat at 60") << 60.0 << 1.0 << 480.0 << 58.0;
        QTest::newRow("the end at 90") << 90.0 << 16.0 / 3 << 3840.0 << 394.0;
        // The release after the last bar, and a position before the start, stay in the area.
        QTest::newRow("past the end") << 120.0 << 9.0 << 8640.0 << 394.0;
        QTest::newRow("before the start") << 120.0 << -1.0 << -960.0 << 10.0;
    }

    void playheadFollowsSecondsAtTheSongsTempo()
    {
        QFETCH(double, tempo);
        QFETCH(double, seconds);
        QFETCH(double, tick);
        QFETCH(double, x);
        MidiSong s = song({4, 4}, 3840, {part(QStringLiteral("Bass"), 0, {note(0, 480, 40)})});
        s.tempoBpm = tempo;
        const PianoRollLayout layout(s, QRectF(10, 20, 384, 320));
        QCOMPARE(PianoRollLayout::tickAtSeconds(seconds, tempo), tick);
        QCOMPARE(layout.xForSeconds(seconds), x);
        QCOMPARE(PianoRollLayout(song({4, 4}, 0, {}), QRectF(10, 0, 100, 100)).xForSeconds(1.0), 10.0);
    }

    void chordsStandOverTheirBars()
    {
        // Two bars of 4/4 over 384 px from x = 10: 10 ticks a pixel, a bar is 192 px. Bar 1
        // holds two chords (two beats each), bar 2 one.
        const ChordTimeline chords = plannedSheet(QStringLiteral("Dm7 G7 | Cmaj7"), {4, 4}, 8);
        QCOMPARE(chords.progression, (QStringList{QStringLiteral("Dm7"), QStringLiteral("G7"), QStringLiteral("Cmaj7")}));
        const PianoRollLayout layout(song({4, 4}, 3840, {part(QStringLiteral("Keys"), 0, {note(0, 3840, 62)})}),
                                     QRectF(10, 20, 384, 130), chords);
        const QList<PianoRollLayout::ChordLabel> &labels = layout.chordLabels();
        QCOMPARE(symbolsOf(labels), (QStringList{QStringLiteral("Dm7"), QStringLiteral("G7"), QStringLiteral("Cmaj7")}));
        QCOMPARE(labels[0].bar, 1);
        QCOMPARE(labels[0].x, 10.0);
        QCOMPARE(labels[0].right, 106.0);
        QCOMPARE(labels[1].bar, 1);
        QCOMPARE(labels[1].tick, 960);
        QCOMPARE(labels[1].x, 106.0);
        QCOMPARE(labels[1].right, 202.0);
        QCOMPARE(labels[2].bar, 2);
        QCOMPARE(labels[2].x, 202.0);
        QCOMPARE(labels[2].right, 394.0);
        QVERIFY(layout.sectionLabels().isEmpty());
    }

    void aHeldChordIsShownInEveryBarItFills()
    {
        // One chord for two bars of 3/4, then a repeated bar ("%"): every bar names its chord once.
        const ChordTimeline chords{{{QStringLiteral("Am"), 0, 6}, {QStringLiteral("F"), 6, 1.5}, {QStringLiteral("F"), 7.5, 1.5}}, {}, {}, false};
        const PianoRollLayout layout(song({3, 4}, 4320, {part(QStringLiteral("Keys"), 0, {note(0, 480, 60)})}),
                                     QRectF(0, 0, 432, 130), chords);
        const QList<PianoRollLayout::ChordLabel> &labels = layout.chordLabels();
        QCOMPARE(symbolsOf(labels), (QStringList{QStringLiteral("Am"), QStringLiteral("Am"), QStringLiteral("F")}));
        QCOMPARE(labels[1].bar, 2);
        QCOMPARE(labels[1].x, 144.0);   // 1440 ticks at 10 a pixel
        QCOMPARE(labels[2].bar, 3);
        QCOMPARE(labels[2].x, 288.0);
        QCOMPARE(labels[2].right, 432.0);
    }

    void aCountInAndIntroMoveTheChordsAndAreNamed()
    {
        // One count-in bar and one intro bar of 4/4 before two bars of music: the first chord
        // stands over bar 3. Four bars over 400 px: a bar is 100 px.
        Feel feel;
        feel.countInBars = 1;
        feel.introBars = 1;
        const ChordTimeline chords = plannedSheet(QStringLiteral("C | G"), {4, 4}, 8, feel);
        const PianoRollLayout layout(song({4, 4}, 7680, {part(QStringLiteral("Bass"), 0, {note(3840, 3840, 36)})}),
                                     QRectF(0, 0, 400, 130), chords);
        QCOMPARE(symbolsOf(layout.chordLabels()), (QStringList{QStringLiteral("C"), QStringLiteral("G")}));
        QCOMPARE(layout.chordLabels()[0].bar, 3);
        QCOMPARE(layout.chordLabels()[0].x, 200.0);
        QCOMPARE(layout.chordLabels()[1].bar, 4);
        QCOMPARE(layout.chordLabels()[1].x, 300.0);
        const QList<PianoRollLayout::SectionLabel> &sections = layout.sectionLabels();
        QCOMPARE(sections.size(), 2);
        QCOMPARE(sections[0].section.kind, TimedSection::Kind::CountIn);
        QCOMPARE(sections[0].x, 0.0);
        QCOMPARE(sections[0].right, 100.0);
        QCOMPARE(sections[1].section.kind, TimedSection::Kind::Intro);
        QCOMPARE(sections[1].x, 100.0);
        QCOMPARE(sections[1].right, 400.0);
    }

    void sheetSectionsComeRoundWithTheProgression()
    {
        // "[Verse] C | Am | [Chorus] F | G" played twice (8 bars of 4/4) after a count-in bar,
        // ending on a bar of its last chord: 10 bars over 500 px, 50 px a bar.
        Feel feel;
        feel.countInBars = 1;
        feel.ending = true;
        const ChordTimeline chords = plannedSheet(QStringLiteral("[Verse] C | Am | [Chorus] F | G"), {4, 4}, 32, feel);
        const PianoRollLayout layout(song({4, 4}, 19200, {part(QStringLiteral("Keys"), 0, {note(1920, 480, 60)})}),
                                     QRectF(0, 0, 500, 130), chords);
        QStringList names;
        QList<double> xs;
        for (const PianoRollLayout::SectionLabel &label : layout.sectionLabels()) {
            names.append(label.section.kind == TimedSection::Kind::Named ? label.section.name
                         : label.section.kind == TimedSection::Kind::CountIn ? QStringLiteral("count-in")
                                                                             : QStringLiteral("ending"));
            xs.append(label.x);
        }
        QCOMPARE(names, (QStringList{QStringLiteral("count-in"), QStringLiteral("Verse"), QStringLiteral("Chorus"),
                                     QStringLiteral("Verse"), QStringLiteral("Chorus"), QStringLiteral("ending")}));
        QCOMPARE(xs, (QList<double>{0, 50, 150, 250, 350, 450}));
        QCOMPARE(layout.chordLabels().size(), 9);   // eight bars and the ending's final G
        QCOMPARE(layout.chordLabels().last().symbol, QStringLiteral("G"));
        QCOMPARE(layout.chordLabels().last().bar, 10);
    }

    void drumsOfAFullBandFileGetLabelledLanes()
    {
        // Bass, keys and drums in one file: pitched notes 40..75 are 40 rows with the margin
        // (38..77); five drum sounds get lanes of kDrumLaneHeight (14 px, 70 px together) at
        // the bottom of 300 px, the pitched rows share the other 230 px.
        const MidiSong s = song({4, 4}, 1920,
                                {part(QStringLiteral("Bass"), 0, {note(0, 480, 40)}),
                                 part(QStringLiteral("Drums"), kDrumChannel,
                                      {note(0, 60, 36), note(0, 60, 42), note(480, 60, 38), note(960, 60, 46), note(0, 60, 49)}),
                                 part(QStringLiteral("Keys"), 1, {note(0, 960, 75)})});
        const PianoRollLayout layout(s, QRectF(0, 10, 192, 300));
        QCOMPARE(layout.lowestPitch(), 38);
        QCOMPARE(layout.highestPitch(), 77);
        QCOMPARE(layout.drumRows(), (QList<int>{49, 46, 42, 38, 36}));
        QCOMPARE(layout.drumLaneHeight(), 14.0);
        QCOMPARE(layout.rowHeight(), 5.75);
        QCOMPARE(layout.drumBandTop(), 240.0);
        QCOMPARE(layout.rowTop(*layout.rowOf(49, true)), 240.0);
        QCOMPARE(layout.rowTop(*layout.rowOf(36, true)), 296.0);
        // No drum hit lands in a pitch row, and every pitched note is above the band.
        for (const PianoRollLayout::NoteBox &box : layout.notes()) {
            if (box.drum) {
                QVERIFY(box.rect.top() >= layout.drumBandTop());
                QCOMPARE(box.rect.height(), 14.0);
            } else {
                QVERIFY(box.rect.bottom() <= layout.drumBandTop());
                QCOMPARE(box.rect.height(), 5.75);
            }
        }
        QCOMPARE(layout.notes()[1].rect, QRectF(0, 296, 12, 14));   // the kick, bottom lane
        QCOMPARE(layout.notes()[6].rect.top(), 21.5);              // 75 is row 2: 10 + 2 × 5.75

        // A short area: the band stops at half of it and lanes shrink together.
        const PianoRollLayout small(s, QRectF(0, 0, 192, 100));
        QCOMPARE(small.drumLaneHeight(), 10.0);
        QCOMPARE(small.drumBandTop(), 50.0);
        QCOMPARE(small.rowHeight(), 1.25);
    }

    void velocityShades()
    {
        QCOMPARE(PianoRollLayout::velocityShade(127), 1.0);
        QCOMPARE(PianoRollLayout::velocityShade(1), 0.3);
        QCOMPARE(PianoRollLayout::velocityShade(64), 0.65);
        QCOMPARE(PianoRollLayout::velocityShade(0), 0.3);     // clamped
        QCOMPARE(PianoRollLayout::velocityShade(200), 1.0);
    }
};

QTEST_GUILESS_MAIN(TestPianoRollLayout)
#include "tst_piano_roll_layout.moc"
