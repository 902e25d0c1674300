#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error_code.h"

namespace guichet::core {

// A value named by an error's message: {zone} in "Fuseau horaire inconnu : {zone}".
struct ErrorParam {
    std::string name;
    std::string value;

    friend bool operator==(const ErrorParam&, const ErrorParam&) = default;
};

// An expected failure, carried as a value inside Result<T> rather than thrown. It never holds prose: the message a
// person reads is the catalogue text of `key` (assets/i18n) in his language, with `params` filled in; the web layer
// renders it, the command line renders it in French, JSON clients switch on `code`.
struct Error {
    // What kind of failure this is; decides the HTTP status and the JSON "code" field.
    ErrorCode code = ErrorCode::internal;
    // The catalogue key of the message ("err_time_zone_unknown"). Never empty once built by make_error.
    std::string key;
    // The values the message names, in the order the message names them.
    std::vector<ErrorParam> params;
    // The name of the form field at fault, so that the page can show the message next to it. Empty when the failure
    // does not concern a single field.
    std::string field;
    // What the logs need to know (a driver's error text, the step that failed). Never shown to a person, and never
    // holds personal data or secrets.
    std::string detail;

    // Returns a copy with one more parameter, so that call sites read as one expression.
    [[nodiscard]] Error with(std::string name, std::string value) const&;
    [[nodiscard]] Error with(std::string name, std::string value) &&;
    // Returns a copy with the diagnostic detail for the logs.
    [[nodiscard]] Error with_detail(std::string text) &&;

    // Returns the value of a parameter, or an empty view when the error has none by that name.
    [[nodiscard]] std::string_view param(std::string_view name) const;

    friend bool operator==(const Error&, const Error&) = default;
};

// Builds an Error from its code, catalogue key and (optional) field. Exists so that call sites read as one expression
// and never leave a member uninitialised.
[[nodiscard]] Error make_error(ErrorCode code, std::string key, std::string field = {});

// One line for the logs: "unavailable error_unavailable (connection refused)", parameters included, e.g.
// "invalid_input err_time_zone_unknown zone=Mars/Olympus field=time_zone".
[[nodiscard]] std::string describe(const Error& error);

}  // namespace guichet::core
