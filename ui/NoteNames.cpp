#include "NoteNames.h"

#include <QCoreApplication>

#include <array>
#include <optional>

namespace aiband {
namespace {

struct NoteRead {
    qsizetype length;   // characters of the text the name took
    QString letters;    // the same note in the API's letters, without the accidentals that follow
};

struct SolfegeName {
    const char16_t *name;
    char letter;
};

// "Sol" before nothing it could be mistaken for: no other name starts with "So".
constexpr std::array<SolfegeName, 7> kSolfege{{{u"Do", 'C'}, {u"Re", 'D'}, {u"Mi", 'E'}, {u"Fa", 'F'},
                                               {u"Sol", 'G'}, {u"La", 'A'}, {u"Si", 'B'}}};

bool isFlat(QChar c)
{
    return c == QLatin1Char('b') || c == QChar(0x266D);
}

// Where a chord may start: the text's start, after a space, a bar line, a dash between chords
// ("C-Am") or a slash (the bass of "D/F#"). "C-7" and "6/9" are safe: no note name follows.
bool startsChord(const QString &text, qsizetype i)
{
    if (i == 0)
        return true;
    const QChar before = text[i - 1];
    return before.isSpace() || before == QLatin1Char('|') || before == QLatin1Char('-') || before == QLatin1Char('/');
}

// The German -is (sharp) and -es (flat) endings; Es and As take only the s. The s of "sus" is
// never an ending: "Esus4" is E sus4, not E flat "us4".
QString germanEnding(QStringView rest, QChar letter, qsizetype &length)
{
    const QStringView after = rest.mid(1);
    if (after.startsWith(u"is")) {
        length += 2;
        return QStringLiteral("#");
    }
    if ((letter == QLatin1Char('E') || letter == QLatin1Char('A'))) {
        if (after.startsWith(u"s") && !after.mid(1).startsWith(u"us")) {
            length += 1;
            return QStringLiteral("b");
        }
        return {};
    }
    if (after.startsWith(u"es")) {
        length += 2;
        return QStringLiteral("b");
    }
    return {};
}

std::optional<NoteRead> readGerman(QStringView rest)
{
    const QChar first = rest.front();
    if (first < QLatin1Char('A') || first > QLatin1Char('H'))
        return std::nullopt;
    if (first == QLatin1Char('B')) {
        // B is already B flat; a "Bb" typed out of habit means the same note, not B double flat.
        const qsizetype length = rest.size() > 1 && isFlat(rest[1]) ? 2 : 1;
        return NoteRead{length, QStringLiteral("Bb")};
    }
    qsizetype length = 1;
    const QString ending = germanEnding(rest, first, length);
    const QString letter = first == QLatin1Char('H') ? QStringLiteral("B") : QString(first);
    return NoteRead{length, letter + ending};
}

std::optional<NoteRead> readSolfege(QStringView rest)
{
    for (const SolfegeName &note : kSolfege) {
        const QStringView name(note.name);
        if (rest.startsWith(name, Qt::CaseInsensitive))
            return NoteRead{name.size(), QString(QLatin1Char(note.letter))};
    }
    return std::nullopt;
}

bool isLetterNote(QChar c)
{
    return c >= QLatin1Char('A') && c <= QLatin1Char('G');
}

QString showGerman(QStringView rest, qsizetype &length)
{
    length = 1;
    if (rest.front() != QLatin1Char('B'))
        return QString(rest.front());
    if (rest.size() > 1 && isFlat(rest[1])) {
        length = 2;
        return QStringLiteral("B");
    }
    return QStringLiteral("H");
}

QString showSolfege(QChar letter)
{
    for (const SolfegeName &note : kSolfege) {
        if (QLatin1Char(note.letter) == letter)
            return QString::fromUtf16(note.name);
    }
    return QString(letter);
}

} // namespace

NoteNaming noteNamingFromWord(const QString &word)
{
    if (word == QLatin1String("german"))
        return NoteNaming::German;
    if (word == QLatin1String("solfege"))
        return NoteNaming::Solfege;
    return NoteNaming::Letters;
}

NoteNaming interfaceNoteNaming()
{
    return noteNamingFromWord(QCoreApplication::translate(
        "aiband::NoteNames", "letters",
        "How musicians of this language name notes, one of three English words: letters (C D E F G A B), "
        "german (H is B natural, B is B flat) or solfege (Do Re Mi Fa Sol La Si)"));
}

QString chordsToStandard(const QString &text, NoteNaming naming)
{
    if (naming == NoteNaming::Letters)
        return text;
    QString standard;
    standard.reserve(text.size() + 8);
    for (qsizetype i = 0; i < text.size();) {
        std::optional<NoteRead> note;
        if (startsChord(text, i)) {
            const QStringView rest = QStringView(text).mid(i);
            note = naming == NoteNaming::German ? readGerman(rest) : readSolfege(rest);
        }
        if (!note) {
            standard.append(text[i++]);
            continue;
        }
        standard.append(note->letters);
        i += note->length;
    }
    return standard;
}

QString chordsFromStandard(const QString &text, NoteNaming naming)
{
    if (naming == NoteNaming::Letters)
        return text;
    QString shown;
    shown.reserve(text.size() + 8);
    for (qsizetype i = 0; i < text.size();) {
        const QStringView rest = QStringView(text).mid(i);
        if (!startsChord(text, i) || !isLetterNote(rest.front())) {
            shown.append(text[i++]);
            continue;
        }
        qsizetype length = 1;
        shown.append(naming == NoteNaming::German ? showGerman(rest, length) : showSolfege(rest.front()));
        i += length;
    }
    return shown;
}

QStringList shownChords(const QStringList &symbols)
{
    const NoteNaming naming = interfaceNoteNaming();
    QStringList shown;
    shown.reserve(symbols.size());
    for (const QString &symbol : symbols)
        shown.append(chordsFromStandard(symbol, naming));
    return shown;
}

} // namespace aiband
