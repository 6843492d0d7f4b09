#include "BuiltInStyles.h"
#include "SheetArrangement.h"
#include "music/ChordSheet.h"
#include "music/Meter.h"
#include "music/MidiFile.h"
#include "music/PartRegistry.h"
#include "music/SongPlan.h"
#include "music/StyleLoader.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <set>

using namespace aiband;
using aiband::test::builtInStyles;

// The drums over the form (issue 13, docs/MUSIC.md "Drums"): timelines over several bars, A/B
// grooves, fills from each style's vocabulary where the plan puts them, crashes after them.
namespace {

const char *const kMeters[] = {"4/4", "3/4", "6/8", "5/4", "7/8", "12/8"};
constexpr int kTom[] = {41, 43, 45, 47, 48, 50};
constexpr int kTimbales[] = {65, 66};

using test::meterOf;

Arrangement arrangement(const Style *style, const char *meter, quint32 seed, const QString &sheet, int bars)
{
    return test::sheetArrangement(style, meterOf(meter), seed, sheet, bars, TrackType::Drums, 0.0);
}

struct Drums {
    SongPlan plan;
    std::vector<Note> notes;
};

Drums play(const Arrangement &a)
{
    Drums drums;
    drums.plan = planSong(a, a.style->phraseBars);
    drums.notes = partRow(TrackType::Drums).generate(a, drums.plan).notes;
    return drums;
}

// The notes of one pitch set in a bar, as beats from the bar's start (a humanize of 0 keeps them
// on the grid).
QList<double> beatsIn(const Drums &drums, const PlannedBar &bar, std::initializer_list<int> pitches)
{
    QList<double> beats;
    const qint64 from = std::llround(bar.startBeat * kTicksPerQuarter);
    const qint64 to = std::llround((bar.startBeat + bar.lengthBeats) * kTicksPerQuarter);
    for (const Note &note : drums.notes) {
        if (note.startTick >= from && note.startTick < to && std::find(pitches.begin(), pitches.end(), note.pitch) != pitches.end())
            beats.append(static_cast<double>(note.startTick - from) / kTicksPerQuarter);
    }
    std::sort(beats.begin(), beats.end());
    return beats;
}

bool isTom(int pitch)
{
    return std::find(std::begin(kTom), std::end(kTom), pitch) != std::end(kTom)
           || std::find(std::begin(kTimbales), std::end(kTimbales), pitch) != std::end(kTimbales);
}

// What a bar plays, as (pitch, tick in the bar) pairs: for comparing bars.
QList<QPair<int, qint64>> figure(const Drums &drums, const PlannedBar &bar)
{
    QList<QPair<int, qint64>> hits;
    const qint64 from = std::llround(bar.startBeat * kTicksPerQuarter);
    const qint64 to = std::llround((bar.startBeat + bar.lengthBeats) * kTicksPerQuarter);
    for (const Note &note : drums.notes) {
        if (note.startTick >= from && note.startTick < to)
            hits.append({note.pitch, note.startTick - from});
    }
    std::sort(hits.begin(), hits.end());
    return hits;
}

QList<PlannedBar> songBars(const SongPlan &plan)
{
    QList<PlannedBar> bars;
    for (const PlannedBar &bar : plan.bars) {
        if (bar.kind == BarKind::Song)
            bars.append(bar);
    }
    return bars;
}

QByteArray styleWithDrums(const QByteArray &drums)
{
    return R"({"name": "mine", "time_signature": "4/4", "drums": )" + drums + R"(,
        "bass": {"mode": "kick"}, "keys": {"cells": {"simple": {"downbeat": "x---"}}}})";
}

} // namespace

class TestDrums : public QObject {
    Q_OBJECT

private slots:
    // Full fills every 8 bars of a long section and before another section, not every phrase;
    // crashes on the first bar and after each full fill.
    void fillsAndCrashesFollowTheForm()
    {
        const Style *rock = aiband::test::style("rock");
        const SongPlan plan = planSong(arrangement(rock, "4/4", 1, QStringLiteral("C | F | G | C"), 32), rock->phraseBars);
        QList<int> fills, crashes;
        for (const PlannedBar &bar : plan.bars) {
            if (bar.fill)
                fills.append(bar.index);
            if (bar.crash)
                crashes.append(bar.index);
        }
        QCOMPARE(fills, (QList<int>{7, 15, 23}));
        QCOMPARE(crashes, (QList<int>{0, 8, 16, 24}));

        // 4-bar verse and chorus: every other change gets the full fill (and the crash after it).
        const SongPlan shortSections = planSong(
            arrangement(rock, "4/4", 1, QStringLiteral("[Verse] C | G | Am | F | [Chorus] F | G | C | C"), 24),
            rock->phraseBars);
        fills.clear();
        crashes.clear();
        for (const PlannedBar &bar : shortSections.bars) {
            if (bar.fill)
                fills.append(bar.index);
            if (bar.crash)
                crashes.append(bar.index);
            QCOMPARE(bar.sectionStart, bar.index % 4 == 0);
        }
        QCOMPARE(fills, (QList<int>{3, 11, 19}));
        QCOMPARE(crashes, (QList<int>{0, 4, 12, 20}));
    }

