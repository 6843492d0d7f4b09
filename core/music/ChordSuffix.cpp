#include "ChordSuffix.h"

#include "Chord.h"

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <utility>

// The suffix grammar, informally (docs/CHORDS.md has every spelling):
//
//   suffix   := head? number? modifier*          parentheses and commas may group modifiers
//   head     := "5" | "ø" | dim | aug | major | "Δ" | minor
//   number   := "6" ("9" | "/9")? | "7" | "9" | "11" | "13" | major-seventh (after minor, dim, aug)
//   modifier := alteration | "alt" | "sus" ("2"|"4")? | "add" degree | ("no"|"omit") ("3"|"5")
//               | "6" | "9" | "11" | "13" (inside parentheses: tones added to the chord)
//
// The reader turns these into a ChordSpec and the spec into intervals. It never guesses: the
// first character it cannot place is the error's position.

namespace aiband {
namespace {

enum class Third { Major, Minor, Sus2, Sus4, None };

// The word right after the root; it decides what a following number means.
enum class Head { None, Major, Triangle, Minor, Diminished, HalfDiminished, Augmented, Power };

enum class Token { NotFound, Read, Failed };

// A tone the symbol adds by name ("add9", a "(13)" tension), kept with where it was written
// so that a tone the chord already has can be reported there.
struct Addition {
    int interval;
    qsizetype position;
    QString text;
};

// What the suffix says, before it becomes intervals.
struct ChordSpec {
    Head head = Head::None;
    Third third = Third::Major;
    int headFifth = 7;          // the fifth the head implies: 6 for dim and ø, 8 for aug
    int seventh = 0;            // 0 none, 9 diminished, 10 minor, 11 major
    int extension = 0;          // highest stacked natural extension: 0, 9, 11 or 13
    bool sixth = false;
    bool alt = false;
    qsizetype noFifthAt = -1;   // where "no5" was written, -1 when it was not
    qsizetype omissionAt = -1;  // where the last "no3"/"no5" was written
    QList<int> alterations{};   // written ones, compound: b5=6 #5=8 b9=13 #9=15 #11=18 b13=20
    QList<Addition> additions{};
};

constexpr int kFlatFive = 6;
constexpr int kSharpFive = 8;
constexpr int kFlatNine = 13;
constexpr int kNine = 14;
constexpr int kSharpNine = 15;
constexpr int kEleven = 17;
constexpr int kSharpEleven = 18;
constexpr int kFlatThirteen = 20;
constexpr int kThirteen = 21;

bool isFifthAlteration(int semitones)
{
    return semitones == kFlatFive || semitones == kSharpFive;
}

// Alteration of `degree` by `accidental` (-1 or +1) in compound semitones; nullopt when it is
// not one of b5 #5 b9 #9 #11 b13 (b6 and #4 are read as their compound twins b13 and #11).
std::optional<int> alterationSemitones(int accidental, int degree)
{
    if (accidental < 0) {
        switch (degree) {
        case 5: return kFlatFive;
        case 6: case 13: return kFlatThirteen;
        case 9: return kFlatNine;
        default: return std::nullopt;
        }
    }
    switch (degree) {
    case 5: return kSharpFive;
    case 9: return kSharpNine;
    case 4: case 11: return kSharpEleven;
    default: return std::nullopt;
    }
}

// "add2" is the second inside the octave, "add9" the ninth above it: they voice differently.
int addedInterval(int degree)
{
    switch (degree) {
    case 2: return 2;
    case 4: return 5;
    case 6: return 9;
    case 9: return kNine;
    case 11: return kEleven;
    default: return kThirteen;
    }
}

int accidentalOf(QChar c)
{
    if (c == QLatin1Char('b') || c == QChar(0x266D) || c == QLatin1Char('-'))
        return -1;
    if (c == QLatin1Char('#') || c == QChar(0x266F) || c == QLatin1Char('+'))
        return 1;
    return 0;
}

class SuffixReader {
public:
    SuffixReader(const QString &symbol, qsizetype begin, qsizetype end)
        : m_symbol(symbol), m_pos(begin), m_end(end) {}

