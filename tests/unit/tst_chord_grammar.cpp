#include "music/Chord.h"
#include "music/KeyDetection.h"
#include "music/Theory.h"

#include <QSet>
#include <QTest>

#include <algorithm>

using namespace aiband;

namespace {

// One accepted spelling of a chord quality, the intervals it means and its canonical spelling.
struct Spelling {
    const char *suffix;
    QList<int> intervals;
    const char *canonical;
};

// Every entry is a distinct spelling; the intervals are written out by hand from what the
// symbol means to a musician, not copied from the parser. Grouped by meaning as in CHORDS.md.
const QList<Spelling> &spellings()
{
    static const QList<Spelling> table{
        // Major triad
        {"", {0, 4, 7}, ""}, {"maj", {0, 4, 7}, ""}, {"Maj", {0, 4, 7}, ""}, {"MAJ", {0, 4, 7}, ""},
        {"M", {0, 4, 7}, ""}, {"ma", {0, 4, 7}, ""}, {"Ma", {0, 4, 7}, ""},
        // Minor triad
        {"m", {0, 3, 7}, "m"}, {"min", {0, 3, 7}, "m"}, {"mi", {0, 3, 7}, "m"}, {"-", {0, 3, 7}, "m"},
        {"MI", {0, 3, 7}, "m"}, {"MIN", {0, 3, 7}, "m"},
        // Diminished triad
        {"dim", {0, 3, 6}, "dim"}, {"°", {0, 3, 6}, "dim"}, {"o", {0, 3, 6}, "dim"},
        {"mb5", {0, 3, 6}, "dim"}, {"m(b5)", {0, 3, 6}, "dim"}, {"m-5", {0, 3, 6}, "dim"},
        // Augmented triad
        {"aug", {0, 4, 8}, "aug"}, {"+", {0, 4, 8}, "aug"}, {"+5", {0, 4, 8}, "aug"},
        {"(#5)", {0, 4, 8}, "aug"}, {"Maj(#5)", {0, 4, 8}, "aug"},
        // Suspended
        {"sus4", {0, 5, 7}, "sus4"}, {"sus", {0, 5, 7}, "sus4"}, {"(sus4)", {0, 5, 7}, "sus4"},
        {"SUS4", {0, 5, 7}, "sus4"}, {"sus2", {0, 2, 7}, "sus2"}, {"(sus2)", {0, 2, 7}, "sus2"},
        {"sus4add2", {0, 2, 5, 7}, "sus4add2"}, {"sus2add4", {0, 2, 5, 7}, "sus4add2"},
        {"sus4add9", {0, 5, 7, 14}, "sus4add9"}, {"sus2add9", {0, 2, 7, 14}, "sus2add9"},
        {"sus4(b9)", {0, 5, 7, 13}, "sus4b9"},
        // Power chord and omissions
        {"5", {0, 7}, "5"}, {"no3", {0, 7}, "5"}, {"(no3)", {0, 7}, "5"}, {"omit3", {0, 7}, "5"},
        {"5add9", {0, 7, 14}, "5add9"}, {"no5", {0, 4}, "no5"}, {"(omit5)", {0, 4}, "no5"},
        {"mno5", {0, 3}, "mno5"},
        // Sixths
        {"6", {0, 4, 7, 9}, "6"}, {"M6", {0, 4, 7, 9}, "6"}, {"maj6", {0, 4, 7, 9}, "6"},
        {"add6", {0, 4, 7, 9}, "6"}, {"m6", {0, 3, 7, 9}, "m6"}, {"min6", {0, 3, 7, 9}, "m6"},
        {"-6", {0, 3, 7, 9}, "m6"}, {"6sus4", {0, 5, 7, 9}, "6sus4"},
        {"6/9", {0, 4, 7, 9, 14}, "6/9"}, {"69", {0, 4, 7, 9, 14}, "6/9"},
        {"6add9", {0, 4, 7, 9, 14}, "6/9"}, {"6(9)", {0, 4, 7, 9, 14}, "6/9"},
        {"m6/9", {0, 3, 7, 9, 14}, "m6/9"}, {"m69", {0, 3, 7, 9, 14}, "m6/9"},
        {"-69", {0, 3, 7, 9, 14}, "m6/9"}, {"m6add9", {0, 3, 7, 9, 14}, "m6/9"},
        {"6/9#11", {0, 4, 7, 9, 14, 18}, "6/9#11"},
        // Dominant seventh
        {"7", {0, 4, 7, 10}, "7"}, {"7sus4", {0, 5, 7, 10}, "7sus4"}, {"7sus", {0, 5, 7, 10}, "7sus4"},
        {"7(sus4)", {0, 5, 7, 10}, "7sus4"}, {"7sus2", {0, 2, 7, 10}, "7sus2"},
        {"7sus4b9", {0, 5, 7, 10, 13}, "7sus4b9"}, {"7susb9", {0, 5, 7, 10, 13}, "7sus4b9"},
        {"7sus4(b9)", {0, 5, 7, 10, 13}, "7sus4b9"},
        {"7no3", {0, 7, 10}, "7no3"}, {"7no5", {0, 4, 10}, "7no5"}, {"7(omit5)", {0, 4, 10}, "7no5"},
        {"7add6", {0, 4, 7, 9, 10}, "7add6"}, {"7(6)", {0, 4, 7, 9, 10}, "7add6"},
        {"7add11", {0, 4, 7, 10, 17}, "7add11"}, {"7(11)", {0, 4, 7, 10, 17}, "7add11"},
        {"7add13", {0, 4, 7, 10, 21}, "7add13"}, {"7(13)", {0, 4, 7, 10, 21}, "7add13"},
        // Altered fifths on dominants
        {"7b5", {0, 4, 6, 10}, "7b5"}, {"7-5", {0, 4, 6, 10}, "7b5"}, {"7(b5)", {0, 4, 6, 10}, "7b5"},
        {"7#5", {0, 4, 8, 10}, "7#5"}, {"7+5", {0, 4, 8, 10}, "7#5"}, {"7+", {0, 4, 8, 10}, "7#5"},
        {"+7", {0, 4, 8, 10}, "7#5"}, {"aug7", {0, 4, 8, 10}, "7#5"}, {"7(#5)", {0, 4, 8, 10}, "7#5"},
        // Altered ninths, elevenths and thirteenths on dominants
        {"7b9", {0, 4, 7, 10, 13}, "7b9"}, {"7-9", {0, 4, 7, 10, 13}, "7b9"},
        {"7(b9)", {0, 4, 7, 10, 13}, "7b9"}, {"7♭9", {0, 4, 7, 10, 13}, "7b9"},
        {"7#9", {0, 4, 7, 10, 15}, "7#9"}, {"7+9", {0, 4, 7, 10, 15}, "7#9"},
        {"7(#9)", {0, 4, 7, 10, 15}, "7#9"}, {"7♯9", {0, 4, 7, 10, 15}, "7#9"},
        {"7#11", {0, 4, 7, 10, 18}, "7#11"}, {"7(#11)", {0, 4, 7, 10, 18}, "7#11"},
        {"7+11", {0, 4, 7, 10, 18}, "7#11"}, {"7#4", {0, 4, 7, 10, 18}, "7#11"},
        {"7b13", {0, 4, 7, 10, 20}, "7b13"}, {"7(b13)", {0, 4, 7, 10, 20}, "7b13"},
        {"7-13", {0, 4, 7, 10, 20}, "7b13"}, {"7b6", {0, 4, 7, 10, 20}, "7b13"},
        {"7b9#9", {0, 4, 7, 10, 13, 15}, "7b9#9"}, {"7#9b9", {0, 4, 7, 10, 13, 15}, "7b9#9"},
        {"7(b9,#9)", {0, 4, 7, 10, 13, 15}, "7b9#9"},
        {"7b9#11", {0, 4, 7, 10, 13, 18}, "7b9#11"}, {"7(b9,#11)", {0, 4, 7, 10, 13, 18}, "7b9#11"},
        {"7#11b9", {0, 4, 7, 10, 13, 18}, "7b9#11"}, {"7(b9)(#11)", {0, 4, 7, 10, 13, 18}, "7b9#11"},
        {"7b9b13", {0, 4, 7, 10, 13, 20}, "7b9b13"}, {"7#9b13", {0, 4, 7, 10, 15, 20}, "7#9b13"},
        {"7(#9,b13)", {0, 4, 7, 10, 15, 20}, "7#9b13"}, {"7#9#11", {0, 4, 7, 10, 15, 18}, "7#9#11"},
        {"7b9#11b13", {0, 4, 7, 10, 13, 18, 20}, "7b9#11b13"},
        {"7(b9,#11,b13)", {0, 4, 7, 10, 13, 18, 20}, "7b9#11b13"},
        {"7b9#9b13", {0, 4, 7, 10, 13, 15, 20}, "7b9#9b13"},
        {"7#5b9", {0, 4, 8, 10, 13}, "7#5b9"}, {"7b9#5", {0, 4, 8, 10, 13}, "7#5b9"},
        {"aug7b9", {0, 4, 8, 10, 13}, "7#5b9"}, {"+7b9", {0, 4, 8, 10, 13}, "7#5b9"},
        {"7#5#9", {0, 4, 8, 10, 15}, "7#5#9"}, {"7#9#5", {0, 4, 8, 10, 15}, "7#5#9"},
        {"7b5b9", {0, 4, 6, 10, 13}, "7b5b9"}, {"7b9b5", {0, 4, 6, 10, 13}, "7b5b9"},
        {"7b5#9", {0, 4, 6, 10, 15}, "7b5#9"}, {"7(b5,#9)", {0, 4, 6, 10, 15}, "7b5#9"},
        {"7alt", {0, 4, 10, 13, 15, 20}, "7alt"}, {"alt", {0, 4, 10, 13, 15, 20}, "7alt"},
        {"alt7", {0, 4, 10, 13, 15, 20}, "7alt"}, {"7ALT", {0, 4, 10, 13, 15, 20}, "7alt"},
        {"7b9#9b13no5", {0, 4, 10, 13, 15, 20}, "7alt"},
        // Tensions written in parentheses after a seventh
        {"7(9)", {0, 4, 7, 10, 14}, "9"}, {"7(9,13)", {0, 4, 7, 10, 14, 21}, "13"},
        {"7(b9,13)", {0, 4, 7, 10, 13, 21}, "13b9"}, {"7(#9,13)", {0, 4, 7, 10, 15, 21}, "13#9"},
        // Dominant ninths, elevenths, thirteenths
        {"9", {0, 4, 7, 10, 14}, "9"}, {"9b5", {0, 4, 6, 10, 14}, "9b5"}, {"9-5", {0, 4, 6, 10, 14}, "9b5"},
        {"9#5", {0, 4, 8, 10, 14}, "9#5"}, {"9+5", {0, 4, 8, 10, 14}, "9#5"},
        {"aug9", {0, 4, 8, 10, 14}, "9#5"}, {"+9", {0, 4, 8, 10, 14}, "9#5"},
        {"9#11", {0, 4, 7, 10, 14, 18}, "9#11"}, {"9(#11)", {0, 4, 7, 10, 14, 18}, "9#11"},
        {"9b13", {0, 4, 7, 10, 14, 20}, "9b13"},
        {"9sus4", {0, 5, 7, 10, 14}, "9sus4"}, {"9sus", {0, 5, 7, 10, 14}, "9sus4"},
        {"11", {0, 4, 7, 10, 14, 17}, "11"}, {"11b9", {0, 4, 7, 10, 13, 17}, "11b9"},
        {"13", {0, 4, 7, 10, 14, 21}, "13"}, {"13b9", {0, 4, 7, 10, 13, 21}, "13b9"},
        {"13#9", {0, 4, 7, 10, 15, 21}, "13#9"}, {"13#11", {0, 4, 7, 10, 14, 18, 21}, "13#11"},
        {"13(#11)", {0, 4, 7, 10, 14, 18, 21}, "13#11"}, {"13b5", {0, 4, 6, 10, 14, 21}, "13b5"},
        {"13b9#11", {0, 4, 7, 10, 13, 18, 21}, "13b9#11"},
        {"13sus4", {0, 5, 7, 10, 14, 21}, "13sus4"}, {"13sus", {0, 5, 7, 10, 14, 21}, "13sus4"},
        // Added tones
        {"add9", {0, 4, 7, 14}, "add9"}, {"(add9)", {0, 4, 7, 14}, "add9"}, {"(9)", {0, 4, 7, 14}, "add9"},
        {"Madd9", {0, 4, 7, 14}, "add9"}, {"majadd9", {0, 4, 7, 14}, "add9"},
        {"add2", {0, 2, 4, 7}, "add2"}, {"add11", {0, 4, 7, 17}, "add11"}, {"(add11)", {0, 4, 7, 17}, "add11"},
        {"add4", {0, 4, 5, 7}, "add4"}, {"add13", {0, 4, 7, 21}, "add13"},
        {"madd9", {0, 3, 7, 14}, "madd9"}, {"m(add9)", {0, 3, 7, 14}, "madd9"}, {"m(9)", {0, 3, 7, 14}, "madd9"},
        {"madd2", {0, 2, 3, 7}, "madd2"}, {"madd11", {0, 3, 7, 17}, "madd11"},
        {"m(add11)", {0, 3, 7, 17}, "madd11"}, {"madd4", {0, 3, 5, 7}, "madd4"},
        {"augadd9", {0, 4, 8, 14}, "augadd9"}, {"+add9", {0, 4, 8, 14}, "augadd9"},
        // Alterations over a major triad (parenthesised in the canonical form, see CHORDS.md)
        {"(b5)", {0, 4, 6}, "(b5)"}, {"(#11)", {0, 4, 7, 18}, "(#11)"}, {"add#11", {0, 4, 7, 18}, "(#11)"},
        {"(b9)", {0, 4, 7, 13}, "(b9)"}, {"addb9", {0, 4, 7, 13}, "(b9)"}, {"(#9)", {0, 4, 7, 15}, "(#9)"},
        {"(b13)", {0, 4, 7, 20}, "(b13)"},
        // Major seventh family
        {"maj7", {0, 4, 7, 11}, "maj7"}, {"M7", {0, 4, 7, 11}, "maj7"}, {"Δ", {0, 4, 7, 11}, "maj7"},
        {"Δ7", {0, 4, 7, 11}, "maj7"}, {"∆7", {0, 4, 7, 11}, "maj7"}, {"△", {0, 4, 7, 11}, "maj7"},
        {"ma7", {0, 4, 7, 11}, "maj7"}, {"Maj7", {0, 4, 7, 11}, "maj7"}, {"MA7", {0, 4, 7, 11}, "maj7"},
        {"^7", {0, 4, 7, 11}, "maj7"}, {"^", {0, 4, 7, 11}, "maj7"},
        {"maj7sus4", {0, 5, 7, 11}, "maj7sus4"}, {"maj7b5", {0, 4, 6, 11}, "maj7b5"},
        {"M7b5", {0, 4, 6, 11}, "maj7b5"}, {"maj7#5", {0, 4, 8, 11}, "maj7#5"},
        {"M7+5", {0, 4, 8, 11}, "maj7#5"}, {"+M7", {0, 4, 8, 11}, "maj7#5"},
        {"augmaj7", {0, 4, 8, 11}, "maj7#5"}, {"aug(maj7)", {0, 4, 8, 11}, "maj7#5"},
        {"+maj7", {0, 4, 8, 11}, "maj7#5"},
        {"maj7#11", {0, 4, 7, 11, 18}, "maj7#11"}, {"Δ#11", {0, 4, 7, 11, 18}, "maj7#11"},
        {"maj7(#11)", {0, 4, 7, 11, 18}, "maj7#11"}, {"M7#11", {0, 4, 7, 11, 18}, "maj7#11"},
        {"maj7add13", {0, 4, 7, 11, 21}, "maj7add13"}, {"maj7(13)", {0, 4, 7, 11, 21}, "maj7add13"},
        {"maj9", {0, 4, 7, 11, 14}, "maj9"}, {"M9", {0, 4, 7, 11, 14}, "maj9"},
        {"Δ9", {0, 4, 7, 11, 14}, "maj9"}, {"ma9", {0, 4, 7, 11, 14}, "maj9"},
        {"maj7(9)", {0, 4, 7, 11, 14}, "maj9"},
        {"maj9#11", {0, 4, 7, 11, 14, 18}, "maj9#11"}, {"Δ9#11", {0, 4, 7, 11, 14, 18}, "maj9#11"},
        {"maj11", {0, 4, 7, 11, 14, 17}, "maj11"}, {"M11", {0, 4, 7, 11, 14, 17}, "maj11"},
        {"maj13", {0, 4, 7, 11, 14, 21}, "maj13"}, {"M13", {0, 4, 7, 11, 14, 21}, "maj13"},
        {"Δ13", {0, 4, 7, 11, 14, 21}, "maj13"}, {"maj13#11", {0, 4, 7, 11, 14, 18, 21}, "maj13#11"},
        // Minor seventh family
        {"m7", {0, 3, 7, 10}, "m7"}, {"min7", {0, 3, 7, 10}, "m7"}, {"mi7", {0, 3, 7, 10}, "m7"},
        {"-7", {0, 3, 7, 10}, "m7"}, {"MI7", {0, 3, 7, 10}, "m7"}, {"m7no5", {0, 3, 10}, "m7no5"},
        {"m7#5", {0, 3, 8, 10}, "m7#5"}, {"m7b9", {0, 3, 7, 10, 13}, "m7b9"},
        {"m7b13", {0, 3, 7, 10, 20}, "m7b13"}, {"m7#11", {0, 3, 7, 10, 18}, "m7#11"},
        {"m7add11", {0, 3, 7, 10, 17}, "m7add11"}, {"m7(11)", {0, 3, 7, 10, 17}, "m7add11"},
        {"m9", {0, 3, 7, 10, 14}, "m9"}, {"min9", {0, 3, 7, 10, 14}, "m9"}, {"mi9", {0, 3, 7, 10, 14}, "m9"},
        {"-9", {0, 3, 7, 10, 14}, "m9"}, {"m7(9)", {0, 3, 7, 10, 14}, "m9"},
        {"m11", {0, 3, 7, 10, 14, 17}, "m11"}, {"min11", {0, 3, 7, 10, 14, 17}, "m11"},
        {"-11", {0, 3, 7, 10, 14, 17}, "m11"},
        {"m13", {0, 3, 7, 10, 14, 17, 21}, "m13"}, {"min13", {0, 3, 7, 10, 14, 17, 21}, "m13"},
        {"-13", {0, 3, 7, 10, 14, 17, 21}, "m13"},
        // Half-diminished
        {"m7b5", {0, 3, 6, 10}, "m7b5"}, {"m7-5", {0, 3, 6, 10}, "m7b5"}, {"-7b5", {0, 3, 6, 10}, "m7b5"},
        {"m7(b5)", {0, 3, 6, 10}, "m7b5"}, {"-7(b5)", {0, 3, 6, 10}, "m7b5"},
        {"min7b5", {0, 3, 6, 10}, "m7b5"}, {"mi7b5", {0, 3, 6, 10}, "m7b5"},
        {"ø", {0, 3, 6, 10}, "m7b5"}, {"ø7", {0, 3, 6, 10}, "m7b5"}, {"Ø", {0, 3, 6, 10}, "m7b5"},
        {"Ø7", {0, 3, 6, 10}, "m7b5"},
        {"m9b5", {0, 3, 6, 10, 14}, "m9b5"}, {"ø9", {0, 3, 6, 10, 14}, "m9b5"},
        {"m7b5(9)", {0, 3, 6, 10, 14}, "m9b5"},
        {"m11b5", {0, 3, 6, 10, 14, 17}, "m11b5"}, {"ø11", {0, 3, 6, 10, 14, 17}, "m11b5"},
        // Minor-major seventh family
        {"mMaj7", {0, 3, 7, 11}, "mMaj7"}, {"m(maj7)", {0, 3, 7, 11}, "mMaj7"},
        {"mmaj7", {0, 3, 7, 11}, "mMaj7"}, {"mM7", {0, 3, 7, 11}, "mMaj7"},
        {"m/maj7", {0, 3, 7, 11}, "mMaj7"}, {"-Δ7", {0, 3, 7, 11}, "mMaj7"}, {"-Δ", {0, 3, 7, 11}, "mMaj7"},
        {"min(maj7)", {0, 3, 7, 11}, "mMaj7"}, {"m#7", {0, 3, 7, 11}, "mMaj7"},
        {"m+7", {0, 3, 7, 11}, "mMaj7"}, {"-(maj7)", {0, 3, 7, 11}, "mMaj7"}, {"mΔ", {0, 3, 7, 11}, "mMaj7"},
        {"mMaj9", {0, 3, 7, 11, 14}, "mMaj9"}, {"m(maj9)", {0, 3, 7, 11, 14}, "mMaj9"},
        {"mM9", {0, 3, 7, 11, 14}, "mMaj9"}, {"-Δ9", {0, 3, 7, 11, 14}, "mMaj9"},
        {"mMaj11", {0, 3, 7, 11, 14, 17}, "mMaj11"}, {"mMaj13", {0, 3, 7, 11, 14, 17, 21}, "mMaj13"},
        {"mMaj7b5", {0, 3, 6, 11}, "mMaj7b5"}, {"dim(maj7)", {0, 3, 6, 11}, "mMaj7b5"},
        {"dimMaj7", {0, 3, 6, 11}, "mMaj7b5"}, {"°maj7", {0, 3, 6, 11}, "mMaj7b5"},
        // Diminished seventh
        {"dim7", {0, 3, 6, 9}, "dim7"}, {"°7", {0, 3, 6, 9}, "dim7"}, {"o7", {0, 3, 6, 9}, "dim7"},
        {"m6b5", {0, 3, 6, 9}, "dim7"}, {"dim7add9", {0, 3, 6, 9, 14}, "dim7add9"},
        {"dim7(9)", {0, 3, 6, 9, 14}, "dim7add9"},
        // Other minor triads
        {"m#5", {0, 3, 8}, "m#5"}, {"m+5", {0, 3, 8}, "m#5"},
        {"mb6", {0, 3, 7, 20}, "mb13"}, {"m(b13)", {0, 3, 7, 20}, "mb13"},
    };
    return table;
}

QString suffixOf(const char *suffix)
{
    return QString::fromUtf8(suffix);
}

// Roots that exercise both accidentals; none of the table's suffixes starts with b or #, which
// would be read as part of the root.
const QStringList kRoots{QStringLiteral("C"), QStringLiteral("F#"), QStringLiteral("Bb")};

Chord parsed(const QString &symbol)
{
    const Result<Chord> chord = parseChord(symbol);
    if (!chord)
        qFatal("%s", qPrintable(chord.error().message));
    return chord.value();
}

QList<ChordEvent> progression(const QString &text)
{
    QList<ChordEvent> events;
    double start = 0.0;
    for (const QString &symbol : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        events.append({parsed(symbol), start, 4.0});
        start += 4.0;
    }
    return events;
}

} // namespace

