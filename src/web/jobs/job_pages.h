#pragma once

#include <string>
#include <utility>
#include <variant>

#include "jobs/job_directory.h"
#include "jobs/job_service.h"
#include "web/request/feature.h"
#include "web/view/feature_pages.h"

namespace guichet::web {

// The job page (/{commune}/agents/travaux/{job}): where the job stands, refreshed while it runs (by the page itself
// without JavaScript, in place with it), and the download of its file once done. Agents of the job's commune only:
// a job of another commune is a 404, as an id that does not exist.
class JobPages final : public FeaturePages {
  public:
    JobPages(const Kit& kit, jobs::JobService& jobs, jobs::JobDirectory directory)
        : FeaturePages(kit), m_jobs(jobs), m_directory(std::move(directory)) {}

    void add_routes(Installation& site);

    // Seconds between two refreshes of the page of a job that runs.
    static constexpr int kRefreshSeconds = 5;

  private:
    [[nodiscard]] Response job_page(RequestContext& context);
    [[nodiscard]] Response job_file(RequestContext& context);
    // The job the path names, in the visitor's commune, with its kind; a 404 response otherwise.
    [[nodiscard]] std::variant<std::pair<jobs::Job, const JobKind*>, Response> job_of(RequestContext& context);
    // "1 500 / 20 000 lettres", or "1 500 lettres" while the total is unknown.
    [[nodiscard]] std::string count_text(const jobs::Job& job, const JobKind& kind, Language language) const;

    jobs::JobService& m_jobs;
    jobs::JobDirectory m_directory;
    const JobKinds* m_kinds = nullptr;  // the application's, set by add_routes
};

}  // namespace guichet::web
