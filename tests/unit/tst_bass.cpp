#include "BuiltInStyles.h"
#include "generation/GenerateRequest.h"
#include "music/MidiFile.h"
#include "music/PartRegistry.h"
#include "music/SongPlan.h"
#include "music/StyleLoader.h"

#include <QJsonDocument>
#include <QSet>
#include <QTest>

#include <algorithm>

using namespace aiband;

// The bass as a player plays it (issue 13, item 1): the register players use, octave figures
// that are octaves, figures that change with the form and the seed. Measured on the notes the
// bass generator returns, over every built-in style, meter and a few seeds.
namespace {

constexpr int kG2 = 43;
const char *const kMeters[] = {"4/4", "3/4", "6/8", "5/4", "7/8", "12/8"};
const char *const kSheet = "[A] C | Am7 | Dm7 | G7 | C | Am7 | F | G7 | [B] F | G | Em7 | Am | Dm7 | G7 | C | C";

struct Rendered {
    Arrangement arrangement;
    SongPlan plan;
    std::vector<Note> notes;
};

Rendered renderBass(const QString &style, const QString &meter, int seed, const QString &sheet = QString::fromLatin1(kSheet))
{
    const QByteArray body = QStringLiteral(R"({"chord_progression": {"chords": "%1", "time_signature": "%2", "bars": 32},
        "style": "%3", "seed": %4, "track_types": ["bass"]})")
                                .arg(sheet, meter, style).arg(seed).toUtf8();
    const Result<GenerateRequest> request = parseGenerateRequest(QJsonDocument::fromJson(body).object(), test::builtInStyles());
    if (!request)
        qFatal("%s", qPrintable(request.error().message));
    Rendered r{request->arrangement, {}, {}};
    r.plan = planSong(r.arrangement, r.arrangement.style->phraseBars);
    r.notes = partRow(TrackType::Bass).generate(r.arrangement, r.plan).notes;
    return r;
}

double median(std::vector<int> values)
{
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

// Each song bar's figure: the onsets (in 16ths of a quarter from the bar's start) and pitches.
QList<QList<std::pair<int, int>>> barFigures(const Rendered &r, bool withPitches)
{
    QList<QList<std::pair<int, int>>> figures;
    const double ticksPerBeat = kTicksPerQuarter;
    for (const PlannedBar &bar : r.plan.bars) {
        if (bar.kind != BarKind::Song)
            continue;
        QList<std::pair<int, int>> figure;
        const double start = bar.startBeat * ticksPerBeat;
        const double end = (bar.startBeat + bar.lengthBeats) * ticksPerBeat;
        for (const Note &n : r.notes) {
            if (n.startTick >= start - 20 && n.startTick < end - 20)
                figure.append({qRound((n.startTick - start) / (ticksPerBeat / 4)), withPitches ? n.pitch : 0});
        }
        figures.append(figure);
    }
    return figures;
}

QStringList patternStyles()
{
    QStringList names;
    for (const Style &style : test::builtInStyles().styles()) {
        if (style.bass.mode == BassMode::Pattern)
            names.append(style.name);
    }
    return names;
}

} // namespace

class TestBass : public QObject {
    Q_OBJECT
private slots:
    // Players sit near D2: the median at most A2 (45), half the notes or more at or below G2,
    // E1 the floor, G3 the ceiling, and no leap beyond an octave.
    void bassSitsWherePlayersPlay()
    {
        for (const Style &style : test::builtInStyles().styles()) {
            for (const char *meter : kMeters) {
                for (int seed : {1, 2, 3}) {
                    const Rendered r = renderBass(style.name, QLatin1String(meter), seed);
                    const QString what = QStringLiteral("%1 %2 seed %3").arg(style.name, QLatin1String(meter)).arg(seed);
                    QVERIFY2(r.notes.size() >= 32, qPrintable(what));
                    std::vector<int> pitches;
                    for (const Note &n : r.notes)
                        pitches.push_back(n.pitch);
                    const double middle = median(pitches);
                    const auto low = std::count_if(pitches.begin(), pitches.end(), [](int p) { return p <= kG2; });
                    QVERIFY2(middle >= 33 && middle <= 45, qPrintable(what + QStringLiteral(": median %1").arg(middle)));
                    QVERIFY2(low * 2 >= static_cast<qsizetype>(pitches.size()),
                             qPrintable(what + QStringLiteral(": %1 of %2 at or below G2").arg(low).arg(pitches.size())));
                    for (size_t i = 0; i < pitches.size(); ++i) {
                        QVERIFY2(pitches[i] >= 28 && pitches[i] <= 55, qPrintable(what + QStringLiteral(": pitch %1").arg(pitches[i])));
                        if (i > 0)
                            QVERIFY2(std::abs(pitches[i] - pitches[i - 1]) <= 12, qPrintable(what + QStringLiteral(": leap")));
                    }
                }
            }
        }
    }

