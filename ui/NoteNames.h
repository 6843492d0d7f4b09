#pragma once

#include <QString>
#include <QStringList>

namespace aiband {

// How a language names the notes. The API always speaks letters (C D E F G A B, with # and b);
// a German musician writes H for B natural and B for B flat, a Spanish or Italian one Do Re Mi.
enum class NoteNaming {
    Letters,   // C D E F G A B
    German,    // C D E F G A H, B = B flat; Cis/Es/As/Fis... also read
    Solfege,   // Do Re Mi Fa Sol La Si
};

// The naming of the interface's language. The translation of each language says which one it
// uses (context "aiband::NoteNames"), so the setting that picks the language picks this too:
// a German "B" is B flat only when the window speaks German.
NoteNaming interfaceNoteNaming();

// "letters", "german" or "solfege" (what the translations write); anything else is Letters.
NoteNaming noteNamingFromWord(const QString &word);

// A chord sheet (or one chord, or a key) written in `naming`, in the letters the API reads:
// German "H7 | B | Es" is "B7 | Bb | Eb", Spanish "Do Re- Mi" is "C D- E". Only a note name that
// starts a chord or follows its slash is rewritten; everything else stays as typed, so the
// parser's own errors still name the rest. Letters that are not the language's names pass
// through ("Am" in Spanish), but where a language's name matches, it wins: in solfège "Fadd9"
// is Fa + "dd9", as a Spanish musician would read it (F add9 is "Faadd9").
QString chordsToStandard(const QString &text, NoteNaming naming);

// Letters back into `naming`, for showing chords and keys: German "Bb" is "B" and "B" is "H",
// Spanish "F#m7" is "Fa#m7". Accidentals stay # and b as the API wrote them.
QString chordsFromStandard(const QString &text, NoteNaming naming);

// Chord symbols as the window shows them: in the interface language's note names (piano rolls,
// the Files tab's Chords column, take titles).
QStringList shownChords(const QStringList &symbols);

} // namespace aiband
