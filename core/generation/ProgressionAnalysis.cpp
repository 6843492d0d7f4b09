#include "ProgressionAnalysis.h"

#include "music/Theory.h"

#include <QJsonArray>
#include <QSet>

namespace aiband {
namespace {

QJsonArray noteNames(const QList<int> &pitchClasses)
{
    QJsonArray names;
    for (int pc : pitchClasses)
        names.append(pitchClassName(pc));
    return names;
}

QJsonObject describeChord(const ChordEvent &event)
{
    const Chord &chord = event.chord;
    QJsonObject json{{QStringLiteral("symbol"), chord.symbol},
                     {QStringLiteral("canonical"), chord.canonical()},
                     {QStringLiteral("start_beat"), event.startBeat},
                     {QStringLiteral("duration_beats"), event.durationBeats},
                     {QStringLiteral("no_chord"), chord.noChord}};
    if (chord.noChord)
        return json;
    QJsonArray intervals;
    for (int interval : chord.intervals)
        intervals.append(interval);
    json.insert(QStringLiteral("root"), chord.rootName);
    json.insert(QStringLiteral("bass"), chord.bassName.isEmpty() ? chord.rootName : chord.bassName);
    json.insert(QStringLiteral("quality"), chord.quality);
    json.insert(QStringLiteral("intervals"), intervals);
    json.insert(QStringLiteral("tones"), noteNames(chord.pitchClasses()));
    json.insert(QStringLiteral("scale"), noteNames(chord.chordScale()));
    return json;
}

// The key's notes; a minor key also counts its leading tone (harmonic minor), as songs use it.
QSet<int> keyPitchClasses(const Key &key)
{
    QSet<int> classes;
    for (ScaleType scale : key.minor ? QList<ScaleType>{ScaleType::NaturalMinor, ScaleType::HarmonicMinor}
                                     : QList<ScaleType>{ScaleType::Major}) {
        for (int interval : scaleIntervals(scale))
            classes.insert((key.tonic + interval) % 12);
    }
    return classes;
}

} // namespace

QJsonObject describeProgression(const GenerateRequest &request)
{
    const Arrangement &a = request.arrangement;
    const QSet<int> inKey = keyPitchClasses(a.key);
    QJsonArray chords;
    QSet<QString> distinct;
    int slashChords = 0;
    int extended = 0;
    double noChordBeats = 0.0;
    double toneBeats = 0.0;
    double diatonicBeats = 0.0;
    for (const ChordEvent &event : a.chords) {
        chords.append(describeChord(event));
        const Chord &chord = event.chord;
        if (chord.noChord) {
            noChordBeats += event.durationBeats;
            continue;
        }
        distinct.insert(chord.canonical());
        slashChords += chord.bass != chord.root;
        extended += std::any_of(chord.intervals.cbegin(), chord.intervals.cend(), [](int i) { return i > 12; });
        for (int pc : chord.pitchClasses()) {
            toneBeats += event.durationBeats;
            diatonicBeats += inKey.contains(pc) ? event.durationBeats : 0.0;
        }
    }
    const double bars = a.durationBeats / a.timeSignature.beatsPerBar();
    const double diatonicShare = toneBeats > 0 ? diatonicBeats / toneBeats : 1.0;
    const QString keyWords = QStringLiteral("%1 %2").arg(pitchClassName(a.key.tonic),
                                                         a.key.minor ? QStringLiteral("minor") : QStringLiteral("major"));
    QString text = QStringLiteral("%1 chords (%2 different) over %3 bars of %4, in %5%6; %7% of the chord tones are in the key")
                       .arg(a.chords.size()).arg(distinct.size()).arg(bars, 0, 'g', 4).arg(a.timeSignature.name(), keyWords,
                            request.keyGuessed ? QStringLiteral(" (detected)") : QString())
                       .arg(qRound(diatonicShare * 100));
    if (slashChords > 0)
        text += QStringLiteral("; %1 slash chord%2").arg(slashChords).arg(slashChords == 1 ? "" : "s");
    if (noChordBeats > 0)
        text += QStringLiteral("; %1 beats of N.C.").arg(noChordBeats);

    return QJsonObject{
        {QStringLiteral("chords"), chords},
        {QStringLiteral("key"), QJsonObject{{QStringLiteral("name"), a.key.name()},
                                            {QStringLiteral("tonic"), pitchClassName(a.key.tonic)},
                                            {QStringLiteral("mode"), a.key.minor ? QStringLiteral("minor") : QStringLiteral("major")},
                                            {QStringLiteral("detected"), request.keyGuessed},
                                            {QStringLiteral("signature"), a.key.sharps()}}},
        {QStringLiteral("time_signature"), a.timeSignature.name()},
        {QStringLiteral("tempo"), a.tempoBpm},
        {QStringLiteral("summary"), QJsonObject{{QStringLiteral("chord_count"), a.chords.size()},
                                                {QStringLiteral("distinct_chords"), distinct.size()},
                                                {QStringLiteral("bars"), bars},
                                                {QStringLiteral("duration_beats"), a.durationBeats},
                                                {QStringLiteral("slash_chords"), slashChords},
                                                {QStringLiteral("extended_chords"), extended},
                                                {QStringLiteral("no_chord_beats"), noChordBeats},
                                                {QStringLiteral("diatonic_share"), diatonicShare},
                                                {QStringLiteral("text"), text}}},
        {QStringLiteral("time_unit"), QStringLiteral("beats")},
    };
}

} // namespace aiband
