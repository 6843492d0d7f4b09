#include "music/Theory.h"

#include <QTest>

#include <algorithm>

using namespace aiband;

class TestChordGrammar : public QObject {
    Q_OBJECT
private slots:
    void scaleTablesAreWellFormed()
    {
        for (ScaleType type : allScaleTypes()) {
            const QList<int> intervals = scaleIntervals(type);
            QVERIFY2(intervals.size() >= 5 && intervals.size() <= 8, qPrintable(scaleName(type)));
            QCOMPARE(intervals.first(), 0);
            QVERIFY(std::is_sorted(intervals.cbegin(), intervals.cend()));
            QVERIFY(std::adjacent_find(intervals.cbegin(), intervals.cend()) == intervals.cend());
            QVERIFY(intervals.last() < 12);
            QVERIFY(!scaleName(type).isEmpty());
        }
        QCOMPARE(allScaleTypes().size(), 21);
    }

    void scaleIntervalsAreTheTextbookOnes()
    {
        QCOMPARE(scaleIntervals(ScaleType::Major), (QList<int>{0, 2, 4, 5, 7, 9, 11}));
        QCOMPARE(scaleIntervals(ScaleType::NaturalMinor), (QList<int>{0, 2, 3, 5, 7, 8, 10}));
        QCOMPARE(scaleIntervals(ScaleType::HarmonicMinor), (QList<int>{0, 2, 3, 5, 7, 8, 11}));
        QCOMPARE(scaleIntervals(ScaleType::MelodicMinor), (QList<int>{0, 2, 3, 5, 7, 9, 11}));
        QCOMPARE(scaleIntervals(ScaleType::Dorian), (QList<int>{0, 2, 3, 5, 7, 9, 10}));
        QCOMPARE(scaleIntervals(ScaleType::Phrygian), (QList<int>{0, 1, 3, 5, 7, 8, 10}));
        QCOMPARE(scaleIntervals(ScaleType::Lydian), (QList<int>{0, 2, 4, 6, 7, 9, 11}));
        QCOMPARE(scaleIntervals(ScaleType::Mixolydian), (QList<int>{0, 2, 4, 5, 7, 9, 10}));
        QCOMPARE(scaleIntervals(ScaleType::Locrian), (QList<int>{0, 1, 3, 5, 6, 8, 10}));
        QCOMPARE(scaleIntervals(ScaleType::LocrianSharp2), (QList<int>{0, 2, 3, 5, 6, 8, 10}));
        QCOMPARE(scaleIntervals(ScaleType::LydianDominant), (QList<int>{0, 2, 4, 6, 7, 9, 10}));
        QCOMPARE(scaleIntervals(ScaleType::Altered), (QList<int>{0, 1, 3, 4, 6, 8, 10}));
        QCOMPARE(scaleIntervals(ScaleType::WholeTone), (QList<int>{0, 2, 4, 6, 8, 10}));
        QCOMPARE(scaleIntervals(ScaleType::HalfWholeDiminished), (QList<int>{0, 1, 3, 4, 6, 7, 9, 10}));
        QCOMPARE(scaleIntervals(ScaleType::WholeHalfDiminished), (QList<int>{0, 2, 3, 5, 6, 8, 9, 11}));
        QCOMPARE(scaleIntervals(ScaleType::MajorPentatonic), (QList<int>{0, 2, 4, 7, 9}));
        QCOMPARE(scaleIntervals(ScaleType::MinorPentatonic), (QList<int>{0, 3, 5, 7, 10}));
        QCOMPARE(scaleIntervals(ScaleType::Blues), (QList<int>{0, 3, 5, 6, 7, 10}));
    }

    void modesAreRotationsOfTheirParents()
    {
        const auto mode = [](ScaleType parent, int degree) {
            const QList<int> p = scaleIntervals(parent);
            QList<int> result;
            for (qsizetype i = 0; i < p.size(); ++i)
                result.append((p[(degree + i) % p.size()] - p[degree] + 12) % 12);
            return result;
        };
        QCOMPARE(scaleIntervals(ScaleType::Dorian), mode(ScaleType::Major, 1));
        QCOMPARE(scaleIntervals(ScaleType::Locrian), mode(ScaleType::Major, 6));
        QCOMPARE(scaleIntervals(ScaleType::LydianAugmented), mode(ScaleType::MelodicMinor, 2));
        QCOMPARE(scaleIntervals(ScaleType::LydianDominant), mode(ScaleType::MelodicMinor, 3));
        QCOMPARE(scaleIntervals(ScaleType::MixolydianFlat13), mode(ScaleType::MelodicMinor, 4));
        QCOMPARE(scaleIntervals(ScaleType::LocrianSharp2), mode(ScaleType::MelodicMinor, 5));
        QCOMPARE(scaleIntervals(ScaleType::Altered), mode(ScaleType::MelodicMinor, 6));
        QCOMPARE(scaleIntervals(ScaleType::PhrygianDominant), mode(ScaleType::HarmonicMinor, 4));
    }

    void pitchClassDistance_data()
    {
        QTest::addColumn<int>("a");
        QTest::addColumn<int>("b");
        QTest::addColumn<int>("distance");
        QTest::newRow("same") << 0 << 0 << 0;
        QTest::newRow("semitone") << 0 << 1 << 1;
        QTest::newRow("around the octave") << 11 << 0 << 1;
        QTest::newRow("fifth is a fourth away") << 0 << 7 << 5;
        QTest::newRow("tritone") << 2 << 8 << 6;
        QTest::newRow("symmetric") << 7 << 0 << 5;
        QTest::newRow("MIDI notes") << 60 << 71 << 1;
        QTest::newRow("negative") << -1 << 1 << 2;
    }

    void pitchClassDistance()
    {
        QFETCH(int, a);
        QFETCH(int, b);
        QFETCH(int, distance);
        QCOMPARE(aiband::pitchClassDistance(a, b), distance);
    }

    void nearestPitchWithClass_data()
    {
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("pitchClass");
        QTest::addColumn<int>("low");
        QTest::addColumn<int>("high");
        QTest::addColumn<int>("expected");
        QTest::newRow("itself") << 60 << 0 << 0 << 127 << 60;
        QTest::newRow("up a semitone") << 60 << 1 << 0 << 127 << 61;
        QTest::newRow("down a semitone") << 60 << 11 << 0 << 127 << 59;
        QTest::newRow("tritone tie goes down") << 60 << 6 << 0 << 127 << 54;
        QTest::newRow("tie above the range goes up") << 60 << 6 << 55 << 127 << 66;
        QTest::newRow("clamped to the bass range") << 20 << 4 << 28 << 55 << 28;
        QTest::newRow("from above the range") << 90 << 7 << 28 << 55 << 55;
        QTest::newRow("range without that class") << 40 << 0 << 41 << 45 << -1;
        QTest::newRow("single note range") << 70 << 9 << 57 << 57 << 57;
    }

    void nearestPitchWithClass()
    {
        QFETCH(int, from);
        QFETCH(int, pitchClass);
        QFETCH(int, low);
        QFETCH(int, high);
        QFETCH(int, expected);
        QCOMPARE(aiband::nearestPitchWithClass(from, pitchClass, low, high), expected);
    }
};

QTEST_GUILESS_MAIN(TestChordGrammar)
#include "tst_chord_grammar.moc"
