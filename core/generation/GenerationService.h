#pragma once

#include "GenerateRequest.h"
#include "GenerationResult.h"
#include "music/StyleLibrary.h"
#include "util/Result.h"

#include <QObject>

namespace aiband {

class FileStore;

// Runs the engine for a validated request and stores the parts in the files folder.
class GenerationService : public QObject {
    Q_OBJECT
public:
    GenerationService(FileStore *store, StyleLibrary styles, QString defaultStyle, QObject *parent = nullptr);

    // Validates a request body against the styles this service knows.
    Result<GenerateRequest> parseRequest(const QJsonObject &body) const;
    Result<GenerationResult> generate(const GenerateRequest &request);

    const StyleLibrary &styles() const { return m_styles; }
    QString defaultStyle() const { return m_defaultStyle; }

    quint64 generatedCount() const { return m_generatedCount; }

signals:
    void generated(const aiband::GenerationResult &result);
    void failed(const QString &requestId, const aiband::Error &error);

private:
    FileStore *m_store;
    StyleLibrary m_styles;
    QString m_defaultStyle;
    quint64 m_generatedCount = 0;
    quint64 m_nextRequest = 1;
};

} // namespace aiband
