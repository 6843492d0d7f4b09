#include "DefaultsUsed.h"

#include "util/CompactJson.h"

#include <algorithm>

namespace aiband {
namespace {

// The first entry whose name is not before `name`, in QJsonObject's order of keys (UTF-16 code
// units, as QString compares).
template <typename List>
auto lowerBound(List &values, QStringView name)
{
    return std::lower_bound(values.begin(), values.end(), name,
                            [](const auto &entry, QStringView key) { return QStringView(entry.first) < key; });
}

} // namespace

void DefaultsUsed::insert(const QString &name, const QJsonValue &value)
{
    const auto at = lowerBound(m_values, name);
    if (at != m_values.end() && at->first == name)
        at->second = value;
    else
        m_values.insert(at, {name, value});
}

const QJsonValue *DefaultsUsed::find(const QString &name) const
{
    const auto at = lowerBound(m_values, name);
    return at != m_values.cend() && at->first == name ? &at->second : nullptr;
}

bool DefaultsUsed::contains(const QString &name) const
{
    return find(name) != nullptr;
}

QJsonValue DefaultsUsed::value(const QString &name) const
{
    const QJsonValue *found = find(name);
    return found ? *found : QJsonValue(QJsonValue::Undefined);
}

QByteArray DefaultsUsed::toJsonText() const
{
    CompactObjectText text;
    for (const auto &[name, value] : m_values)
        text.addField(name, value);
    return text.text();
}

} // namespace aiband
