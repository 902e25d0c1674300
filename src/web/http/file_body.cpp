#include "web/http/file_body.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>
#include <string>

#include "core/error.h"

namespace guichet::web {

core::Result<std::shared_ptr<const FileBody>> FileBody::open(const std::filesystem::path& path) {
    const int descriptor = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (descriptor < 0) {
        const int error = errno;
        return core::fail(core::make_error(error == ENOENT ? core::ErrorCode::not_found : core::ErrorCode::unavailable,
                                           "error_internal")
                              .with_detail("cannot open " + path.string() + ": " + std::strerror(error)));
    }
    struct stat status {};
    if (::fstat(descriptor, &status) != 0 || !S_ISREG(status.st_mode)) {
        const int error = errno;
        ::close(descriptor);
        return core::fail(core::make_error(core::ErrorCode::unavailable, "error_internal")
                              .with_detail("not a readable file: " + path.string() + ": " + std::strerror(error)));
    }
    return std::shared_ptr<const FileBody>(new FileBody(descriptor, static_cast<std::uint64_t>(status.st_size)));
}

FileBody::~FileBody() {
    ::close(m_descriptor);
}

}  // namespace guichet::web
