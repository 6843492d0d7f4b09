#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace aiband {

// A failure that can be shown to a user or a client as is: a stable machine-readable code,
// a sentence for humans, and the input field it is about (empty when it is about no field).
struct Error {
    QString code;
    QString message;
    QString field;
    int retryAfterSeconds = 0;   // > 0: the client may retry after this many seconds (Retry-After)
};

// Either a value or the Error that prevented it. C++20 has no std::expected, and the few
// operations we need (ok, value, error) do not justify a dependency.
template <typename T>
class Result {
public:
    Result(T value) : m_state(std::move(value)) {}
    Result(Error error) : m_state(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<T>(m_state); }
    T &value() & { return std::get<T>(m_state); }
    T &&value() && { return std::get<T>(std::move(m_state)); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }
    const T &operator*() const & { return value(); }

    const Error &error() const { return std::get<Error>(m_state); }

private:
    std::variant<T, Error> m_state;
};

// Result of an operation that yields nothing but can fail.
struct Done {};
using Status = Result<Done>;

inline Error makeError(QString code, QString message, QString field = {})
{
    return Error{std::move(code), std::move(message), std::move(field)};
}

} // namespace aiband
