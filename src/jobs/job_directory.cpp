#include "jobs/job_directory.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>
#include <sstream>

namespace guichet::jobs {
namespace {

core::Status unavailable(std::string what) {
    return core::fail(core::make_error(core::ErrorCode::unavailable, "err_job_file").with_detail(std::move(what)));
}

// Only the plain names this class gives out: a name from the database must never lead out of the folder.
bool plain_name(std::string_view name) {
    return !name.empty() && name.find('/') == std::string_view::npos && name != "." && name != "..";
}

}  // namespace

std::string JobDirectory::file_name_for(const Job& job, std::string_view extension) {
    static thread_local std::mt19937_64 random{std::random_device{}()};
    std::ostringstream name;
    name << "job-" << job.id.value() << "-" << std::hex;
    name.width(16);
    name.fill('0');
    name << random() << "." << extension;
    return name.str();
}

core::Result<std::ofstream> JobDirectory::create(std::string_view name) const {
    if (!plain_name(name)) {
        return tl::unexpected<core::Error>(unavailable("not a file name: " + std::string(name)).error());
    }
    std::error_code error;
    if (!std::filesystem::is_directory(m_folder, error)) {
        std::filesystem::create_directories(m_folder, error);
        if (error) {
            return tl::unexpected<core::Error>(
                unavailable("cannot create " + m_folder.string() + ": " + error.message()).error());
        }
        ::chmod(m_folder.c_str(), 0700);
    }
    const std::filesystem::path path = path_of(name);
    // O_EXCL: never reuse a file that is already there; 0600 from the start, so that the keys are never readable by
    // anyone else, not even for a moment.
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        return tl::unexpected<core::Error>(
            unavailable("cannot create " + path.string() + ": " + std::strerror(errno)).error());
    }
    ::close(fd);
    // Opening the file again keeps its mode: the stream only writes into it.
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) {
        remove(name);
        return tl::unexpected<core::Error>(unavailable("cannot open " + path.string()).error());
    }
    return out;
}

core::Result<std::string> JobDirectory::read(std::string_view name) const {
    if (!plain_name(name)) {
        return core::fail(core::ErrorCode::not_found, "error_not_found");
    }
    std::ifstream in(path_of(name), std::ios::binary | std::ios::ate);
    if (!in) {
        return core::fail(core::ErrorCode::not_found, "error_not_found");
    }
    // One allocation of the file's size: a batch of letters is tens of megabytes.
    std::string bytes(static_cast<std::size_t>(in.tellg()), '\0');
    in.seekg(0);
    if (!in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
        return tl::unexpected<core::Error>(unavailable("cannot read " + path_of(name).string()).error());
    }
    return bytes;
}

bool JobDirectory::remove(std::string_view name) const noexcept {
    if (!plain_name(name)) {
        return true;
    }
    std::error_code error;
    std::filesystem::remove(path_of(name), error);
    return !error;
}

bool JobDirectory::exists(std::string_view name) const {
    std::error_code error;
    return plain_name(name) && std::filesystem::exists(path_of(name), error);
}

}  // namespace guichet::jobs
