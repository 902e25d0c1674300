#pragma once

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "core/result.h"
#include "jobs/job.h"

namespace guichet::jobs {

// The folder where jobs write their files. The files hold personal data (and letters hold clés enfance in clear), so
// the folder is created mode 0700 and every file mode 0600: only the server's user reads them. File names are the
// ones jobs get when they start; nothing else is written there. Thread-safe (it holds no state but the path).
class JobDirectory {
  public:
    explicit JobDirectory(std::filesystem::path folder) : m_folder(std::move(folder)) {}

    // A fresh name for the file of a job: "job-<id>-<16 random hex digits>.<extension>". The random part keeps two
    // processes sharing a folder (or a database restored from a backup) from writing over each other's files.
    [[nodiscard]] static std::string file_name_for(const Job& job, std::string_view extension);

    // Creates the file `name` (and the folder when missing), empty, mode 0600, and opens it for writing. Fails with
    // unavailable "err_job_file" when it cannot, or when the file exists already.
    [[nodiscard]] core::Result<std::ofstream> create(std::string_view name) const;
    // Reads the file `name` whole. not_found when it is not there.
    [[nodiscard]] core::Result<std::string> read(std::string_view name) const;
    // Deletes the file `name`; nothing happens when it is not there. Returns false when it is there and could not
    // be deleted.
    bool remove(std::string_view name) const noexcept;
    [[nodiscard]] bool exists(std::string_view name) const;

    [[nodiscard]] std::filesystem::path path_of(std::string_view name) const { return m_folder / std::string(name); }
    [[nodiscard]] const std::filesystem::path& folder() const { return m_folder; }

  private:
    std::filesystem::path m_folder;
};

}  // namespace guichet::jobs
