// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "error.h"

#include <cassert>
#include <optional>
#include <utility>
#include <variant>

namespace gengbao::core {

// A value or an Error: what every fallible core call returns (std::expected is C++23).
template <typename T> class [[nodiscard]] Result
{
public:
    Result(T value)
        : mState(std::in_place_index<0>, std::move(value))
    {}
    Result(Error error)
        : mState(std::in_place_index<1>, std::move(error))
    {}

    bool ok() const { return mState.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() &
    {
        assert(ok());
        return std::get<0>(mState);
    }
    const T &value() const &
    {
        assert(ok());
        return std::get<0>(mState);
    }
    T &&value() &&
    {
        assert(ok());
        return std::get<0>(std::move(mState));
    }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() { return value(); }

    const Error &error() const
    {
        assert(!ok());
        return std::get<1>(mState);
    }

private:
    std::variant<T, Error> mState;
};

// Success or an Error, for calls that return nothing.
class [[nodiscard]] Status
{
public:
    Status() = default;
    Status(Error error)
        : mError(std::move(error))
    {}
    static Status success() { return {}; }

    bool ok() const { return !mError.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const
    {
        assert(!ok());
        return *mError;
    }

private:
    std::optional<Error> mError;
};

}  // namespace gengbao::core

// Returns early from the calling function when a Status or Result holds an error.
#define GENGBAO_TRY(expr)                                                                          \
    do {                                                                                           \
        auto gengbaoTryStatus_ = (expr);                                                           \
        if (!gengbaoTryStatus_.ok())                                                               \
            return gengbaoTryStatus_.error();                                                      \
    } while (false)
