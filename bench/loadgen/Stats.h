#pragma once

// Latency distributions: every sample kept, percentiles by nearest rank on the sorted samples.

#include <QJsonObject>
#include <QString>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace loadgen {

class Dist {
public:
    void reserve(std::size_t n) { m_ms.reserve(n); }
    void addNs(std::int64_t ns) { m_ms.push_back(static_cast<double>(ns) / 1e6); m_sorted = false; }
    std::size_t count() const { return m_ms.size(); }

    // Nearest rank: the smallest sample with at least p of the samples at or below it.
    double percentile(double p) const
    {
        sort();
        if (m_ms.empty())
            return 0.0;
        const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(m_ms.size())));
        return m_ms[std::clamp<std::size_t>(rank, 1, m_ms.size()) - 1];
    }
    double min() const { sort(); return m_ms.empty() ? 0.0 : m_ms.front(); }
    double max() const { sort(); return m_ms.empty() ? 0.0 : m_ms.back(); }
    double mean() const
    {
        double sum = 0.0;
        for (double v : m_ms)
            sum += v;
        return m_ms.empty() ? 0.0 : sum / static_cast<double>(m_ms.size());
    }

    QJsonObject json() const
    {
        const auto r = [](double v) { return std::round(v * 1e4) / 1e4; }; // 0.1 microsecond
        return QJsonObject{{QStringLiteral("count"), static_cast<qint64>(count())},
                           {QStringLiteral("min"), r(min())},
                           {QStringLiteral("p50"), r(percentile(0.50))},
                           {QStringLiteral("p90"), r(percentile(0.90))},
                           {QStringLiteral("p99"), r(percentile(0.99))},
                           {QStringLiteral("max"), r(max())},
                           {QStringLiteral("mean"), r(mean())}};
    }

    // "n=2000 min 0.041 p50 0.052 p90 0.060 p99 0.081 max 0.210 ms"
    QString line() const
    {
        return QStringLiteral("n=%1 min %2 p50 %3 p90 %4 p99 %5 max %6 ms")
            .arg(count())
            .arg(min(), 0, 'f', 3)
            .arg(percentile(0.50), 0, 'f', 3)
            .arg(percentile(0.90), 0, 'f', 3)
            .arg(percentile(0.99), 0, 'f', 3)
            .arg(max(), 0, 'f', 3);
    }

private:
    void sort() const
    {
        if (!m_sorted) {
            std::sort(m_ms.begin(), m_ms.end());
            m_sorted = true;
        }
    }
    mutable std::vector<double> m_ms;
    mutable bool m_sorted = true;
};

} // namespace loadgen
