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
    return m_file.open(QIODevice::Append | QIODevice::Text);
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
    if (m_file.size() > 0 && m_file.size() + bytes.size() > m_maxBytes)
        rotate();
    m_file.write(bytes);
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
    m_file.open(QIODevice::Append | QIODevice::Text);
}

} // namespace aiband