class TestChordGrammar : public QObject {
    Q_OBJECT
private slots:
    void tableHasAtLeast170DistinctSpellings()
    {
        QSet<QString> distinct;
        for (const Spelling &spelling : spellings()) {
            QVERIFY2(!distinct.contains(suffixOf(spelling.suffix)), spelling.suffix);
            distinct.insert(suffixOf(spelling.suffix));
        }
        QVERIFY2(distinct.size() >= 170, qPrintable(QString::number(distinct.size())));
    }

    void everySpellingParses_data()
    {
        QTest::addColumn<QString>("root");
        QTest::addColumn<QString>("suffix");
        QTest::addColumn<QList<int>>("intervals");
        QTest::addColumn<QString>("quality");
        for (const QString &root : kRoots) {
            for (const Spelling &s : spellings()) {
                QTest::addRow("%s%s", qPrintable(root), s.suffix)
                    << root << suffixOf(s.suffix) << s.intervals << suffixOf(s.canonical);
            }
        }
    }

    void everySpellingParses()
    {
        QFETCH(QString, root);
        QFETCH(QString, suffix);
        QFETCH(QList<int>, intervals);
        QFETCH(QString, quality);
        const Result<Chord> chord = parseChord(root + suffix);
        QVERIFY2(chord.ok(), chord.ok() ? "" : qPrintable(chord.error().message));
        QCOMPARE(chord->intervals, intervals);
        QCOMPARE(chord->quality, quality);
        QCOMPARE(chord->rootName, root);
        QCOMPARE(chord->root, parseNoteName(root)->first);
        QCOMPARE(chord->bass, chord->root);
        QCOMPARE(chord->bassName, QString());
        QCOMPARE(chord->canonical(), root + quality);
        QCOMPARE(chord->symbol, root + suffix);
        QVERIFY(!chord->noChord);
    }

