#pragma once

#include <QObject>

class QWidget;

namespace aiband {

// Keeps the mouse wheel from changing a field the user never clicked: scrolling down a long
// form over a combo box or spin box used to change its value on the way. Guarded editors take
// focus only by click or Tab (Qt::StrongFocus, not WheelFocus), and while they lack focus their
// wheel events go to the scroll area around them instead, so the form scrolls as the user meant.
class WheelGuard : public QObject {
    Q_OBJECT
public:
    explicit WheelGuard(QObject *parent = nullptr) : QObject(parent) {}

    // Guards every combo box and spin box inside `root` (and `root` itself if it is one).
    void guardEditorsIn(QWidget *root);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
};

} // namespace aiband
