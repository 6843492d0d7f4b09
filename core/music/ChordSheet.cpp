#include "ChordSheet.h"

#include <QRegularExpression>

namespace aiband {
namespace {

// "C-Am-F-G" -> C, Am, F, G; "C-7" stays whole (7 is not a chord name).
QStringList splitDashes(const QString &token)
{
    QStringList chords;
    int start = 0;
    for (int i = 1; i < token.size(); ++i) {
        const QChar next = i + 1 < token.size() ? token[i + 1] : QChar();
        // Any capital letter starts a chord (A-G, N.C., and a mistyped H that should then be
        // named as the problem), while "-7" or "-maj7" stay part of a minor chord's name.
        const bool startsChord = next >= QLatin1Char('A') && next <= QLatin1Char('Z');
        if (token[i] == QLatin1Char('-') && startsChord && i > start) {
            chords.append(token.mid(start, i - start));
            start = i + 1;
        }
    }
    chords.append(token.mid(start));
    return chords;
}

QStringList tokens(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("[\\s,]+"));
    QStringList result;
    for (const QString &token : text.split(separators, Qt::SkipEmptyParts))
        result += splitDashes(token);
    return result;
}

// "[Verse]": a name between brackets, without bar lines or nested brackets.
const QRegularExpression &sectionMarker()
{
    static const QRegularExpression marker(QStringLiteral("\\[([^\\[\\]|]*)\\]"));
    return marker;
}

QString withoutMarkers(QString text)
{
    return text.replace(sectionMarker(), QStringLiteral(" "));
}

} // namespace

QList<SheetSection> chordSheetSections(const QString &text, double beatsPerBar)
{
    const bool barLines = text.contains(QLatin1Char('|'));
    QList<SheetSection> sections;
    QRegularExpressionMatchIterator matches = sectionMarker().globalMatch(text);
    while (matches.hasNext()) {
        const QRegularExpressionMatch match = matches.next();
        const QString name = match.captured(1).trimmed();
        if (name.isEmpty())
            continue;
        // The bar the marker stands in: bars written before it, as parseChordSheet counts them.
        const QString before = withoutMarkers(text.left(match.capturedStart()));
        qsizetype bar = 0;
        if (barLines) {
            const QStringList groups = before.split(QLatin1Char('|'));
            for (qsizetype i = 0; i + 1 < groups.size(); ++i)
                bar += tokens(groups[i]).isEmpty() ? 0 : 1;
        } else {
            bar = tokens(before).size();
        }
        sections.append({name, static_cast<double>(bar) * beatsPerBar});
    }
    return sections;
}

QList<SheetSection> loopSections(const QList<SheetSection> &sections, double progressionBeats, double durationBeats)
{
    constexpr double kEpsilon = 1e-9;
    QList<SheetSection> looped;
    if (progressionBeats <= kEpsilon)
        return looped;
    for (double offset = 0.0; offset < durationBeats - kEpsilon; offset += progressionBeats) {
        for (const SheetSection &section : sections) {
            if (offset + section.startBeat < durationBeats - kEpsilon)
                looped.append({section.name, offset + section.startBeat});
        }
    }
    return looped;
}

Result<QList<ChordEvent>> parseChordSheet(const QString &sheet, double beatsPerBar)
{
    const QString text = withoutMarkers(sheet);
    QList<QStringList> bars;
    if (text.contains(QLatin1Char('|'))) {
        QStringList groups = text.split(QLatin1Char('|'));
        // "| C | Am |" has empty ends; an empty group in the middle is a mistake.
        while (!groups.isEmpty() && groups.first().trimmed().isEmpty())
            groups.removeFirst();
        while (!groups.isEmpty() && groups.last().trimmed().isEmpty())
            groups.removeLast();
        for (qsizetype i = 0; i < groups.size(); ++i) {
            const QStringList chords = tokens(groups[i]);
            if (chords.isEmpty())
                return makeError(QStringLiteral("invalid_field"),
                                 QStringLiteral("bar %1 of \"%2\" is empty; write N.C. for a bar without a chord")
                                     .arg(i + 1).arg(sheet));
            bars.append(chords);
        }
    } else {
        for (const QString &chord : tokens(text))
            bars.append(QStringList{chord});
    }
    if (bars.isEmpty())
        return makeError(QStringLiteral("invalid_field"), QStringLiteral("the chord sheet is empty"));

    QList<ChordEvent> events;
    int chordNumber = 0;
    for (qsizetype bar = 0; bar < bars.size(); ++bar) {
        QStringList chords = bars[bar];
        if (chords == QStringList{QStringLiteral("%")}) {
            if (bar == 0)
                return makeError(QStringLiteral("invalid_field"), QStringLiteral("%: there is no previous bar to repeat"));
            chords = bars[bar - 1];
            bars[bar] = chords;
        }
        const double length = beatsPerBar / chords.size();
        for (qsizetype i = 0; i < chords.size(); ++i) {
            ++chordNumber;
            Result<Chord> chord = parseChord(chords[i]);
            if (!chord)
                return makeError(chord.error().code,
                                 chord.error().message + QStringLiteral(" (chord %1 of the sheet, bar %2)").arg(chordNumber).arg(bar + 1));
            events.append({*chord, bar * beatsPerBar + i * length, length});
        }
    }
    return events;
}

} // namespace aiband