    void canonicalFormsRoundTrip_data()
    {
        QTest::addColumn<QString>("symbol");
        for (const QString &root : kRoots) {
            for (const Spelling &s : spellings())
                QTest::addRow("%s%s", qPrintable(root), s.suffix) << root + suffixOf(s.suffix);
        }
        for (const char *slash : {"C/E", "Am7/G", "D/F#", "C/F#", "Bbmaj7/A", "F#m7b5/C", "C6/9/E",
                                  "G7(b9)/Ab", "Ebm(maj7)/D", "C♯m/G♯"})
            QTest::newRow(slash) << QString::fromUtf8(slash);
    }

    void canonicalFormsRoundTrip()
    {
        QFETCH(QString, symbol);
        const Chord first = parsed(symbol);
        const Result<Chord> again = parseChord(first.canonical());
        QVERIFY2(again.ok(), again.ok() ? "" : qPrintable(again.error().message));
        QCOMPARE(again->root, first.root);
        QCOMPARE(again->bass, first.bass);
        QCOMPARE(again->intervals, first.intervals);
        QCOMPARE(again->quality, first.quality);
        QCOMPARE(again->canonical(), first.canonical());
    }

    // Beyond the table: every combination of a head, a number and two modifiers that parses
    // must name itself in a form that parses back to the same chord.
    void generatedCombinationsRoundTrip()
    {
        const QStringList heads{"", "m", "maj", "M", "Δ", "dim", "ø", "aug", "+", "5", "-"};
        const QStringList numbers{"", "6", "6/9", "7", "9", "11", "13", "maj7", "Maj9", "Δ13"};
        const QStringList modifiers{"", "b5", "#5", "b9", "#9", "#11", "b13", "alt", "sus4", "sus2", "add9",
                                    "add2", "add11", "add4", "add13", "add6", "no3", "no5", "(9)", "(13)", "+"};
        int parsedCount = 0;
        for (const QString &head : heads) {
            for (const QString &number : numbers) {
                for (const QString &a : modifiers) {
                    for (const QString &b : modifiers) {
                        const QString symbol = QStringLiteral("C") + head + number + a + b;
                        const Result<Chord> chord = parseChord(symbol);
                        if (!chord)
                            continue;
                        ++parsedCount;
                        const Result<Chord> again = parseChord(chord->canonical());
                        QVERIFY2(again.ok() && again->intervals == chord->intervals
                                     && again->quality == chord->quality,
                                 qPrintable(symbol + QStringLiteral(" -> ") + chord->canonical()));
                    }
                }
            }
        }
        QVERIFY(parsedCount > 5000);
    }

