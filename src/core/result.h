#pragma once

#include <string>
#include <utility>

#include <tl/expected.hpp>

#include "core/error.h"

namespace guichet::core {

// The outcome of an operation that can fail in an expected way: either a T or an Error. Functions returning it are
// marked [[nodiscard]] so that a failure cannot be dropped silently.
template <class T>
using Result = tl::expected<T, Error>;

// The outcome of an operation that produces nothing but may fail. Success is written `return {};`.
using Status = Result<void>;

// Builds the failing side of any Result<T>, so that a function can write
// `return fail(ErrorCode::not_found, "err_household_unknown")` whatever its T: a code and a catalogue key, never
// prose. `field` stays empty unless a form field is concerned.
[[nodiscard]] inline tl::unexpected<Error> fail(ErrorCode code, std::string key, std::string field = {}) {
    return tl::unexpected<Error>(make_error(code, std::move(key), std::move(field)));
}

// The same for an error built with parameters: `return fail(make_error(...).with("zone", name))`.
[[nodiscard]] inline tl::unexpected<Error> fail(Error error) {
    return tl::unexpected<Error>(std::move(error));
}

}  // namespace guichet::core

// Pastes two tokens after expanding them, so that __LINE__ becomes a number inside GUICHET_TRY's hidden name.
#define GUICHET_CONCAT_INNER(a, b) a##b
#define GUICHET_CONCAT(a, b) GUICHET_CONCAT_INNER(a, b)

// GUICHET_TRY(var, expr) evaluates `expr`, which must yield a Result<T> with T not void. When it failed, the enclosing
// function returns that Error at once (so the enclosing function must itself return some Result<U>). Otherwise the
// macro declares `auto var` holding the value moved out of the Result, usable on the following lines:
//
//     GUICHET_TRY(birth_date, CivilDate::parse_iso(text));
//     return birth_date.add_days(1);
//
// It expands to several statements, so it cannot be the lone body of an unbraced if or loop, and two uses may not
// share one source line (the hidden temporary is named after the line number).
#define GUICHET_TRY(var, expr)                                                 \
    auto GUICHET_CONCAT(guichet_try_result_, __LINE__) = (expr);               \
    if (!GUICHET_CONCAT(guichet_try_result_, __LINE__)) {                      \
        return ::tl::unexpected<::guichet::core::Error>(                       \
            std::move(GUICHET_CONCAT(guichet_try_result_, __LINE__)).error()); \
    }                                                                          \
    auto var = std::move(*GUICHET_CONCAT(guichet_try_result_, __LINE__))

// GUICHET_TRY_STATUS(expr) evaluates `expr`, a Status (or any Result whose value is not needed), and makes the
// enclosing function return its Error when it failed. It is a single statement and may be used anywhere one is.
#define GUICHET_TRY_STATUS(expr)                                                                     \
    do {                                                                                             \
        auto guichet_try_status_ = (expr);                                                           \
        if (!guichet_try_status_) {                                                                  \
            return ::tl::unexpected<::guichet::core::Error>(std::move(guichet_try_status_).error()); \
        }                                                                                            \
    } while (false)
