#include "ConfigKeyText.h"

#include <QCoreApplication>

namespace aiband::ConfigKeyText {

QString label(const ConfigKey &key)
{
    return QCoreApplication::translate(kContext, key.label);
}

QString description(const ConfigKey &key)
{
    return QCoreApplication::translate(kContext, key.description);
}

} // namespace aiband::ConfigKeyText
