// Pages the portal answers for itself: error pages, static assets, readiness, the root, and the access log.
#include <nlohmann/json.hpp>

#include "web/application.h"

namespace guichet::web {
namespace {

struct ErrorText {
    int status;
    std::string_view title_key;
    std::string_view message_key;
};

constexpr ErrorText kErrorTexts[] = {
    {400, "error_title", "error_bad_request"},        {404, "not_found_title", "not_found_title"},
    {405, "error_title", "error_method_not_allowed"}, {413, "error_title", "error_payload_too_large"},
    {500, "error_title", "error_internal"},           {503, "error_title", "error_unavailable"},
};

}  // namespace

Response Application::error_page(int status, RequestContext& context, const CommuneEntry* commune) {
    if (status == 404) {
        nlohmann::json data = nlohmann::json::object();
        if (commune == nullptr) {
            nlohmann::json communes = nlohmann::json::array();
            if (auto all = m_directory.list()) {
                for (const auto& known : *all) {
                    communes.push_back({{"href", "/" + known.slug + "/"}, {"name", known.name}});
                }
            }
            data["communes"] = std::move(communes);
        }
        return m_pages.page(404, context, commune, "not_found", "not_found_title", std::move(data));
    }
    std::string_view title_key = "error_title";
    std::string_view message_key = "error_internal";
    for (const auto& text : kErrorTexts) {
        if (text.status == status) {
            title_key = text.title_key;
            message_key = text.message_key;
        }
    }
    nlohmann::json data = {{"heading", m_catalogue.text(context.language, title_key)},
                           {"message", m_catalogue.text(context.language, message_key)}};
    return m_pages.page(status, context, commune, "error", title_key, std::move(data));
}

Response Application::serve_asset(const Request& request) const {
    const StaticAsset* asset = m_assets.find_by_url(request.path);
    if (asset == nullptr) {
        Response missing = Response::text(404, "Not found\n");
        return missing;
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
    const auto status = m_dependencies.readiness_probe();
    if (!status) {
        return Response::text(503, "database unavailable\n");
    }
    return Response::text(200, "ready\n");
}

Response Application::portal_root(RequestContext& context) {
    auto all = m_directory.list();
    if (all && all->size() == 1) {
        return Response::redirect(302, "/" + all->front().slug + "/");
    }
    return error_page(404, context, nullptr);
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