    Result<QList<int>> read();

private:
    QStringView rest() const { return QStringView(m_symbol).mid(m_pos, m_end - m_pos); }
    bool atEnd() const { return m_pos >= m_end; }
    QChar peek(qsizetype ahead = 0) const
    {
        return m_pos + ahead < m_end ? m_symbol.at(m_pos + ahead) : QChar();
    }
    bool take(QStringView word, Qt::CaseSensitivity cs = Qt::CaseSensitive);
    bool takeWord(QStringView word, Qt::CaseSensitivity cs = Qt::CaseSensitive);
    bool takeTriangle();
    std::optional<int> takeNumber(std::initializer_list<int> allowed);
    Token fail(qsizetype position, const QString &why);
    QString writtenSince(qsizetype start) const { return m_symbol.mid(start, m_pos - start); }

    void readHead();
    bool readGrouping();
    Token readNumber();
    Token readMajorSeventh();
    Token readModifier();
    Token readAlt(qsizetype start);
    Token readSus(qsizetype start);
    Token readAdd(qsizetype start);
    Token readOmission(qsizetype start);
    Token readAlteration(qsizetype start);
    Token readTension(qsizetype start);
    Token readStraySlash(qsizetype start);
    Token addAlteration(qsizetype start, int semitones);
    Result<QList<int>> intervals() const;

