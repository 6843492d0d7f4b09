#include "WheelGuard.h"

#include <QAbstractScrollArea>
#include <QAbstractSpinBox>
#include <QCoreApplication>
#include <QComboBox>
#include <QEvent>
#include <QWidget>

namespace aiband {
namespace {

bool isGuarded(const QObject *object)
{
    return qobject_cast<const QComboBox *>(object) || qobject_cast<const QAbstractSpinBox *>(object);
}

} // namespace

void WheelGuard::guardEditorsIn(QWidget *root)
{
    QList<QWidget *> editors = root->findChildren<QWidget *>();
    editors.prepend(root);
    for (QWidget *editor : std::as_const(editors)) {
        if (!isGuarded(editor))
            continue;
        editor->setFocusPolicy(Qt::StrongFocus);
        editor->installEventFilter(this);
    }
}

bool WheelGuard::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::Wheel || !isGuarded(watched))
        return QObject::eventFilter(watched, event);
    if (static_cast<QWidget *>(watched)->hasFocus())
        return false;
    // The value stays; the page scrolls instead. Handed to the scroll area's viewport directly:
    // Qt passes an ignored wheel event on to the parent only when it came from the window
    // system, and the scroll area is what the user meant to turn anyway.
    event->ignore();
    for (QWidget *parent = static_cast<QWidget *>(watched)->parentWidget(); parent; parent = parent->parentWidget()) {
        if (auto *area = qobject_cast<QAbstractScrollArea *>(parent)) {
            QCoreApplication::sendEvent(area->viewport(), event);
            break;
        }
    }
    return true;
}

} // namespace aiband
