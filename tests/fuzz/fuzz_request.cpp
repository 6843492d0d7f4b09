// Fuzz target: generation request validation, both shapes: the API's body
// ({"chord_progression": {...}, ...}, parseGenerateRequest as GenerationService::parseRequest
// calls it) and the plugin's flat form ({"chords": "C-Am-F-G", "tempo": 120, ...}).
// Invariants checked:
// - a refused request is an Error with a code and a message; in the flat form its field is
//   named as the client wrote it (never "chord_progression.");
// - an accepted request is one the engine can take: a style, parts, a finite positive tempo
//   and duration within the limits, chords in order covering the duration;
// - short accepted requests are rendered, and every part the engine writes reads back as a
//   MIDI file (readMidiFile) with the request's tempo.

#include "FuzzSupport.h"
#include "generation/FlatGenerateForm.h"
#include "generation/GenerateRequest.h"
#include "music/Engine.h"
#include "music/MidiReader.h"
#include "music/StyleLibrary.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <cstddef>
#include <cstdint>

using namespace aiband;

namespace {

const StyleLibrary &styles()
{
    static const StyleLibrary library = StyleLibrary::load({QString::fromLatin1(StyleLibrary::kBuiltInFolder)});
    return library;
}

void checkAccepted(const GenerateRequest &request, const QString &input)
{
    const Arrangement &a = request.arrangement;
    const RequestLimits limits;
    FUZZ_CHECK(a.style != nullptr, input);
    FUZZ_CHECK(!a.parts.isEmpty(), input);
    FUZZ_CHECK(std::isfinite(a.tempoBpm) && a.tempoBpm > 0.0, input);
    FUZZ_CHECK(std::isfinite(a.durationBeats) && a.durationBeats > 0.0 && a.durationBeats <= limits.maxBeats(a.timeSignature.beatsPerBar()) + 1e-9, input);
    FUZZ_CHECK(a.timeSignature.numerator > 0 && a.timeSignature.denominator > 0, input);
    FUZZ_CHECK(!a.chords.isEmpty(), input);
    double previousStart = -1.0;
    for (const ChordEvent &event : a.chords) {
        FUZZ_CHECK(std::isfinite(event.startBeat) && std::isfinite(event.durationBeats), input);
        FUZZ_CHECK(event.durationBeats > 0.0, input);
        FUZZ_CHECK(event.startBeat >= previousStart, input);
        previousStart = event.startBeat;
    }
    FUZZ_CHECK(request.pluginId.isEmpty() || isValidPluginId(request.pluginId), input);

    // Rendering is the slow part: only songs of a few bars, enough to reach every generator.
    if (a.durationBeats > 32.0)
        return;
    Arrangement fixed = a;
    fixed.seed = 12345;   // a missing seed is random; a crash must reproduce
    const RenderedSong song = renderSong(fixed);
    FUZZ_CHECK(!song.parts.isEmpty(), input);
    for (const RenderedPart &part : song.parts) {
        const Result<MidiSong> read = readMidiFile(part.midi);
        FUZZ_CHECK(read.ok(), input + QStringLiteral(": the engine wrote a file its reader refuses: ")
                                  + (read.ok() ? QString() : read.error().message));
    }
}

void checkBody(const QJsonObject &body, const QString &input)
{
    const Result<GenerateRequest> request = parseGenerateRequest(body, styles());
    if (!request) {
        FUZZ_CHECK(!request.error().code.isEmpty() && !request.error().message.isEmpty(), input);
        return;
    }
    checkAccepted(*request, input);
}

void checkFlat(const QJsonObject &flat, const QString &input)
{
    const QJsonObject body = generateBodyFromFlatForm(flat);
    FUZZ_CHECK(body.contains(QStringLiteral("chord_progression")), input);
    const Result<GenerateRequest> request = parseGenerateRequest(body, styles());
    if (!request) {
        if (isFlatForm(flat)) {
            const Error error = errorForFlatForm(request.error());
            FUZZ_CHECK(!error.code.isEmpty() && !error.message.isEmpty(), input);
            FUZZ_CHECK(!error.field.startsWith(QStringLiteral("chord_progression.")), input + QStringLiteral(" field ") + error.field);
        }
        return;
    }
    checkAccepted(*request, input);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::startQt();
    FUZZ_CHECK(!styles().styles().isEmpty(), QStringLiteral("the built-in styles did not load"));
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 16384)
        return 0;
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return 0;
    const QString input = QString::fromUtf8(bytes.left(300));
    checkBody(document.object(), input);
    checkFlat(document.object(), input);
    return 0;
}
