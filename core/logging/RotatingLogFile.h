#pragma once

#include <QFile>
#include <QMutex>
#include <QString>

namespace aiband {

// Appends lines to a file and, when it would grow past maxBytes, renames it to .1 (shifting
// .1 to .2 and so on, dropping the oldest beyond backupCount) and starts a new one.
class RotatingLogFile {
public:
    RotatingLogFile(QString path, qint64 maxBytes, int backupCount);

    bool open();          // creates the folder; false when the file cannot be written
    QString errorString() const;
    void writeLine(const QString &line);
    QString path() const { return m_path; }

private:
    void rotate();
    bool openForAppending();

    QMutex m_mutex;
    QString m_path;
    qint64 m_maxBytes;
    int m_backupCount;
    QFile m_file;
    qint64 m_size = 0;   // what the file holds: counted, not asked for each line
};

} // namespace aiband
