#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "jobs/job_handler.h"

namespace guichet::web {

// A kind of background job a feature offers, with what the job page needs to show it. The page and the download are
// the jobs feature's (web/jobs/); the work is the offering feature's handler.
struct JobKind {
    std::string name;             // "key_letters": the jobs' kind column
    std::string title_key;        // the job page's heading ("Lettres de clé enfance")
    std::string unit_key;         // what is counted, after the numbers: "{done} / {total} lettres" reads "lettres"
    std::string back_route;       // the page the job was started from ("office.families")
    std::string back_label_key;   // the text of the link back to it
    std::string download_prefix;  // the downloaded file's name: "cles-enfance" gives cles-enfance-<commune>.pdf
    std::string content_type;     // "application/pdf"
    jobs::JobHandler handler;     // the work; handler.file_extension is the file's extension
};

// The job kinds the features registered at start-up (Installation::jobs); read-only afterwards, so thread-safe. The
// runner finds each kind's handler here.
class JobKinds final : public jobs::JobHandlers {
  public:
    // Adds a kind. Throws std::logic_error, which stops the server at start-up, for a kind without a name or handler,
    // or a name already taken.
    void add(JobKind kind);

    // The kind with this name, or nullptr.
    [[nodiscard]] const JobKind* kind(std::string_view name) const;

    [[nodiscard]] const jobs::JobHandler* find(std::string_view kind) const override;

    // Every kind, by name.
    [[nodiscard]] std::vector<const JobKind*> all() const;

  private:
    std::map<std::string, JobKind, std::less<>> m_kinds;
};

}  // namespace guichet::web