    // Disco's and funk's octaves stay octaves: the root's octave is chosen so that both fit,
    // instead of the octave folding back onto the root (80% repeats before).
    void octaveFiguresAreOctaves()
    {
        for (const char *style : {"disco", "funk"}) {
            for (int seed : {1, 2}) {
                const Rendered r = renderBass(QLatin1String(style), QStringLiteral("4/4"), seed, QStringLiteral("Am7 | Am7 | D9 | D9"));
                int repeats = 0, octaves = 0;
                for (size_t i = 1; i < r.notes.size(); ++i) {
                    const int step = std::abs(r.notes[i].pitch - r.notes[i - 1].pitch);
                    repeats += step == 0;
                    octaves += step == 12;
                }
                const int intervals = static_cast<int>(r.notes.size()) - 1;
                const QString what = QStringLiteral("%1 seed %2: %3 repeats, %4 octaves of %5")
                                         .arg(QLatin1String(style)).arg(seed).arg(repeats).arg(octaves).arg(intervals);
                QVERIFY2(repeats * 4 <= intervals, qPrintable(what));
                QVERIFY2(octaves * 4 >= intervals, qPrintable(what));
            }
        }
    }

    // Every pattern style plays more than one figure in 8 bars, in every meter; two seeds play
    // different bars (at most half the same), one seed the same notes every time.
    void figuresChangeWithThePhraseAndTheSeed()
    {
        for (const QString &style : patternStyles()) {
            for (const char *meter : kMeters) {
                const QString what = style + QLatin1Char(' ') + QLatin1String(meter);
                const Rendered one = renderBass(style, QLatin1String(meter), 1);
                const Rendered two = renderBass(style, QLatin1String(meter), 2);
                QVERIFY2(renderBass(style, QLatin1String(meter), 1).notes == one.notes, qPrintable(what + QStringLiteral(": not deterministic")));
                const auto rhythms = barFigures(one, false);
                double distinct = 0;
                int windows = 0;
                for (qsizetype from = 0; from + 8 <= rhythms.size(); from += 8, ++windows)
                    distinct += QSet<QList<std::pair<int, int>>>(rhythms.begin() + from, rhythms.begin() + from + 8).size();
                QVERIFY2(windows > 0 && distinct / windows >= 2.0,
                         qPrintable(what + QStringLiteral(": %1 figures per 8 bars").arg(distinct / std::max(1, windows))));
                const auto a = barFigures(one, true);
                const auto b = barFigures(two, true);
                QCOMPARE(a.size(), b.size());
                int same = 0;
                for (qsizetype i = 0; i < a.size(); ++i)
                    same += a[i] == b[i];
                QVERIFY2(same * 2 <= a.size(), qPrintable(what + QStringLiteral(": %1 of %2 bars the same for two seeds").arg(same).arg(a.size())));
            }
        }
    }

    // A section starts on the style's plain figure, whatever the seed: in the waltz, one note
    // on the downbeat.
    void sectionsStartPlain()
    {
        for (int seed : {1, 2, 3, 4}) {
            const Rendered r = renderBass(QStringLiteral("waltz"), QStringLiteral("3/4"), seed);
            const auto figures = barFigures(r, false);
            int songBar = 0, starts = 0;
            int previousSection = -1;
            for (const PlannedBar &bar : r.plan.bars) {
                if (bar.kind != BarKind::Song)
                    continue;
                if (bar.form.section != previousSection) {
                    ++starts;
                    QCOMPARE(figures[songBar], (QList<std::pair<int, int>>{{0, 0}}));
                }
                previousSection = bar.form.section;
                ++songBar;
            }
            QVERIFY(starts >= 4);
        }
    }