    void canonicalSpellingIsOnePerMeaning_data()
    {
        QTest::addColumn<QString>("symbol");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("-7") << "A-7" << "Am7";
        QTest::newRow("min7") << "Amin7" << "Am7";
        QTest::newRow("ø") << "Bø" << "Bm7b5";
        QTest::newRow("Δ7") << "FΔ7" << "Fmaj7";
        QTest::newRow("M7") << "FM7" << "Fmaj7";
        QTest::newRow("parenthesised alterations") << "G7(b9,#11)" << "G7b9#11";
        QTest::newRow("alterations sorted") << "G7b13#11#9b5" << "G7b5#9#11b13";
        QTest::newRow("b9 #9 b13 without a fifth is alt") << "G7b13#11b9#9b5" << "G7altb5#11";
        QTest::newRow("aug7") << "Eaug7" << "E7#5";
        QTest::newRow("m6b5 is dim7") << "Bm6b5" << "Bdim7";
        QTest::newRow("no3 triad is a power chord") << "E(no3)" << "E5";
        QTest::newRow("sixth plus ninth") << "C6add9" << "C6/9";
        QTest::newRow("unicode accidentals") << "E♭7♭9" << "Eb7b9";
        QTest::newRow("slash bass kept") << "Am7/G" << "Am7/G";
        QTest::newRow("triad alteration keeps its parentheses") << "C(b5)" << "C(b5)";
        QTest::newRow("N.C.") << "n.c." << "N.C.";
    }

