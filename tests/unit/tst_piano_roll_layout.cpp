// PianoRollLayout: where every note, drum hit and bar line of a song lands, in exact numbers.

#include "PianoRollLayout.h"

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