    void badBassFiguresSayWhatIsWrong_data()
    {
        QTest::addColumn<QByteArray>("bass");
        QTest::addColumn<QString>("mustMention");
        const QByteArray cells = R"("cells": {"simple": {"downbeat": "R---"}})";
        QTest::newRow("register order") << QByteArray(R"({"mode": "kick", "register": [43, 28]})") << "bass.register";
        QTest::newRow("register narrow") << QByteArray(R"({"mode": "kick", "register": [30, 36]})") << "bass.register";
        QTest::newRow("register high") << QByteArray(R"({"mode": "kick", "register": [40, 52]})") << "bass.register";
        QTest::newRow("pickup") << QByteArray(R"({"mode": "kick", "pickup": 2})") << "bass.pickup";
        QTest::newRow("figures for kick") << QByteArray(R"({"mode": "kick", "variations": []})") << "bass.variations";
        QTest::newRow("empty variations") << QByteArray("{" + cells + R"(, "variations": []})") << "bass.variations";
        QTest::newRow("bad variation") << QByteArray("{" + cells + R"(, "variations": [{"simple": {"downbeat": "R-x-"}}]})")
                                       << "bass.variations[0].simple.downbeat";
        QTest::newRow("bad groove b") << QByteArray("{" + cells + R"(, "groove_b": [{"simple": {"upbeat": "R---"}}]})")
                                      << "bass.groove_b[0].simple.upbeat";
        QTest::newRow("bad last") << QByteArray(R"({"cells": {"simple": {"downbeat": "R---"}, "last": {"simple": "w--"}}})")
                                  << "bass.cells.last.simple";
        QTest::newRow("last kind") << QByteArray(R"({"cells": {"simple": {"downbeat": "R---"}, "last": {"triple": "w---"}}})")
                                   << "bass.cells.last.triple";
    }

    void badBassFiguresSayWhatIsWrong()
    {
        QFETCH(QByteArray, bass);
        QFETCH(QString, mustMention);
        const QByteArray json = R"({"name": "mine", "time_signature": "4/4",
            "drums": {"kick": {"simple": {"downbeat": "x..."}}}, "bass": )" + bass + R"(,
            "keys": {"cells": {"simple": {"downbeat": "x---"}}}})";
        const Result<Style> style = parseStyle(json);
        QVERIFY(!style.ok());
        QVERIFY2(style.error().message.contains(mustMention), qPrintable(style.error().message));
    }

    void bassFiguresLoad()
    {
        const Result<Style> style = parseStyle(R"({"name": "mine", "time_signature": "4/4",
            "drums": {"kick": {"simple": {"downbeat": "x..."}}},
            "bass": {"register": [30, 41], "pickup": 0.25, "cells": {"simple": {"downbeat": "R---"}},
                     "variations": [{"simple": {"downbeat": "R-5-"}, "last": {"simple": "w-w-", "compound": "w--w--"}}],
                     "groove_b": [{"simple": {"downbeat": "R.8."}}]},
            "keys": {"cells": {"simple": {"downbeat": "x---"}}}})");
        QVERIFY2(style.ok(), style.ok() ? "" : qPrintable(style.error().message));
        const BassStyle &bass = style->bass;
        QCOMPARE(bass.low, 30);
        QCOMPARE(bass.high, 41);
        QCOMPARE(bass.pickup, 0.25);
        QCOMPARE(bass.variations.size(), 1);
        QCOMPARE(bass.variations[0].lastSimple, QStringLiteral("w-w-"));
        QCOMPARE(bass.variations[0].lastCompound, QStringLiteral("w--w--"));
        QCOMPARE(bass.grooveB.size(), 1);
        QCOMPARE(bass.plain.cells.simple.value(PulseRole::Downbeat), QStringLiteral("R---"));
    }
};

QTEST_GUILESS_MAIN(TestBass)
#include "tst_bass.moc"
