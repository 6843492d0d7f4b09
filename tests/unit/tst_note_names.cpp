// Note names in the user's language (ui/NoteNames): German H and B, Spanish and Italian solfège,
// read into the letters the API speaks and shown back, as tables; and the naming chosen by the
// interface's language alone.

#include "LanguageLoader.h"
#include "NoteNames.h"
#include "music/ChordSheet.h"

#include <QTest>

using namespace aiband;

Q_DECLARE_METATYPE(aiband::NoteNaming)

class TestNoteNames : public QObject {
    Q_OBJECT

private slots:
    void readsTheLanguagesNames_data()
    {
        QTest::addColumn<NoteNaming>("naming");
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("standard");
        const auto de = NoteNaming::German;
        const auto es = NoteNaming::Solfege;
        const auto en = NoteNaming::Letters;
        QTest::newRow("de H7") << de << "H7" << "B7";
        QTest::newRow("de B is B flat") << de << "B" << "Bb";
        QTest::newRow("de B7") << de << "B7" << "Bb7";
        QTest::newRow("de Hm7") << de << "Hm7" << "Bm7";
        QTest::newRow("de Bb typed out of habit") << de << "Bb Bbmaj7" << "Bb Bbmaj7";
        QTest::newRow("de B♭") << de << "B♭" << "Bb";
        QTest::newRow("de bars") << de << "Hm7 | B7 | Es | As" << "Bm7 | Bb7 | Eb | Ab";
        QTest::newRow("de is/es") << de << "Fis Cism7 Des Ges7 His Hes" << "F# C#m7 Db Gb7 B# Bb";
        QTest::newRow("de sus is not es") << de << "Esus4 Asus2 Es7sus4" << "Esus4 Asus2 Eb7sus4";
        QTest::newRow("de slash bass") << de << "C/H G/Fis Es/B" << "C/B G/F# Eb/Bb";
        QTest::newRow("de dashes") << de << "C-H-Es" << "C-B-Eb";
        QTest::newRow("de minor dash, six-nine") << de << "C-7 F6/9 H-" << "C-7 F6/9 B-";
        QTest::newRow("de letters stay") << de << "C Am F G" << "C Am F G";
        QTest::newRow("de N.C. and repeats") << de << "N.C. | % | H" << "N.C. | % | B";
        QTest::newRow("es Do Re- Mi") << es << "Do Re- Mi" << "C D- E";
        QTest::newRow("es dashes") << es << "Do-Lam-Fa-Sol" << "C-Am-F-G";
        QTest::newRow("es accidentals") << es << "Sib7 | Fa#m7b5 | Mi♭maj7 | Do♯" << "Bb7 | F#m7b5 | E♭maj7 | C♯";
        QTest::newRow("es slash bass") << es << "Re/Fa# Lam/Sol" << "D/F# Am/G";
        QTest::newRow("es any case") << es << "sol7 DO la" << "G7 C A";
        QTest::newRow("es Si") << es << "Si Sim Sib" << "B Bm Bb";
        QTest::newRow("es N.C.") << es << "N.C. | Do" << "N.C. | C";
        QTest::newRow("en H is not a note") << en << "H7 Do" << "H7 Do";
        QTest::newRow("en unchanged") << en << "Bb | B" << "Bb | B";
    }
    void readsTheLanguagesNames()
    {
        QFETCH(NoteNaming, naming);
        QFETCH(QString, typed);
        QFETCH(QString, standard);
        QCOMPARE(chordsToStandard(typed, naming), standard);
    }

    void showsChordsInTheLanguagesNames_data()
    {
        QTest::addColumn<NoteNaming>("naming");
        QTest::addColumn<QString>("standard");
        QTest::addColumn<QString>("shown");
        const auto de = NoteNaming::German;
        const auto es = NoteNaming::Solfege;
        QTest::newRow("de B flat") << de << "Bb7 Bbm" << "B7 Bm";
        QTest::newRow("de B natural") << de << "B Bm7b5" << "H Hm7b5";
        QTest::newRow("de slash") << de << "F#m7/B G/Bb" << "F#m7/H G/B";
        QTest::newRow("de others") << de << "C | Am | F G" << "C | Am | F G";
        QTest::newRow("es") << es << "C Am F G" << "Do Lam Fa Sol";
        QTest::newRow("es accidentals") << es << "Bb7 | F#m | Eb" << "Sib7 | Fa#m | Mib";
        QTest::newRow("es slash, N.C.") << es << "D/F# N.C." << "Re/Fa# N.C.";
        QTest::newRow("en") << NoteNaming::Letters << "Bb B" << "Bb B";
    }
    void showsChordsInTheLanguagesNames()
    {
        QFETCH(NoteNaming, naming);
        QFETCH(QString, standard);
        QFETCH(QString, shown);
        QCOMPARE(chordsFromStandard(standard, naming), shown);
    }

    // Every root and slash bass the API writes comes back to itself through each language.
    void everyNoteSurvivesTheRoundTrip()
    {
        const QStringList roots{"C", "C#", "Db", "D", "D#", "Eb", "E", "F", "F#", "Gb", "G", "G#", "Ab", "A", "A#", "Bb", "B"};
        for (const NoteNaming naming : {NoteNaming::German, NoteNaming::Solfege}) {
            for (const QString &root : roots) {
                for (const QString &chord : {root, root + "m7", root + "sus4", root + "7/" + root, root + "-7"}) {
                    const QString shown = chordsFromStandard(chord, naming);
                    QCOMPARE(chordsToStandard(shown, naming), chord);
                }
            }
        }
        // And the sheet they make is one the parser reads, the same chords as written in letters.
        const QString german = QStringLiteral("H7 | Es | B | Fis-");
        const auto read = parseChordSheet(chordsToStandard(german, NoteNaming::German), 4.0);
        QVERIFY(read.ok());
        QCOMPARE(read->at(0).chord.rootName, QStringLiteral("B"));
        QCOMPARE(read->at(1).chord.rootName, QStringLiteral("Eb"));
        QCOMPARE(read->at(2).chord.rootName, QStringLiteral("Bb"));
        QCOMPARE(read->at(3).chord.rootName, QStringLiteral("F#"));
    }

    // The language setting alone decides: a German "B" is B flat only in German.
    void theInterfaceLanguageChoosesTheNaming()
    {
        QCOMPARE(noteNamingFromWord(QStringLiteral("german")), NoteNaming::German);
        QCOMPARE(noteNamingFromWord(QStringLiteral("solfege")), NoteNaming::Solfege);
        QCOMPARE(noteNamingFromWord(QStringLiteral("Deutsch")), NoteNaming::Letters);
        QCOMPARE(LanguageLoader::install(QStringLiteral("de")), QStringLiteral("de"));
        QCOMPARE(interfaceNoteNaming(), NoteNaming::German);
        QCOMPARE(LanguageLoader::install(QStringLiteral("es")), QStringLiteral("es"));
        QCOMPARE(interfaceNoteNaming(), NoteNaming::Solfege);
        QCOMPARE(LanguageLoader::install(QStringLiteral("en")), QStringLiteral("en"));
        QCOMPARE(interfaceNoteNaming(), NoteNaming::Letters);
    }
};

QTEST_GUILESS_MAIN(TestNoteNames)
#include "tst_note_names.moc"
