#include "web/jobs/job_pages.h"

#include <nlohmann/json.hpp>

#include "core/text.h"
#include "jobs/job_runner.h"
#include "web/http/file_body.h"
#include "web/http/url.h"

namespace guichet::web {

void JobPages::add_routes(Installation& site) {
    m_kinds = &site.jobs;
    const std::string base = "/{commune}/agents/travaux/{job}";
    site.routes.add(commune_route(Method::get, base, "jobs.job", Policy::agent(),
                                  [this](RequestContext& c) { return job_page(c); }));
    site.routes.add(commune_route(Method::get, base + "/fichier", "jobs.file", Policy::agent(),
                                  [this](RequestContext& c) { return job_file(c); }));
}

std::variant<std::pair<jobs::Job, const JobKind*>, Response> JobPages::job_of(RequestContext& context) {
    const auto id = parse_id(context.params.get("job"));
    if (!id) {
        return error_page(404, context);
    }
    auto found = m_jobs.find(context.commune_id(), core::JobId{*id});
    if (!found) {
        return storage_failure(context, found.error());
    }
    const JobKind* kind = *found ? m_kinds->kind((*found)->kind) : nullptr;
    if (kind == nullptr) {
        return error_page(404, context);
    }
    return std::pair{std::move(**found), kind};
}

std::string JobPages::count_text(const jobs::Job& job, const JobKind& kind, Language language) const {
    // French groups digits with a narrow no-break space (20 000), English with a comma (20,000).
    const std::string_view separator = language == Language::fr ? "\u202F" : ",";
    std::vector<core::ErrorParam> values = {
        {"done", core::group_digits(static_cast<unsigned long long>(std::max(0LL, job.done_count)), separator)},
        {"unit", m_catalogue.text(language, kind.unit_key)}};
    if (job.total_count <= 0) {
        return m_catalogue.text(language, "job_count_open", values);
    }
    values.push_back({"total", core::group_digits(static_cast<unsigned long long>(job.total_count), separator)});
    return m_catalogue.text(language, "job_count", values);
}

Response JobPages::job_page(RequestContext& context) {
    auto found = job_of(context);
    if (auto* refused = std::get_if<Response>(&found)) {
        return std::move(*refused);
    }
    const auto& [job, kind] = std::get<std::pair<jobs::Job, const JobKind*>>(found);
    const Language lang = context.language;
    const UrlParams here = {{"job", std::to_string(job.id.value())}};
    const std::string count = count_text(job, *kind, lang);
    std::string status;
    switch (job.status) {
        case jobs::JobStatus::queued:
            status = m_catalogue.text(lang, "job_status_queued");
            break;
        case jobs::JobStatus::running:
            status = m_catalogue.text(lang, "job_status_running", {{"count", count}});
            break;
        case jobs::JobStatus::done:
            status = job.done_count > 0 ? m_catalogue.text(lang, "job_status_done", {{"count", count}})
                                        : m_catalogue.text(lang, "job_status_done_empty");
            break;
        case jobs::JobStatus::failed:
            status = m_catalogue.text(lang, "job_status_failed", {{"reason", m_catalogue.text(lang, job.error_key)}});
            break;
    }
    nlohmann::json progress = {{"text", count}};
    if (job.status == jobs::JobStatus::done) {
        progress["max"] = std::max(1LL, job.total_count);
        progress["value"] = std::max(1LL, job.total_count);
    } else if (job.status == jobs::JobStatus::running && job.total_count > 0) {
        progress["max"] = job.total_count;
        progress["value"] = std::min(job.done_count, job.total_count);
    }
    nlohmann::json data = {
        {"heading", m_catalogue.text(lang, kind->title_key)},
        {"status", status},
        {"back", {{"href", context.url(kind->back_route)}, {"label", m_catalogue.text(lang, kind->back_label_key)}}},
        {"started_text", m_catalogue.text(lang, "job_requested_at", {{"when", context.local_text(job.created_at)}})},
    };
    if (job.status != jobs::JobStatus::failed) {
        data["progress"] = std::move(progress);
    }
    if (job.active()) {
        // Without JavaScript the page reloads itself (a <meta> refresh in <noscript>), and says so with a way to
        // stop it; with JavaScript it reads itself again and updates the status in place, without a reload.
        const bool follow = query_value(context.request.query, "actualisation").value_or("") != "non";
        data["active"] = true;
        data["refresh_url"] = context.url("jobs.job", here);
        data["refresh_seconds"] = kRefreshSeconds;
        if (follow) {
            data["noscript_refresh_seconds"] = kRefreshSeconds;
            data["stop_refresh_url"] = context.url("jobs.job", here, {{"actualisation", "non"}});
            data["refresh_note"] =
                m_catalogue.text(lang, "job_refresh_note", {{"seconds", std::to_string(kRefreshSeconds)}});
        } else {
            data["refresh_note"] = m_catalogue.text(lang, "job_refresh_stopped");
        }
    }
    if (job.file_ready()) {
        const core::Instant expires = *job.finished_at + jobs::JobRunner::kKeepFiles;
        data["download"] = {
            {"href", context.url("jobs.file", here)},
            {"label", m_catalogue.text(lang, "job_download")},
            {"expires", m_catalogue.text(lang, "job_file_expires", {{"when", context.local_text(expires)}})}};
    } else if (job.file_expired_at) {
        data["expired"] =
            m_catalogue.text(lang, "job_file_expired", {{"when", context.local_text(*job.file_expired_at)}});
    }
    if (job.status == jobs::JobStatus::failed || job.file_expired_at) {
        data["again"] = m_catalogue.text(lang, "job_start_again");
    }
    return page(200, context, "jobs/job", kind->title_key, std::move(data));
}

Response JobPages::job_file(RequestContext& context) {
    auto found = job_of(context);
    if (auto* refused = std::get_if<Response>(&found)) {
        return std::move(*refused);
    }
    const auto& [job, kind] = std::get<std::pair<jobs::Job, const JobKind*>>(found);
    if (job.file_expired_at) {
        // A link kept from the day before: the job's page says the file is gone and how to get it again.
        return Response::redirect(303, context.url("jobs.job", {{"job", std::to_string(job.id.value())}}));
    }
    if (!job.file_ready()) {
        return error_page(404, context);
    }
    // Sent from the file, never read into memory: a town's batch of letters is some 150 MB.
    auto file = FileBody::open(m_directory.path_of(job.file_name));
    if (!file) {
        return file.error().code == core::ErrorCode::not_found ? error_page(404, context)
                                                               : storage_failure(context, file.error());
    }
    Response response{200, {}, {}, std::move(*file)};
    response.headers.set("Content-Type", kind->content_type);
    response.headers.set("Content-Disposition", "attachment; filename=\"" + kind->download_prefix + "-" +
                                                    context.commune_slug() + "." + kind->handler.file_extension + "\"");
    return response;
}

}  // namespace guichet::web
