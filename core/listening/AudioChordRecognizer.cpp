#include "AudioChordRecognizer.h"

#include "AudioFormat.h"

namespace aiband {

Result<AudioChordAnalysis> analyzeAudio(const PcmBuffer &audio, const AudioAnalysisOptions &options)
{
    const Status format = checkAudioFormat(audio.sampleRate, audio.channels);
    if (!format)
        return format.error();
    if (audio.samples.size() % static_cast<size_t>(audio.channels) != 0)
        return makeError(QStringLiteral("invalid_audio"),
                         QStringLiteral("%1 samples are not a whole number of %2-channel frames")
                             .arg(audio.samples.size()).arg(audio.channels));
    AudioChordAnalysis analysis;
    analysis.seconds = static_cast<double>(audio.frames()) / audio.sampleRate;
    analysis.key = options.key.value_or(Key{});
    analysis.meter = options.meter.value_or(TimeSignature{});
    analysis.tempoBpm = options.tempoBpm.value_or(120.0);
    analysis.chords.append(HeardAudioChord{QStringLiteral("N.C."), 0, analysis.seconds * analysis.tempoBpm / 60.0,
                                           0, analysis.seconds, 1.0});
    return analysis;
}

} // namespace aiband