    const QString &m_symbol;
    qsizetype m_pos;
    qsizetype m_end;
    QList<qsizetype> m_openParentheses;
    std::optional<Error> m_error;
    ChordSpec m_spec;
};

bool SuffixReader::take(QStringView word, Qt::CaseSensitivity cs)
{
    if (!rest().startsWith(word, cs))
        return false;
    m_pos += word.size();
    return true;
}

// Like take(), for words that would otherwise swallow the start of the next one: "o" must not
// eat "omit", "ma" must not eat the "m" of "madd9".
bool SuffixReader::takeWord(QStringView word, Qt::CaseSensitivity cs)
{
    if (!rest().startsWith(word, cs) || peek(word.size()).isLetter())
        return false;
    m_pos += word.size();
    return true;
}

// The major-seventh triangle: Greek delta, the increment sign and the white triangle all look
// alike in chord fonts, so people type any of them; "^" is the ASCII stand-in.
bool SuffixReader::takeTriangle()
{
    return take(u"\u0394") || take(u"\u2206") || take(u"\u25B3") || take(u"^");
}

std::optional<int> SuffixReader::takeNumber(std::initializer_list<int> allowed)
{
    // Two-digit numbers first, so "13" is not read as "1". Spelled as literals: formatting each
    // candidate with QString::number allocated a string per try.
    static constexpr std::pair<int, const char16_t *> kNumbers[]{
        {13, u"13"}, {11, u"11"}, {9, u"9"}, {7, u"7"}, {6, u"6"}, {5, u"5"}, {4, u"4"}, {3, u"3"}, {2, u"2"}};
    for (const auto &[number, text] : kNumbers) {
        if (std::find(allowed.begin(), allowed.end(), number) != allowed.end() && take(QStringView(text)))
            return number;
    }
    return std::nullopt;
}

Token SuffixReader::fail(qsizetype position, const QString &why)
{
    if (!m_error)
        m_error = chordSymbolError(m_symbol, position, why);
    return Token::Failed;
}

Result<QList<int>> SuffixReader::read()
{
    readHead();
    bool numberAllowed = m_spec.head != Head::Power;
    while (!atEnd() && !m_error) {
        const qsizetype start = m_pos;
        if (readGrouping())
            continue;
        // Inside parentheses a number is a tension ("C(9)" is Cadd9); only a major seventh, as
        // in "m(maj7)", still names the chord's seventh there.
        Token token = Token::NotFound;
        if (numberAllowed)
            token = m_openParentheses.isEmpty() ? readNumber() : readMajorSeventh();
        numberAllowed = false;
        if (token == Token::NotFound)
            token = readModifier();
        if (token == Token::NotFound)
            fail(start, QStringLiteral("unknown chord quality \"%1\"").arg(rest().toString()));
    }
    if (!m_error && !m_openParentheses.isEmpty())
        fail(m_openParentheses.last(), QStringLiteral("\"(\" is never closed"));
    if (m_error)
        return *m_error;
    return intervals();
}

void SuffixReader::readHead()
{
    ChordSpec &s = m_spec;
    if (take(u"5")) {
        s.head = Head::Power;
        s.third = Third::None;
    } else if (take(u"ø") || take(u"Ø")) {
        s = {.head = Head::HalfDiminished, .third = Third::Minor, .headFifth = kFlatFive, .seventh = 10};
    } else if (take(u"dim", Qt::CaseInsensitive) || take(u"°") || takeWord(u"o")) {
        s = {.head = Head::Diminished, .third = Third::Minor, .headFifth = kFlatFive};
    } else if (take(u"aug", Qt::CaseInsensitive) || take(u"+")) {
        s = {.head = Head::Augmented, .third = Third::Major, .headFifth = kSharpFive};
        if (peek() == QLatin1Char('5') && !peek(1).isDigit())
            take(u"5"); // "C+5", the older spelling of "Caug"
    } else if (take(u"maj", Qt::CaseInsensitive) || takeWord(u"ma", Qt::CaseInsensitive)) {
        s.head = Head::Major;
    } else if (take(u"min", Qt::CaseInsensitive) || take(u"mi", Qt::CaseInsensitive)) {
        s.head = Head::Minor; // before "M": "MI7" and "Mi7" are minor in Berklee spelling
        s.third = Third::Minor;
    } else if (take(u"M")) {
        s.head = Head::Major;
    } else if (takeTriangle()) {
        s.head = Head::Triangle; // the triangle alone is a major seventh chord
        s.seventh = 11;
    } else if (take(u"m") || take(u"-")) {
        s.head = Head::Minor;
        s.third = Third::Minor;
    }
}

bool SuffixReader::readGrouping()
{
    const qsizetype start = m_pos;
    if (take(u"(")) {
        m_openParentheses.append(start);
        return true;
    }
    if (take(u")")) {
        if (m_openParentheses.isEmpty())
            fail(start, QStringLiteral("\")\" has no matching \"(\""));
        else
            m_openParentheses.removeLast();
        return true;
    }
    if (!take(u","))
        return false;
    if (m_openParentheses.isEmpty())
        fail(start, QStringLiteral("\",\" separates alterations inside parentheses only, as in \"7(b9,#11)\""));
    return true;
}

// The number right after the head: a sixth, a seventh and how far the chord is stacked, or
// (after minor, dim and aug) a major seventh.
Token SuffixReader::readNumber()
{
    ChordSpec &s = m_spec;
    if (s.head == Head::Power)
        return Token::NotFound;
    if (const Token major = readMajorSeventh(); major != Token::NotFound)
        return major;
    const bool sixthAllowed = s.head == Head::None || s.head == Head::Major || s.head == Head::Minor;
    if (sixthAllowed && take(u"6")) {
        s.sixth = true;
        const qsizetype nine = m_pos;
        if (take(u"/9") || take(u"9"))
            s.additions.append({kNine, nine, QStringLiteral("6/9")});
        return Token::Read;
    }
    if (s.head == Head::Diminished) {
        if (!take(u"7"))
            return Token::NotFound;
        s.seventh = 9;
        return Token::Read;
    }
    const auto number = takeNumber({7, 9, 11, 13});
    if (!number)
        return Token::NotFound;
    if (s.seventh == 0)
        s.seventh = s.head == Head::Major ? 11 : 10;
    s.extension = *number > 7 ? *number : 0;
    return Token::Read;
}

// "maj7", "M7", "Δ", "Δ9", "(maj7)", "/maj7", "#7": a major seventh after a minor, dim or
// aug head.
Token SuffixReader::readMajorSeventh()
{
    const Head head = m_spec.head;
    if (head != Head::Minor && head != Head::Diminished && head != Head::Augmented)
        return Token::NotFound;
    const qsizetype start = m_pos;
    if (m_spec.head == Head::Minor && (take(u"#7") || take(u"+7") || take(u"♯7"))) {
        m_spec.seventh = 11;
        return Token::Read;
    }
    if (m_spec.head == Head::Minor)
        take(u"/");
    const bool triangle = takeTriangle();
    if (!triangle && !take(u"maj", Qt::CaseInsensitive) && !take(u"ma", Qt::CaseInsensitive)
        && !take(u"M")) {
        m_pos = start;
        return Token::NotFound;
    }
    const auto number = takeNumber({7, 9, 11, 13});
    if (!number && !triangle) {
        m_pos = start;
        return Token::NotFound;
    }
    m_spec.seventh = 11;
    m_spec.extension = number.value_or(7) > 7 ? *number : 0;
    return Token::Read;
}

Token SuffixReader::readModifier()
{
    const qsizetype start = m_pos;
    if (take(u"alt", Qt::CaseInsensitive))
        return readAlt(start);
    if (take(u"sus", Qt::CaseInsensitive))
        return readSus(start);
    if (take(u"add", Qt::CaseInsensitive))
        return readAdd(start);
    if (take(u"omit", Qt::CaseInsensitive) || take(u"no", Qt::CaseInsensitive))
        return readOmission(start);
    if (accidentalOf(peek()) != 0)
        return readAlteration(start);
    if (!m_openParentheses.isEmpty() && peek().isDigit())
        return readTension(start);
    if (peek() == QLatin1Char('/'))
        return readStraySlash(start);
    return Token::NotFound;
}

Token SuffixReader::readAlt(qsizetype start)
{
    ChordSpec &s = m_spec;
    const bool seven = take(u"7");
    if (s.alt)
        return fail(start, QStringLiteral("\"alt\" given twice"));
    if (s.third != Third::Major || s.head != Head::None || (s.seventh != 0 && s.seventh != 10)
        || (seven && s.seventh != 0))
        return fail(start, QStringLiteral("\"%1\" needs a plain dominant seventh chord, as in "
                                          "\"7alt\"").arg(writtenSince(start)));
    for (int semitones : {kFlatNine, kSharpNine, kFlatThirteen}) {
        if (s.alterations.contains(semitones))
            return fail(start, QStringLiteral("\"alt\" already includes b9, #9 and b13"));
    }
    s.seventh = 10;
    s.alt = true;
    return Token::Read;
}

Token SuffixReader::readSus(qsizetype start)
{
    ChordSpec &s = m_spec;
    const auto number = takeNumber({2, 4});
    const QString written = writtenSince(start);
    if (s.third == Third::Sus2 || s.third == Third::Sus4)
        return fail(start, QStringLiteral("\"%1\": the chord is already suspended").arg(written));
    if (s.third == Third::Minor)
        return fail(start, QStringLiteral("\"%1\" replaces the third, so it cannot follow a minor "
                                          "chord").arg(written));
    if (s.third == Third::None)
        return fail(start, QStringLiteral("\"%1\": the chord has no third to suspend").arg(written));
    s.third = number == 2 ? Third::Sus2 : Third::Sus4;
    return Token::Read;
}

Token SuffixReader::readAdd(qsizetype start)
{
    if (accidentalOf(peek()) != 0 && peek(1).isDigit())
        return readAlteration(start); // "add#11" is the alteration #11
    const auto degree = takeNumber({2, 4, 6, 9, 11, 13});
    if (!degree)
        return fail(m_pos, QStringLiteral("\"add\" must be followed by 2, 4, 6, 9, 11 or 13, or an "
                                          "alteration such as b9"));
    m_spec.additions.append({addedInterval(*degree), start, writtenSince(start)});
    return Token::Read;
}

Token SuffixReader::readOmission(qsizetype start)
{
    ChordSpec &s = m_spec;
    const auto degree = takeNumber({3, 5});
    const QString written = writtenSince(start);
    if (!degree)
        return fail(m_pos, QStringLiteral("\"%1\" must be followed by 3 or 5").arg(written));
    s.omissionAt = start;
    if (*degree == 3) {
        if (s.third != Third::Major && s.third != Third::Minor)
            return fail(start, QStringLiteral("\"%1\": the chord has no third to leave out").arg(written));
        s.third = Third::None;
        return Token::Read;
    }
    if (s.noFifthAt >= 0)
        return fail(start, QStringLiteral("\"%1\" given twice").arg(written));
    s.noFifthAt = start;
    return Token::Read;
}

Token SuffixReader::readAlteration(qsizetype start)
{
    const int accidental = accidentalOf(peek());
    const qsizetype accidentalAt = m_pos;
    ++m_pos;
    const auto degree = takeNumber({13, 11, 9, 7, 6, 5, 4, 3, 2});
    if (!degree) {
        // A "+" on its own after a number raises the fifth: "7+" is "7#5".
        if (accidental > 0 && m_symbol.at(accidentalAt) == QLatin1Char('+'))
            return addAlteration(start, kSharpFive);
        m_pos = accidentalAt;
        return Token::NotFound;
    }
    const auto semitones = alterationSemitones(accidental, *degree);
    if (!semitones)
        return fail(start, QStringLiteral("\"%1\" is not an alteration this grammar knows "
                                          "(b5 #5 b9 #9 #11 b13)").arg(writtenSince(start)));
    return addAlteration(start, *semitones);
}

Token SuffixReader::addAlteration(qsizetype start, int semitones)
{
    ChordSpec &s = m_spec;
    const QString written = writtenSince(start);
    if (s.alterations.contains(semitones))
        return fail(start, QStringLiteral("\"%1\" given twice").arg(written));
    if (s.alt && (semitones == kFlatNine || semitones == kSharpNine || semitones == kFlatThirteen))
        return fail(start, QStringLiteral("\"%1\" is already part of \"alt\"").arg(written));
    if (s.head == Head::Power && isFifthAlteration(semitones))
        return fail(start, QStringLiteral("\"%1\" cannot alter the fifth of a power chord").arg(written));
    s.alterations.append(semitones);
    return Token::Read;
}

// Inside parentheses a bare 6, 9, 11 or 13 is a tone added to the chord: "7(9,13)", "7(6)".
Token SuffixReader::readTension(qsizetype start)
{
    const auto degree = takeNumber({13, 11, 9, 6});
    if (!degree)
        return Token::NotFound;
    m_spec.additions.append({addedInterval(*degree), start, writtenSince(start)});
    return Token::Read;
}

// A "/" the slash-bass rule did not take: what follows is not a note name, or it is a second
// slash bass (polychords are not supported).
Token SuffixReader::readStraySlash(qsizetype start)
{
    if (start + 1 >= m_end)
        return fail(start, QStringLiteral("\"/\" must be followed by a bass note (A to G)"));
    if (const auto note = parseNoteName(QStringView(m_symbol).mid(start + 1, m_end - start - 1)))
        return fail(start, QStringLiteral("\"%1\": only one slash bass is allowed")
                               .arg(m_symbol.mid(start, note->second + 1)));
    return fail(start + 1, QStringLiteral("\"%1\" is not a note name (A to G)").arg(m_symbol.at(start + 1)));
}

Result<QList<int>> SuffixReader::intervals() const
{
    const ChordSpec &s = m_spec;
    QList<int> tones{0};
    switch (s.third) {
    case Third::Major: tones.append(4); break;
    case Third::Minor: tones.append(3); break;
    case Third::Sus2: tones.append(2); break;
    case Third::Sus4: tones.append(5); break;
    case Third::None: break;
    }

    QList<int> fifths;
    if (s.headFifth != 7)
        fifths.append(s.headFifth);
    for (int semitones : s.alterations) {
        if (isFifthAlteration(semitones) && !fifths.contains(semitones))
            fifths.append(semitones);
    }
    if (s.noFifthAt >= 0 && !fifths.isEmpty())
        return chordSymbolError(m_symbol, s.noFifthAt,
                                QStringLiteral("\"no5\": the chord has no perfect fifth to leave out"));
    if (fifths.isEmpty() && s.noFifthAt < 0 && !s.alt)
        fifths.append(7);
    tones.append(fifths);

    if (s.seventh != 0)
        tones.append(s.seventh);
    if (s.sixth)
        tones.append(9);

    QList<int> altered = s.alterations;
    if (s.alt)
        altered.append({kFlatNine, kSharpNine, kFlatThirteen});
    // The number stacks naturals up to itself; an altered degree replaces its natural ("13b9"
    // has b9, not 9). The 11 belongs to a 13 chord only over a minor third: over a major third
    // it clashes, and players leave it out.
    const auto stack = [&](int natural, std::initializer_list<int> alterationsOfDegree) {
        for (int semitones : alterationsOfDegree) {
            if (altered.contains(semitones))
                return;
        }
        tones.append(natural);
    };
    if (s.extension >= 9)
        stack(kNine, {kFlatNine, kSharpNine});
    if (s.extension == 11 || (s.extension == 13 && s.third == Third::Minor))
        stack(kEleven, {kSharpEleven});
    if (s.extension == 13)
        stack(kThirteen, {kFlatThirteen});
    for (int semitones : altered) {
        if (!isFifthAlteration(semitones))
            tones.append(semitones);
    }

    for (const Addition &addition : s.additions) {
        if (tones.contains(addition.interval))
            return chordSymbolError(m_symbol, addition.position,
                                    QStringLiteral("\"%1\" is already in the chord").arg(addition.text));
        tones.append(addition.interval);
    }

    std::sort(tones.begin(), tones.end());
    if (tones.size() < 2)
        return chordSymbolError(m_symbol, s.omissionAt, QStringLiteral("nothing but the root is left"));
    return tones;
}

} // namespace

Error chordSymbolError(const QString &symbol, qsizetype position, const QString &why)
{
    return makeError(QStringLiteral("unknown_chord"),
                     QStringLiteral("chord \"%1\" cannot be read at character %2: %3")
                         .arg(symbol).arg(position + 1).arg(why));
}

Result<QList<int>> parseChordSuffix(const QString &symbol, qsizetype begin, qsizetype end)
{
    return SuffixReader(symbol, begin, end).read();
}

} // namespace aiband
