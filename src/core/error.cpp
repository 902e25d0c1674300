#include "core/error.h"

#include <utility>

namespace guichet::core {

Error make_error(ErrorCode code, std::string message, std::string field) {
    return Error{code, std::move(message), std::move(field)};
}

}  // namespace guichet::core