    void canonicalSpellingIsOnePerMeaning()
    {
        QFETCH(QString, symbol);
        QFETCH(QString, canonical);
        QCOMPARE(parsed(symbol).canonical(), canonical);
    }

    void slashBasses_data()
    {
        QTest::addColumn<QString>("symbol");
        QTest::addColumn<int>("root");
        QTest::addColumn<int>("bass");
        QTest::addColumn<QString>("bassName");
        QTest::addColumn<bool>("bassIsChordTone");
        QTest::newRow("C/E") << "C/E" << 0 << 4 << "E" << true;
        QTest::newRow("Am/G") << "Am/G" << 9 << 7 << "G" << false;
        QTest::newRow("D/F#") << "D/F#" << 2 << 6 << "F#" << true;
        QTest::newRow("C/F# non-chord tone") << "C/F#" << 0 << 6 << "F#" << false;
        QTest::newRow("Bb/Ab") << "Bb/Ab" << 10 << 8 << "Ab" << false;
        QTest::newRow("6/9 with a bass") << "C6/9/E" << 0 << 4 << "E" << true;
        QTest::newRow("unicode bass") << "C♯m/G♯" << 1 << 8 << "G#" << true;
        QTest::newRow("double flat bass") << "C/Ebb" << 0 << 2 << "Ebb" << false;
        QTest::newRow("bass equal to root") << "G/G" << 7 << 7 << "G" << true;
        QTest::newRow("altered chord over its b9") << "G7b9/Ab" << 7 << 8 << "Ab" << true;
    }