    // Every style in every meter: fills where the plan says (toms or timbales only there, a run in
    // each), at most 1.5 full fills per 8 bars, a crash on each crash bar, the fill's hits never
    // closer than a 32nd unless struck together, the kick on 1 outside the one-drop.
    void everyStyleFillsWhereThePlanSays()
    {
        for (const Style &style : builtInStyles().styles()) {
            for (const char *meter : kMeters) {
                for (quint32 seed : {1u, 2u, 3u}) {
                    const Drums drums = play(arrangement(&style, meter, seed, QStringLiteral("C | Am | F | G"), 32));
                    const QString where = style.name + QLatin1Char(' ') + QLatin1String(meter) + QStringLiteral(" seed ") + QString::number(seed);
                    int fills = 0;
                    int kickOnOne = 0;
                    const QList<PlannedBar> bars = songBars(drums.plan);
                    for (const PlannedBar &bar : bars) {
                        const QList<QPair<int, qint64>> hits = figure(drums, bar);
                        const bool toms = std::any_of(hits.cbegin(), hits.cend(), [](const auto &h) { return isTom(h.first); });
                        QVERIFY2(toms == bar.fill || (bar.fill && beatsIn(drums, bar, {37, 38, 40}).size() >= 3),
                                 qPrintable(where + QStringLiteral(" bar %1").arg(bar.index)));
                        fills += bar.fill;
                        if (bar.crash)
                            QVERIFY2(beatsIn(drums, bar, {49}).contains(0.0), qPrintable(where));
                        kickOnOne += beatsIn(drums, bar, {35, 36}).contains(0.0);
                        // Hits of the run (toms, snares, kick) either together or a 32nd apart at least.
                        QList<double> run = beatsIn(drums, bar, {35, 36, 37, 38, 40, 41, 43, 45, 47, 48, 50});
                        run.erase(std::unique(run.begin(), run.end()), run.end());
                        for (qsizetype i = 1; bar.fill && i < run.size(); ++i)
                            QVERIFY2(run[i] - run[i - 1] >= 0.125 - 1e-9, qPrintable(where + QStringLiteral(" flam")));
                    }
                    QVERIFY2(fills >= 2 && fills * 8.0 / bars.size() <= 1.5, qPrintable(where));
                    const bool oneDrop = style.name == QLatin1String("reggae") && QLatin1String(meter) == QLatin1String("4/4");
                    if (!oneDrop)
                        QVERIFY2(kickOnOne >= 0.95 * bars.size(), qPrintable(where));
                }
            }
        }
    }

    // Salsa's son clave over two bars, 3-2, starting again with each phrase: a 5-bar section
    // ends on the 3 side and the next one starts on it again.
    void claveFollowsThePhrase()
    {
        const Style *salsa = aiband::test::style("salsa");
        Arrangement a = arrangement(salsa, "4/4", 1, QStringLiteral("[A] C | F | G7 | F | C | [B] F | G7 | C | F | G7 | C | C"), 24);
        a.feel.fills = false;
        const Drums drums = play(a);
        const QList<double> three{0.0, 1.5, 3.0};
        const QList<double> two{1.0, 2.0};
        for (const PlannedBar &bar : songBars(drums.plan))
            QCOMPARE(beatsIn(drums, bar, {75}), bar.form.barInPhrase % 2 == 0 ? three : two);
        QCOMPARE(songBars(drums.plan)[5].form.barInPhrase, 0);  // [B]: the 3 side again after 5 bars
        QCOMPARE(beatsIn(drums, songBars(drums.plan)[4], {75}), three);
    }

