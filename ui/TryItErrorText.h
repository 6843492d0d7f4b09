#pragma once

#include "NoteNames.h"
#include "util/Result.h"

#include <QCoreApplication>
#include <QString>

namespace aiband {

// The errors Try it can meet, in the user's language. The core speaks English for clients and
// logs (code, field, message); the window matches each error it can produce by its field and code
// (and, where one code covers several cases, by the core's wording) to a translated sentence.
// An error not in the table shows the core's English message, so nothing is ever left unsaid.
class TryItErrorText {
    Q_DECLARE_TR_FUNCTIONS(aiband::TryItErrorText)
public:
    // The control an error is about: "chords", "length", "key", "seed", "parts", or empty for the
    // form as a whole (a refused or failed generation).
    static QString control(const Error &error);

    // The sentence to show; chords in it are written in `naming`.
    static QString text(const Error &error, NoteNaming naming);

private:
    static QString chordsText(const Error &error, NoteNaming naming);
    static QString fieldText(const Error &error, const QString &field);
    static QString refusalText(const Error &error);
};

} // namespace aiband