    void slashBasses()
    {
        QFETCH(QString, symbol);
        QFETCH(int, root);
        QFETCH(int, bass);
        QFETCH(QString, bassName);
        QFETCH(bool, bassIsChordTone);
        const Chord chord = parsed(symbol);
        QCOMPARE(chord.root, root);
        QCOMPARE(chord.bass, bass);
        QCOMPARE(chord.bassName, bassName);
        QCOMPARE(chord.pitchClasses().contains(bass), bassIsChordTone);
        QVERIFY(chord.canonical().endsWith(QLatin1Char('/') + bassName));
    }

    void slashInsideTheQualityIsNotABass()
    {
        QCOMPARE(parsed(QStringLiteral("C6/9")).bassName, QString());
        QCOMPARE(parsed(QStringLiteral("Cm/maj7")).bassName, QString());
        QCOMPARE(parsed(QStringLiteral("Cm/maj7/B")).bassName, QStringLiteral("B"));
    }

    void errorsSayWhereAndWhy_data()
    {
        QTest::addColumn<QString>("symbol");
        QTest::addColumn<QString>("message");
        const auto row = [](const char *symbol, int position, const char *why) {
            QTest::newRow(symbol) << QString::fromUtf8(symbol)
                                  << QStringLiteral("chord \"%1\" cannot be read at character %2: %3")
                                         .arg(QString::fromUtf8(symbol)).arg(position).arg(QString::fromUtf8(why));
        };
        row("H7", 1, "\"H\" is not a note name (A to G)");
        row("am", 1, "\"a\" is not a note name (A to G)");
        row("7", 1, "\"7\" is not a note name (A to G)");
        row("Cxyz", 2, "unknown chord quality \"xyz\"");
        row("Cm7xyz", 4, "unknown chord quality \"xyz\"");
        row("C7#9#9", 5, "\"#9\" given twice");
        row("C7(b9,b9)", 7, "\"b9\" given twice");
        row("C7b9-9", 5, "\"-9\" given twice");
        row("C/Fx", 4, "unexpected text after the bass note");
        row("C/E7", 4, "unexpected text after the bass note");
        row("C/e", 3, "\"e\" is not a note name (A to G)");
        row("C/", 2, "\"/\" must be followed by a bass note (A to G)");
        row("C/A/E", 2, "\"/A\": only one slash bass is allowed");
        row("C7(b9", 3, "\"(\" is never closed");
        row("C7b9)", 5, "\")\" has no matching \"(\"");
        row("C7,b9", 3, "\",\" separates alterations inside parentheses only, as in \"7(b9,#11)\"");
        row("C7#13", 3, "\"#13\" is not an alteration this grammar knows (b5 #5 b9 #9 #11 b13)");
        row("C7b7", 3, "\"b7\" is not an alteration this grammar knows (b5 #5 b9 #9 #11 b13)");
        row("Cmsus4", 3, "\"sus4\" replaces the third, so it cannot follow a minor chord");
        row("Csus4sus2", 6, "\"sus2\": the chord is already suspended");
        row("C5sus4", 3, "\"sus4\": the chord has no third to suspend");
        row("C9add9", 3, "\"add9\" is already in the chord");
        row("C6/9add9", 5, "\"add9\" is already in the chord");
        row("Cadd", 5, "\"add\" must be followed by 2, 4, 6, 9, 11 or 13, or an alteration such as b9");
        row("Cno7", 4, "\"no\" must be followed by 3 or 5");
        row("Csus4no3", 6, "\"no3\": the chord has no third to leave out");
        row("Cm7b5no5", 6, "\"no5\": the chord has no perfect fifth to leave out");
        row("C5no5", 3, "nothing but the root is left");
        row("C5b5", 3, "\"b5\" cannot alter the fifth of a power chord");
        row("Cm7alt", 4, "\"alt\" needs a plain dominant seventh chord, as in \"7alt\"");
        row("C7alt#9", 6, "\"#9\" is already part of \"alt\"");
        row("Cdim9", 5, "unknown chord quality \"9\"");
        row("C7 b9", 3, "unknown chord quality \" b9\"");
        row("C79", 3, "unknown chord quality \"9\"");
    }

    void errorsSayWhereAndWhy()
    {
        QFETCH(QString, symbol);
        QFETCH(QString, message);
        const Result<Chord> chord = parseChord(symbol);
        QVERIFY(!chord.ok());
        QCOMPARE(chord.error().code, QStringLiteral("unknown_chord"));
        QCOMPARE(chord.error().message, message);
    }

    void emptySymbolsAreRefused()
    {
        for (const char *symbol : {"", "   "}) {
            const Result<Chord> chord = parseChord(QLatin1String(symbol));
            QVERIFY(!chord.ok());
            QCOMPARE(chord.error().code, QStringLiteral("unknown_chord"));
            QVERIFY(chord.error().message.contains(QStringLiteral("empty")));
        }
    }

