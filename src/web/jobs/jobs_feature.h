#pragma once

#include "jobs/job_directory.h"
#include "jobs/job_service.h"
#include "web/jobs/job_pages.h"
#include "web/request/feature.h"

namespace guichet::web {

// Background jobs on the web: the page where an agent follows a job another feature started (a batch of letters),
// and the download of its file. The kinds, their texts and their work are registered by the features that offer
// them (Installation::jobs).
class JobsFeature final : public Feature {
  public:
    JobsFeature(const Kit& kit, jobs::JobService& jobs, jobs::JobDirectory directory)
        : m_pages(kit, jobs, std::move(directory)) {}

    void install(Installation& site) override { m_pages.add_routes(site); }

  private:
    JobPages m_pages;
};

}  // namespace guichet::web
