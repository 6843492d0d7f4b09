#include "DesktopOpener.h"

#include <QDesktopServices>
#include <QFileInfo>
#include <QMessageBox>

namespace aiband {

DesktopOpener::DesktopOpener(OpenUrl openUrl)
    : m_openUrl(openUrl ? std::move(openUrl) : OpenUrl(&QDesktopServices::openUrl))
{
}

bool DesktopOpener::open(const QString &path, QWidget *parent) const
{
    if (m_openUrl(QUrl::fromLocalFile(path)))
        return true;
    QMessageBox box(QMessageBox::Warning, tr("Nothing opened"), notOpenedMessage(path), QMessageBox::Ok, parent);
    box.setTextInteractionFlags(Qt::TextSelectableByMouse);   // so the path can be copied
    box.exec();
    return false;
}

QString DesktopOpener::notOpenedMessage(const QString &path)
{
    if (QFileInfo(path).isDir())
        return tr("No file manager answered, so the folder could not be shown. Open it yourself:\n%1").arg(path);
    return tr("No application answered, so the file could not be opened. It is here:\n%1").arg(path);
}

} // namespace aiband
