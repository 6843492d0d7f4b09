#include "TryItErrorText.h"

#include <QRegularExpression>

namespace aiband {
namespace {

QString fieldName(const Error &error)
{
    static const QString progression = QStringLiteral("chord_progression.");
    return error.field.startsWith(progression) ? error.field.mid(progression.size()) : error.field;
}

// The first match of `pattern` in the core's message: its captures, or nothing.
QStringList captures(const Error &error, const char *pattern)
{
    const QRegularExpressionMatch match = QRegularExpression(QString::fromLatin1(pattern)).match(error.message);
    return match.hasMatch() ? match.capturedTexts() : QStringList();
}

} // namespace

QString TryItErrorText::control(const Error &error)
{
    const QString field = fieldName(error);
    if (field == QLatin1String("chords"))
        return QStringLiteral("chords");
    if (field == QLatin1String("bars") || field == QLatin1String("duration"))
        return QStringLiteral("length");
    if (field == QLatin1String("key") || field == QLatin1String("seed"))
        return field;
    if (field.startsWith(QLatin1String("track_types")))
        return QStringLiteral("parts");
    return {};
}

QString TryItErrorText::text(const Error &error, NoteNaming naming)
{
    const QString field = fieldName(error);
    if (field == QLatin1String("chords"))
        return chordsText(error, naming);
    if (!field.isEmpty())
        return fieldText(error, field);
    return refusalText(error);
}

// The chord sheet's errors, told apart by the core's wording (one code covers several).
QString TryItErrorText::chordsText(const Error &error, NoteNaming naming)
{
    if (const QStringList c = captures(error, R"re(^chord "(.*)" cannot be read.*\(chord (\d+) of the sheet, bar (\d+)\)$)re");
        !c.isEmpty())
        return tr("Chord %1 (bar %2) cannot be read: “%3”.").arg(c[2], c[3], chordsFromStandard(c[1], naming));
    if (const QStringList c = captures(error, R"re(^bar (\d+) of .* is empty)re"); !c.isEmpty())
        return tr("Bar %1 is empty; write N.C. for a bar without chords.").arg(c[1]);
    if (error.message.startsWith(QLatin1String("the chord sheet is empty")))
        return tr("Type the chords first, e.g. %1.").arg(chordsFromStandard(QStringLiteral("C Am F G"), naming));
    if (error.message.startsWith(QLatin1String("%: there is no previous bar")))
        return tr("% repeats the bar before it, and the first bar has none.");
    if (const QStringList c = captures(error, R"re(^at most (\d+) chords per request)re"); !c.isEmpty())
        return tr("At most %1 chords per take.").arg(c[1]);
    if (const QStringList c = captures(error, R"re(at most (\d+) bars \(\d+ beats\) per request)re"); !c.isEmpty())
        return tr("At most %1 bars per take.").arg(c[1]);
    if (error.message.startsWith(QLatin1String("these chords give the asked parts nothing to play")))
        return tr("These chords give the chosen parts nothing to play: every chord is N.C., or too short for a note.");
    return error.message;
}

QString TryItErrorText::fieldText(const Error &error, const QString &field)
{
    if (field == QLatin1String("duration"))
        return tr("That many choruses make the song longer than one take may be; choose fewer.");
    if (field == QLatin1String("bars"))
        return tr("That many bars make the song longer than one take may be; choose fewer.");
    if (field == QLatin1String("seed"))
        return tr("The seed is a whole number from 0 to 4294967295; leave it empty for a random one.");
    if (field.startsWith(QLatin1String("track_types")))
        return tr("Choose at least one part.");
    return error.message;
}

// A generation the band would not take or could not finish.
QString TryItErrorText::refusalText(const Error &error)
{
    const QString &code = error.code;
    if (code == QLatin1String("busy"))
        return tr("The band is busy with other takes; try again in a moment.");
    if (code == QLatin1String("rate_limited"))
        return tr("Takes were asked for faster than the band allows; try again in a moment.");
    if (code == QLatin1String("insufficient_storage"))
        return tr("The files folder is full: free some disk space, then try again.");
    if (code == QLatin1String("write_failed"))
        return tr("The take could not be saved in the files folder.");
    if (code == QLatin1String("timeout"))
        return tr("The take took too long and was given up.");
    if (code == QLatin1String("shutting_down"))
        return tr("The band is stopping and takes no new takes.");
    return error.message;
}

} // namespace aiband
