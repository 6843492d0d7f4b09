#pragma once

#include <QStringList>

namespace aiband {

class FileStore;

// The files generated together with `fileName` (the same request id in their metadata), the
// file itself included, in the order of the parts (bass, drums, keys...). Just the file when its
// metadata is gone or names no request.
QStringList takeOf(const FileStore &store, const QString &fileName);

// What to play for these files together: in the parts' order, and without the parts a full
// band's file among them already plays (they would sound twice). Files the store does not know
// keep their place at the end.
QStringList filesToHear(const FileStore &store, const QStringList &fileNames);

} // namespace aiband