    void noChordSpellings()
    {
        for (const char *symbol : {"N.C.", "NC", "N.C", "n.c.", "nc", " N.C. "}) {
            const Chord chord = parsed(QLatin1String(symbol));
            QVERIFY(chord.noChord);
            QCOMPARE(chord.canonical(), QStringLiteral("N.C."));
            QCOMPARE(chord.quality, QString());
            QVERIFY(chord.intervals.isEmpty());
            QVERIFY(chord.chordScale().isEmpty());
        }
    }

    void noteNamesTakeAnyNumberOfAccidentals_data()
    {
        QTest::addColumn<QString>("symbol");
        QTest::addColumn<int>("root");
        QTest::addColumn<QString>("rootName");
        QTest::newRow("C##") << "C##" << 2 << "C##";
        QTest::newRow("Dbb") << "Dbb" << 0 << "Dbb";
        QTest::newRow("C♯♯") << "C♯♯" << 2 << "C##";
        QTest::newRow("E♭") << "E♭m7" << 3 << "Eb";
        QTest::newRow("B#") << "B#" << 0 << "B#";
        QTest::newRow("Cb") << "Cb" << 11 << "Cb";
        QTest::newRow("Fb") << "Fb7" << 4 << "Fb";
        QTest::newRow("E#") << "E#m" << 5 << "E#";
        QTest::newRow("Abbb") << "Abbb" << 6 << "Abbb";
        QTest::newRow("G#b") << "G#bm" << 7 << "G#b";
    }

    void noteNamesTakeAnyNumberOfAccidentals()
    {
        QFETCH(QString, symbol);
        QFETCH(int, root);
        QFETCH(QString, rootName);
        const Chord chord = parsed(symbol);
        QCOMPARE(chord.root, root);
        QCOMPARE(chord.rootName, rootName);
        QVERIFY(chord.canonical().startsWith(rootName));
    }

    void hasIntervalIsModuloTwelve()
    {
        const Chord d9 = parsed(QStringLiteral("D9"));
        QCOMPARE(d9.intervals, (QList<int>{0, 4, 7, 10, 14}));
        QVERIFY(d9.hasInterval(2));
        QVERIFY(d9.hasInterval(14));
        QVERIFY(d9.hasInterval(-2));
        QVERIFY(!d9.hasInterval(3));
        QVERIFY(parsed(QStringLiteral("Cm")).hasInterval(3));
        QVERIFY(!parsed(QStringLiteral("Cm")).hasInterval(4));
    }

    void chordScaleHoldsEveryChordTone_data()
    {
        QTest::addColumn<QString>("symbol");
        for (const QString &root : kRoots) {
            for (const Spelling &s : spellings())
                QTest::addRow("%s%s", qPrintable(root), s.suffix) << root + suffixOf(s.suffix);
        }
    }

    void chordScaleHoldsEveryChordTone()
    {
        QFETCH(QString, symbol);
        const Chord chord = parsed(symbol);
        const QList<int> scale = chord.chordScale();
        QVERIFY2(scale.size() >= 6 && scale.size() <= 8, qPrintable(QString::number(scale.size())));
        QCOMPARE(scale.first(), chord.root);
        QCOMPARE(QSet<int>(scale.cbegin(), scale.cend()).size(), scale.size());
        for (int pitchClass : chord.pitchClasses())
            QVERIFY2(scale.contains(pitchClass), qPrintable(pitchClassName(pitchClass)));
    }

    void chordScaleChoices_data()
    {
        QTest::addColumn<QString>("suffix");
        QTest::addColumn<ScaleType>("scale");
        QTest::newRow("major triad") << "" << ScaleType::Major;
        QTest::newRow("maj7") << "maj7" << ScaleType::Major;
        QTest::newRow("6") << "6" << ScaleType::Major;
        QTest::newRow("maj7#11") << "maj7#11" << ScaleType::Lydian;
        QTest::newRow("maj7#5") << "maj7#5" << ScaleType::LydianAugmented;
        QTest::newRow("m") << "m" << ScaleType::Dorian;
        QTest::newRow("m7") << "m7" << ScaleType::Dorian;
        QTest::newRow("m9") << "m9" << ScaleType::Dorian;
        QTest::newRow("m11") << "m11" << ScaleType::Dorian;
        QTest::newRow("m6") << "m6" << ScaleType::Dorian;
        QTest::newRow("mb6") << "mb6" << ScaleType::NaturalMinor;
        QTest::newRow("m7b9") << "m7b9" << ScaleType::Phrygian;
        QTest::newRow("m(maj7)") << "m(maj7)" << ScaleType::MelodicMinor;
        QTest::newRow("7") << "7" << ScaleType::Mixolydian;
        QTest::newRow("9") << "9" << ScaleType::Mixolydian;
        QTest::newRow("13") << "13" << ScaleType::Mixolydian;
        QTest::newRow("7#11") << "7#11" << ScaleType::LydianDominant;
        QTest::newRow("9b13") << "9b13" << ScaleType::MixolydianFlat13;
        QTest::newRow("7b9b13") << "7b9b13" << ScaleType::PhrygianDominant;
        QTest::newRow("7alt") << "7alt" << ScaleType::Altered;
        QTest::newRow("7#5") << "7#5" << ScaleType::Altered;
        QTest::newRow("7#5#9") << "7#5#9" << ScaleType::Altered;
        QTest::newRow("7b9 keeps its fifth") << "7b9" << ScaleType::HalfWholeDiminished;
        QTest::newRow("7#9 keeps its fifth") << "7#9" << ScaleType::HalfWholeDiminished;
        QTest::newRow("13b9") << "13b9" << ScaleType::HalfWholeDiminished;
        QTest::newRow("m7b5") << "m7b5" << ScaleType::Locrian;
        QTest::newRow("m9b5") << "m9b5" << ScaleType::LocrianSharp2;
        QTest::newRow("dim") << "dim" << ScaleType::WholeHalfDiminished;
        QTest::newRow("dim7") << "dim7" << ScaleType::WholeHalfDiminished;
        QTest::newRow("aug") << "aug" << ScaleType::WholeTone;
        QTest::newRow("9#5") << "9#5" << ScaleType::WholeTone;
        QTest::newRow("sus4") << "sus4" << ScaleType::Mixolydian;
        QTest::newRow("7sus4") << "7sus4" << ScaleType::Mixolydian;
        QTest::newRow("7sus4b9") << "7sus4b9" << ScaleType::Phrygian;
        QTest::newRow("5") << "5" << ScaleType::Major;
    }

