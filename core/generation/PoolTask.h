#pragma once

#include "util/ThreadHandoff.h"

#include <QCoreApplication>
#include <QEvent>
#include <QObject>
#include <QPointer>
#include <QRunnable>
#include <QThreadPool>

#include <optional>
#include <type_traits>
#include <utility>

namespace aiband {

// Runs `work` on `pool` (a QThreadPool or a WarmThreadPool) and gives what it returns to `deliver`
// on the calling thread, once; nothing is delivered when `receiver` is gone by then. Instead of
// QtConcurrent::run(...).then(receiver, ...), which Qt 6.4 can run twice when the work finishes
// while then() attaches it (the SIGSEGV of issue 16; docs/RELIABILITY.md, "Churn"). Each side
// writes all it hands over before marking the hand-over for ThreadSanitizer (ThreadHandoff.h),
// and the other reads it after.
template <typename Pool, typename Work, typename Deliver>
void runOnPool(Pool &pool, QObject *receiver, Work work, Deliver deliver)
{
    using Output = std::invoke_result_t<Work &>;

    // Lives on the calling thread; the worker posts it one event when the output is there.
    class Courier : public QObject {
    public:
        Courier(QObject *receiver, Deliver deliver) : m_receiver(receiver), m_deliver(std::move(deliver)) {}
        std::optional<Output> output;

    protected:
        bool event(QEvent *event) override
        {
            AIBAND_HANDOFF_RECEIVE(this);  // before the event itself is read: the worker made it
            if (event->type() != QEvent::User)
                return QObject::event(event);
            if (m_receiver)
                m_deliver(std::move(*output));
            // Deleted here, as QObject::event deletes an object for deleteLater: nothing refers
            // to a courier but its one event. deleteLater posted a second event, which woke this
            // thread's loop once more for every take (an eventfd write, a poll and a read).
            delete this;
            return true;
        }

    private:
        QPointer<QObject> m_receiver;
        Deliver m_deliver;
    };

    // One mark for every hand-over: the worker must acquire it before it reads anything of the
    // task, the task's own captures included.
    static char handOff;
    auto *courier = new Courier(receiver, std::move(deliver));
    QRunnable *task = QRunnable::create([courier, work = std::move(work)]() mutable {
        AIBAND_HANDOFF_RECEIVE(&handOff);
        courier->output.emplace(work());
        auto *ready = new QEvent(QEvent::User);
        AIBAND_HANDOFF_SEND(courier);
        QCoreApplication::postEvent(courier, ready);
    });
    AIBAND_HANDOFF_SEND(&handOff);
    pool.start(task);
}

} // namespace aiband
