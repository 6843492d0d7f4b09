#pragma once

#include <QString>

namespace aiband {

// A part's name as the window shows it, in the user's language ("Drums", "Schlagzeug"). The
// English word of the API and of file names ("drums") stays what plugins match and tables sort
// on; an unknown part is shown as that word.
QString partTitle(const QString &trackType);

} // namespace aiband