    // The bossa clave on the side stick, the surdo-like kick on 1 and 3; reggae's one-drop: no
    // kick on 1, kick and rim on 3 (crash bars excepted, where the kick lands with the crash).
    void timelinesOfBossaAndReggae()
    {
        const Drums bossa = play([] {
            Arrangement a = arrangement(aiband::test::style("bossa_nova"), "4/4", 2, QStringLiteral("C | F"), 16);
            a.feel.fills = false;
            return a;
        }());
        for (const PlannedBar &bar : songBars(bossa.plan)) {
            QCOMPARE(beatsIn(bossa, bar, {37}), bar.form.barInPhrase % 2 == 0 ? (QList<double>{0, 1.5, 3}) : (QList<double>{1, 2.5}));
            const QList<double> kicks = beatsIn(bossa, bar, {36});
            QVERIFY(kicks.contains(0.0) && kicks.contains(2.0));
        }
        const Drums reggae = play(arrangement(aiband::test::style("reggae"), "4/4", 3, QStringLiteral("Am | G"), 16));
        for (const PlannedBar &bar : songBars(reggae.plan)) {
            if (bar.fill)
                continue;
            QCOMPARE(beatsIn(reggae, bar, {36}).contains(0.0), bar.crash);
            QVERIFY(beatsIn(reggae, bar, {36}).contains(2.0));
            QVERIFY(beatsIn(reggae, bar, {37}).contains(2.0));
        }
        // In another meter the style's cells play, with the kick on 1.
        const Drums reggae34 = play(arrangement(aiband::test::style("reggae"), "3/4", 3, QStringLiteral("Am | G"), 16));
        for (const PlannedBar &bar : songBars(reggae34.plan))
            QVERIFY(beatsIn(reggae34, bar, {36}).contains(0.0));
    }

    // Every style has two grooves: a verse bar and a chorus bar (no fills, nothing optional) differ.
    void everyStyleHasTwoGrooves()
    {
        for (const Style &style : builtInStyles().styles()) {
            Arrangement a = arrangement(&style, qPrintable(style.meter.name()), 1,
                                        QStringLiteral("[Verse] C | F | C | F | [Chorus] G | F | C | C"), 8);
            a.feel.fills = false;
            a.feel.complexity = 0.0;
            const Drums drums = play(a);
            const QList<PlannedBar> bars = songBars(drums.plan);
            QCOMPARE(bars[1].form.groove, 0);
            QCOMPARE(bars[5].form.groove, 1);
            QVERIFY2(figure(drums, bars[1]) != figure(drums, bars[5]), qPrintable(style.name));
        }
    }

    // The fill vocabulary: in a style, a fill never repeats the one before, and the seeds and the
    // form draw three different ones at least from the style's shapes.
    void fillsVaryAndFitTheStyle()
    {
        for (const Style &style : builtInStyles().styles()) {
            std::set<QList<QPair<int, qint64>>> distinct;
            int fills = 0;
            for (quint32 seed : {1u, 2u, 3u, 4u}) {
                const Drums drums = play(arrangement(&style, qPrintable(style.meter.name()), seed, QStringLiteral("C | F | G | C"), 48));
                QList<QPair<int, qint64>> last;
                for (const PlannedBar &bar : songBars(drums.plan)) {
                    if (!bar.fill)
                        continue;
                    QList<QPair<int, qint64>> hits = figure(drums, bar);
                    hits.erase(std::remove_if(hits.begin(), hits.end(), [](const auto &h) { return !isTom(h.first) && h.first != 37 && h.first != 38 && h.first != 40; }), hits.end());
                    QVERIFY2(hits != last, qPrintable(style.name + QStringLiteral(": the same fill twice running")));
                    distinct.insert(hits);
                    last = hits;
                    ++fills;
                }
            }
            QVERIFY2(distinct.size() >= 3 && fills >= 16, qPrintable(style.name));
        }
    }

    // Same arrangement and seed: the same notes; another seed: other notes, not only timing.
    void seedsChangeThePerformance()
    {
        for (const Style &style : builtInStyles().styles()) {
            const Arrangement a = arrangement(&style, qPrintable(style.meter.name()), 5, QStringLiteral("C | F | G | C"), 32);
            Arrangement b = a;
            b.seed = 6;
            b.feel.complexity = a.feel.complexity;
            QVERIFY(play(a).notes == play(a).notes);
            int differ = 0;
            const Drums first = play(a), second = play(b);
            for (qsizetype i = 0; i < first.plan.bars.size(); ++i)
                differ += figure(first, first.plan.bars[i]) != figure(second, second.plan.bars[i]);
            QVERIFY2(differ >= 2, qPrintable(style.name));
        }
    }