    void chordScaleChoices()
    {
        QFETCH(QString, suffix);
        QFETCH(ScaleType, scale);
        const Chord chord = parsed(QStringLiteral("D") + suffix);
        QList<int> expected;
        for (int interval : scaleIntervals(scale))
            expected.append((2 + interval) % 12);
        QCOMPARE(chord.chordScale(), expected);
    }

    void chordsNoScaleHoldsGetTheClosestPlusTheirTones()
    {
        // The altered scale has no perfect fifth; 7#9b13 keeps its fifth, so it is added.
        QCOMPARE(parsed(QStringLiteral("C7#9b13")).chordScale(), (QList<int>{0, 1, 3, 4, 6, 7, 8, 10}));
    }

    void keyDetection_data()
    {
        QTest::addColumn<QString>("chords");
        QTest::addColumn<QString>("key");
        QTest::newRow("I vi IV V") << "C Am F G" << "C";
        QTest::newRow("minor i iv V7 i") << "Am Dm E7 Am" << "Am";
        QTest::newRow("ii V I") << "Dm7 G7 Cmaj7" << "C";
        // The relative major wins when the progression does not come home to the minor chord:
        // G-B-D and the D chord's F# fill G major's profile, the start on Em is not enough.
        QTest::newRow("Em C G D") << "Em C G D" << "G";
        QTest::newRow("Em C G D Em") << "Em C G D Em" << "Em";
        QTest::newRow("F#m D A E") << "F#m D A E" << "A";
        QTest::newRow("I IV V7 I in Bb") << "Bb Eb F7 Bb" << "Bb";
        QTest::newRow("12-bar blues in A") << "A7 A7 A7 A7 D7 D7 A7 A7 E7 D7 A7 E7" << "A";
        QTest::newRow("blues changes once each") << "A7 D7 E7" << "A";
        // Twice through, the I7 -> IV7 moves outnumber the ends: the blues changes decide.
        QTest::newRow("12-bar blues twice") << "A7 D7 A7 A7 D7 D7 A7 A7 E7 D7 A7 E7 A7 D7 A7 A7 D7 D7 A7 A7 E7 D7 A7 E7" << "A";
        QTest::newRow("quick-change blues in F") << "F7 Bb7 F7 F7 Bb7 Bb7 F7 F7 C7 Bb7 F7 C7" << "F";
        QTest::newRow("i iv V7 i in C minor") << "Cm Fm G7 Cm" << "Cm";
        QTest::newRow("i VI VII i") << "Dm Bb C Dm" << "Dm";
        QTest::newRow("I V vi IV") << "G D Em C" << "G";
        QTest::newRow("I IV V7 I in E") << "E A B7 E" << "E";
        QTest::newRow("one chord") << "Eb" << "Eb";
        QTest::newRow("one minor chord") << "F#m" << "F#m";
        QTest::newRow("N.C. is ignored") << "N.C. Am Dm E7 Am N.C." << "Am";
        // Turnarounds and secondary dominants (issue 14): the last chord leads back to the first,
        // and a dominant of a diatonic chord is not a new key's leading tone.
        QTest::newRow("ii V I VI7") << "Dm7 G7 Cmaj7 A7" << "C";
        QTest::newRow("I VI7 ii V") << "C A7 Dm7 G7" << "C";
        QTest::newRow("I vi ii V sevenths") << "Cmaj7 Am7 Dm7 G7" << "C";
        QTest::newRow("ii V I VI7 in G") << "Am7 D7 Gmaj7 E7" << "G";
        QTest::newRow("iii VI7 ii V I") << "Em7 A7 Dm7 G7 Cmaj7" << "C";
        QTest::newRow("ii V I VI7 in F") << "Gm7 C7 Fmaj7 D7" << "F";
        QTest::newRow("I vi ii V7 in Bb") << "Bb Gm Cm7 F7" << "Bb";
        QTest::newRow("ii V I VI7 in Bb") << "Cm7 F7 Bbmaj7 G7" << "Bb";
        QTest::newRow("minor ii V i") << "Em7b5 A7 Dm" << "Dm";
        QTest::newRow("minor VI ii V i") << "Fmaj7 Bm7b5 E7 Am" << "Am";
        QTest::newRow("I vi IV V turnaround") << "C Am F G7" << "C";
        // An open ii-V promises its I: a vamp on it, or a phrase that stops before home.
        QTest::newRow("ii V vamp") << "Dm7 G7" << "C";
        QTest::newRow("ii V vamp in D") << "Em7 A7" << "D";
        QTest::newRow("vi ii V") << "Am7 Dm7 G7" << "C";
        QTest::newRow("minor ii V vamp") << "Dm7b5 G7" << "Cm";
        QTest::newRow("ii V vamp in Bb") << "Cm7 F7 Cm7 F7" << "Bb";
    }

    void keyDetection()
    {
        QFETCH(QString, chords);
        QFETCH(QString, key);
        QCOMPARE(detectKey(progression(chords)).name(), key);
    }

    void keyDetectionWeighsDuration()
    {
        // Two chords a fifth apart: the one that lasts is home.
        QList<ChordEvent> events{{parsed(QStringLiteral("D")), 0.0, 12.0}, {parsed(QStringLiteral("A")), 12.0, 2.0},
                                 {parsed(QStringLiteral("D")), 14.0, 2.0}};
        QCOMPARE(detectKey(events).name(), QStringLiteral("D"));
    }

    void keyDetectionWithoutChordsIsC()
    {
        QCOMPARE(detectKey({}), (Key{0, false}));
        QCOMPARE(detectKey(progression(QStringLiteral("N.C."))), (Key{0, false}));
    }

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
