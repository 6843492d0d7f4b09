#include "StyleTitle.h"

#include "music/StyleLibrary.h"

#include <QCoreApplication>

namespace aiband {
namespace {

// The titles of the styles in resources/styles, so lupdate finds them: they live in JSON, which
// it cannot read. tst_translations fails when a built-in style's title is missing here (that is,
// has no translation).
[[maybe_unused]] constexpr const char *kBuiltInTitles[] = {
    QT_TRANSLATE_NOOP("aiband::StyleTitle", "6/8 ballad"),
    QT_TRANSLATE_NOOP("aiband::StyleTitle", "Blues shuffle"),
    QT_TRANSLATE_NOOP("aiband::StyleTitle", "Bossa nova"),
    QT_TRANSLATE_NOOP("aiband::StyleTitle", "Country train beat"),
    QT_TRANSLATE_NOOP("aiband::StyleTitle", "Disco"),
    QT_TRANSLATE_NOOP("aiband::StyleTitle", "Funk"),
    QT_TRANSLATE_NOOP("aiband::StyleTitle", "Hip-hop (boom-bap)"),
    QT_TRANSLATE_NOOP("aiband::StyleTitle", "Jazz ballad"),
    QT_TRANSLATE_NOOP("aiband::StyleTitle", "Jazz swing"),
    QT_TRANSLATE_NOOP("aiband::StyleTitle", "Metal (double kick)"),
    QT_TRANSLATE_NOOP("aiband::StyleTitle", "Pop"),
    QT_TRANSLATE_NOOP("aiband::StyleTitle", "Reggae"),
    QT_TRANSLATE_NOOP("aiband::StyleTitle", "Rock"),
    QT_TRANSLATE_NOOP("aiband::StyleTitle", "Salsa"),
    QT_TRANSLATE_NOOP("aiband::StyleTitle", "Samba"),
    QT_TRANSLATE_NOOP("aiband::StyleTitle", "Waltz"),
};

// The descriptions, for the same reason. A user's style shows the description its file gives.
[[maybe_unused]] constexpr const char *kBuiltInDescriptions[] = {
    QT_TRANSLATE_NOOP("aiband::StyleDescription",
                      "A slow 6/8: kick on 1, snare on 4, eighth-note hats, rolling piano eighths over a root-fifth-octave bass."),
    QT_TRANSLATE_NOOP("aiband::StyleDescription",
                      "A triplet shuffle: swung hats, backbeat, boogie bass line climbing the chord, piano answering on the offbeats."),
    QT_TRANSLATE_NOOP("aiband::StyleDescription",
                      "Cross-stick pattern, surdo-like kick on 1 and the 'a' of 2, shaker eighths, root-fifth bass, nylon-guitar comping."),
    QT_TRANSLATE_NOOP("aiband::StyleDescription",
                      "Train beat on the snare with accents on 2 and 4, boom-chick root-fifth bass, piano on the backbeats."),
    QT_TRANSLATE_NOOP("aiband::StyleDescription",
                      "Four on the floor, open hats on the offbeats, octave bass, offbeat chord stabs."),
    QT_TRANSLATE_NOOP("aiband::StyleDescription",
                      "Sixteenth-note hats, syncopated kick, ghost notes on the snare, a bass on every kick hit with dead notes and octaves between, clavinet stabs."),
    QT_TRANSLATE_NOOP("aiband::StyleDescription",
                      "Boom-bap: a heavy kick with a late second hit, cracking snare on 2 and 4, lazily swung sixteenth hats, bass on the kick, sparse electric piano."),
    QT_TRANSLATE_NOOP("aiband::StyleDescription",
                      "Brushes and soft ride, a two-feel bass (root and fifth in half notes), spread piano voicings held through the changes."),
    QT_TRANSLATE_NOOP("aiband::StyleDescription",
                      "Ride cymbal spang-a-lang, hi-hat on 2 and 4, feathered kick, a walking bass line with approach notes, shell-voiced piano comping."),
    QT_TRANSLATE_NOOP("aiband::StyleDescription",
                      "Sixteenth-note double kick, snare on 2 and 4, ride and china, chugging picked bass on the kick, a held synth pad."),
    QT_TRANSLATE_NOOP("aiband::StyleDescription",
                      "A light backbeat with sixteenth-note hats, bass following the kick, piano pulsing in eighths."),
    QT_TRANSLATE_NOOP("aiband::StyleDescription",
                      "Rockers beat: kick on 1 and 3, cross-stick on 2 and 4, a melodic bass leaving space, organ skank on every offbeat."),
    QT_TRANSLATE_NOOP("aiband::StyleDescription",
                      "Straight eighths on the hats, kick on 1 and 3 with pushes, snare on 2 and 4, bass locked to the kick, organ holding the changes."),
    QT_TRANSLATE_NOOP("aiband::StyleDescription",
                      "Cowbell on the beat, son clave, conga tumbao, a bass that pushes toward the next chord, syncopated piano montuno."),
    QT_TRANSLATE_NOOP("aiband::StyleDescription",
                      "Surdo kick on every beat with its pick-up, partido-alto rim pattern, sixteenth shaker, bouncing root-fifth bass."),
    QT_TRANSLATE_NOOP("aiband::StyleDescription",
                      "Oom-pah-pah: bass and kick on 1, cross-stick and chords on 2 and 3."),
};

} // namespace

QString styleTitle(const StyleLibrary &styles, const QString &name)
{
    const Style *style = styles.find(name);
    if (!style || style->title.isEmpty())
        return name;
    // A title without a translation (a user's style) comes back as written.
    return QCoreApplication::translate(kStyleTitleContext, style->title.toUtf8().constData());
}

QString styleDescription(const StyleLibrary &styles, const QString &name)
{
    const Style *style = styles.find(name);
    if (!style)
        return {};
    return QCoreApplication::translate(kStyleDescriptionContext, style->description.toUtf8().constData());
}

} // namespace aiband