    void badDrumSettingsSayWhatIsWrong_data()
    {
        QTest::addColumn<QByteArray>("drums");
        QTest::addColumn<QString>("field");
        QTest::newRow("timeline length") << QByteArray(R"({"claves": {"timeline": {"4/4": ["x... ..x. ...."]}}})")
                                         << QStringLiteral("drums.claves.timeline.4/4[0]");
        QTest::newRow("timeline meter") << QByteArray(R"({"claves": {"timeline": {"4/5": ["x..."]}}})")
                                        << QStringLiteral("drums.claves.timeline.4/5");
        QTest::newRow("timeline symbol") << QByteArray(R"({"claves": {"timeline": {"2/4": ["x..y ...."]}}})")
                                         << QStringLiteral("drums.claves.timeline.2/4[0]");
        QTest::newRow("b cells") << QByteArray(R"({"kick": {"simple": {"downbeat": "x..."}, "b": {"simple": {"downbeat": "x.."}}}})")
                                 << QStringLiteral("drums.kick.b.simple.downbeat");
        QTest::newRow("only") << QByteArray(R"({"kick": {"simple": {"downbeat": "x..."}, "only": "c"}})")
                              << QStringLiteral("drums.kick.only");
        QTest::newRow("voice key") << QByteArray(R"({"kick": {"simple": {"downbeat": "x..."}, "cells": {}}})")
                                   << QStringLiteral("drums.kick.cells");
        QTest::newRow("fill shape") << QByteArray(R"({"kick": {"simple": {"downbeat": "x..."}}, "fills": {"shapes": ["paradiddle"]}})")
                                    << QStringLiteral("drums.fills.shapes[0]");
        QTest::newRow("fill every") << QByteArray(R"({"kick": {"simple": {"downbeat": "x..."}}, "fills": {"every": 1}})")
                                    << QStringLiteral("drums.fills.every");
        QTest::newRow("pickups") << QByteArray(R"({"kick": {"simple": {"downbeat": "x..."}}, "fills": {"pickups": []}})")
                                 << QStringLiteral("drums.fills.pickups");
        QTest::newRow("timeline_from") << QByteArray(R"({"kick": {"simple": {"downbeat": "x..."}}, "timeline_from": "bar"})")
                                       << QStringLiteral("drums.timeline_from");
        QTest::newRow("no instrument") << QByteArray(R"({"fills": {"every": 8}})") << QStringLiteral("drums");
    }

    void badDrumSettingsSayWhatIsWrong()
    {
        QFETCH(QByteArray, drums);
        QFETCH(QString, field);
        const Result<Style> style = parseStyle(styleWithDrums(drums));
        QVERIFY(!style.ok());
        QCOMPARE(style.error().field, field);
    }

    // A "b" changes A role by role; "only" keeps a voice to one groove; timelines by meter.
    void drumSettingsAreRead()
    {
        const Result<Style> style = parseStyle(styleWithDrums(R"({
            "kick": {"simple": {"downbeat": "x...", "backbeat": "...."}, "b": {"simple": {"backbeat": "..x."}}},
            "ride": {"simple": {"downbeat": "x.x."}, "only": "b"},
            "claves": {"timeline": {"4/4": ["x... ..x. | .... x...", ".... x... x... ...."]}},
            "fills": {"every": 4, "shapes": ["rim", "brush_sweep"], "pickups": ["kick"]},
            "timeline_from": "section"})"));
        QVERIFY2(style.ok(), style.ok() ? "" : qPrintable(style.error().message));
        const auto voice = [&](const char *name) {
            return *std::find_if(style->drums.cbegin(), style->drums.cend(), [&](const DrumVoice &v) { return v.name == QLatin1String(name); });
        };
        const DrumVoice kick = voice("kick");
        QCOMPARE(kick.grooves[1].cells.simple.value(PulseRole::Downbeat), QStringLiteral("x..."));
        QCOMPARE(kick.grooves[1].cells.simple.value(PulseRole::Backbeat), QStringLiteral("..x."));
        QCOMPARE(kick.grooves[0].cells.simple.value(PulseRole::Backbeat), QStringLiteral("...."));
        QVERIFY(!voice("ride").grooves[0].plays && voice("ride").grooves[1].plays);
        QCOMPARE(voice("claves").grooves[0].timelines.value(QStringLiteral("4/4")).size(), 2);
        QCOMPARE(voice("claves").grooves[1].timelines.value(QStringLiteral("4/4")).first(), QStringLiteral("x.....x.....x..."));
        QCOMPARE(style->fills.every, 4);
        QCOMPARE(style->fills.shapes, (QList<FillShape>{FillShape::RimFill, FillShape::BrushSweep}));
        QCOMPARE(style->fills.pickups, QList<Pickup>{Pickup::Kick});
        QCOMPARE(style->timelineStart, TimelineStart::Section);
    }
};

QTEST_GUILESS_MAIN(TestDrums)
#include "tst_drums.moc"
