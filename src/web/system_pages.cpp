// Pages the portal answers for itself (errors, assets, readiness, the root) and the helpers every page uses.
#include <nlohmann/json.hpp>

#include "web/application.h"
#include "web/cookies.h"

namespace guichet::web {
namespace {

struct ErrorText {
    int status;
    std::string_view title_key;
    std::string_view message_key;
};

constexpr ErrorText kErrorTexts[] = {
    {400, "error_title", "error_bad_request"},       {403, "error_title", "error_forbidden"},
    {404, "not_found_title", "not_found_title"},     {405, "error_title", "error_method_not_allowed"},
    {413, "error_title", "error_payload_too_large"}, {429, "error_title", "error_too_many_requests"},
    {500, "error_title", "error_internal"},          {503, "error_title", "error_unavailable"},
};

}  // namespace

Response Application::page(int status, RequestContext& context, std::string_view content_template,
                           std::string_view title_key, nlohmann::json data) {
    return m_pages.page(status, context, context.commune.get(), content_template, title_key, std::move(data));
}

Response Application::message_page(RequestContext& context, std::string_view heading_key, std::string_view message_key,
                                   nlohmann::json links) {
    nlohmann::json data = {{"heading", m_catalogue.text(context.language, heading_key)},
                           {"message", m_catalogue.text(context.language, message_key)}};
    if (!links.empty()) {
        data["links"] = std::move(links);
    }
    return page(200, context, "message", heading_key, std::move(data));
}

Response Application::redirect_with_flash(RequestContext& context, const std::string& location,
                                          std::string_view flash_key) {
    context.cookies.push_back(
        make_set_cookie("flash", flash_key, {60, SameSite::lax, CookieTransport::any, CookieScript::http_only}));
    return Response::redirect(303, location);
}

Response Application::storage_failure(RequestContext& context, const core::Error& error) {
    m_dependencies.error_log->error(
        nlohmann::json{{"event", "storage_failed"}, {"path", context.request.path}, {"error", core::describe(error)}}
            .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    return error_page(503, context);
}

Response Application::error_page(int status, RequestContext& context, std::string_view message_key) {
    if (status == 404) {
        nlohmann::json data = nlohmann::json::object();
        if (!context.commune) {
            nlohmann::json communes = nlohmann::json::array();
            if (auto all = m_directory.list()) {
                for (const auto& known : *all) {
                    communes.push_back({{"href", "/" + known.slug + "/"}, {"name", known.name}});
                }
            }
            data["communes"] = std::move(communes);
        }
        return page(404, context, "not_found", "not_found_title", std::move(data));
    }
    std::string_view title_key = "error_title";
    std::string_view text_key = "error_internal";
    for (const auto& text : kErrorTexts) {
        if (text.status == status) {
            title_key = text.title_key;
            text_key = text.message_key;
        }
    }
    if (!message_key.empty()) {
        text_key = message_key;
    }
    nlohmann::json data = {{"heading", m_catalogue.text(context.language, title_key)},
                           {"message", m_catalogue.text(context.language, text_key)}};
    return page(status, context, "error", title_key, std::move(data));
}

Response Application::serve_asset(const Request& request) const {
    const StaticAsset* asset = m_assets.find_by_url(request.path);
    if (asset == nullptr) {
        return Response::text(404, "Not found\n");
    }
    Response response;
    if (const auto match = request.headers.find("If-None-Match"); match && *match == asset->etag) {
        response.status = 304;
    } else {
        response.body = std::string(asset->bytes);
        response.headers.set("Content-Type", asset->content_type);
    }
    response.headers.set("ETag", asset->etag);
    response.headers.set("Cache-Control", std::string(StaticAssets::kCacheControl));
    return response;
}

Response Application::readiness() const {
    if (m_draining.load()) {
        return Response::text(503, "draining\n");
    }
    if (!m_dependencies.readiness_probe()) {
        return Response::text(503, "database unavailable\n");
    }
    return Response::text(200, "ready\n");
}

Response Application::portal_root(RequestContext& context) {
    auto all = m_directory.list();
    if (all && all->size() == 1) {
        return Response::redirect(302, "/" + all->front().slug + "/");
    }
    return error_page(404, context);
}

void Application::log_access(const Request& request, const std::string& route, int status, std::size_t bytes,
                             std::chrono::nanoseconds duration) const {
    nlohmann::json line = {
        {"event", "request"},
        {"remote", request.remote_address},
        {"method", method_name(request.method)},
        {"path", request.path},
        {"route", route},
        {"status", status},
        {"bytes", bytes},
        {"duration_ms", std::chrono::duration<double, std::milli>(duration).count()},
    };
    m_dependencies.access_log->info(line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace guichet::web
