#pragma once

#include "GenerateRequest.h"
#include "GenerationResult.h"
#include "util/Result.h"

#include <QObject>

namespace aiband {

class FileStore;

// Runs the engine for a validated request and stores the parts in the files folder.
class GenerationService : public QObject {
    Q_OBJECT
public:
    explicit GenerationService(FileStore *store, QObject *parent = nullptr);

    Result<GenerationResult> generate(const GenerateRequest &request);

    quint64 generatedCount() const { return m_generatedCount; }

signals:
    void generated(const aiband::GenerationResult &result);
    void failed(const QString &requestId, const aiband::Error &error);

private:
    FileStore *m_store;
    quint64 m_generatedCount = 0;
    quint64 m_nextRequest = 1;
};

} // namespace aiband
