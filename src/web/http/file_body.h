#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>

#include "core/result.h"

namespace guichet::web {

// A response body sent from a file, as the server writes it (sendfile), never read into memory: a job's download
// (a town's batch of letters is some 150 MB). The file is opened when the answer is made, so that a file deleted
// meanwhile (a job's file expires) is still sent whole to the request that opened it. Move-only; closes the file.
class FileBody {
  public:
    // Opens `path` for reading. Fails with not_found when there is no such file, unavailable when it cannot be read.
    [[nodiscard]] static core::Result<std::shared_ptr<const FileBody>> open(const std::filesystem::path& path);

    FileBody(const FileBody&) = delete;
    FileBody& operator=(const FileBody&) = delete;
    ~FileBody();

    // The open file descriptor, owned by this object: the server duplicates it to send it.
    [[nodiscard]] int descriptor() const noexcept { return m_descriptor; }
    // The size of the file when it was opened, in bytes: the Content-Length.
    [[nodiscard]] std::uint64_t size() const noexcept { return m_size; }

  private:
    FileBody(int descriptor, std::uint64_t size) noexcept : m_descriptor(descriptor), m_size(size) {}

    int m_descriptor;
    std::uint64_t m_size;
};

}  // namespace guichet::web
