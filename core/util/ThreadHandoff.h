#pragma once

// Where work crosses threads through Qt (a task queued on a QThreadPool, an event posted back),
// the locks that order it are inside libQt6Core, which a ThreadSanitizer build of this project
// does not instrument. Without a word, TSan reports every value handed to a worker as a race.
// These mark the hand-over for TSan (docs/RELIABILITY.md, "Churn"), so that what it still
// reports is about our own code; in every other build they are nothing. PoolTask.h uses them.
//
// `token` is any address both sides agree on (the same object for one hand-over).
#if defined(__SANITIZE_THREAD__)
extern "C" void __tsan_acquire(void *addr);
extern "C" void __tsan_release(void *addr);
#define AIBAND_HANDOFF_SEND(token) __tsan_release(const_cast<void *>(static_cast<const void *>(token)))
#define AIBAND_HANDOFF_RECEIVE(token) __tsan_acquire(const_cast<void *>(static_cast<const void *>(token)))
#else
#define AIBAND_HANDOFF_SEND(token) static_cast<void>(token)
#define AIBAND_HANDOFF_RECEIVE(token) static_cast<void>(token)
#endif
