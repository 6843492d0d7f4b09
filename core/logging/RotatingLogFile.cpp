#include "RotatingLogFile.h"

#include <QDir>
#include <QFileInfo>

namespace aiband {

RotatingLogFile::RotatingLogFile(QString path, qint64 maxBytes, int backupCount)
    : m_path(std::move(path)), m_maxBytes(maxBytes), m_backupCount(backupCount)
{
}

bool RotatingLogFile::open()
{
    QMutexLocker lock(&m_mutex);
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    m_file.setFileName(m_path);
    return openForAppending();
}

// The file's size is read once here and then counted: QFile::size() is a stat system call, and
// it was asked twice for every line (two of a generation's 130 system calls each).
bool RotatingLogFile::openForAppending()
{
    const bool opened = m_file.open(QIODevice::Append | QIODevice::Text);
    m_size = opened ? m_file.size() : 0;
    return opened;
}

QString RotatingLogFile::errorString() const
{
    return m_file.errorString();
}

void RotatingLogFile::writeLine(const QString &line)
{
    QMutexLocker lock(&m_mutex);
    if (!m_file.isOpen())
        return;
    const QByteArray bytes = line.toUtf8() + '\n';
    if (m_size > 0 && m_size + bytes.size() > m_maxBytes)
        rotate();
    if (const qint64 written = m_file.write(bytes); written > 0)
        m_size += written;
    // Flushed per line so that a crash or kill -9 leaves the last words in the file.
    m_file.flush();
}

void RotatingLogFile::rotate()
{
    m_file.close();
    if (m_backupCount <= 0) {
        QFile::remove(m_path);
    } else {
        QFile::remove(QStringLiteral("%1.%2").arg(m_path).arg(m_backupCount));
        for (int i = m_backupCount - 1; i >= 1; --i)
            QFile::rename(QStringLiteral("%1.%2").arg(m_path).arg(i),
                          QStringLiteral("%1.%2").arg(m_path).arg(i + 1));
        QFile::rename(m_path, m_path + QStringLiteral(".1"));
    }
    openForAppending();
}

} // namespace aiband
