#include "web/api/api_feature.h"

#include <stdexcept>

#include "web/view/embedded_files.h"

namespace guichet::web {
namespace {

constexpr std::string_view kDocumentPath = "api/openapi.json";

}  // namespace

ApiFeature::ApiFeature() {
    for (const EmbeddedFile& file : embedded_files()) {
        if (file.path == kDocumentPath) {
            m_document = file.bytes;
        }
    }
    if (m_document.empty()) {
        throw std::logic_error("assets/api/openapi.json is not embedded");  // a build that lost an asset
    }
}

void ApiFeature::install(Installation& site) {
    site.routes.add(answering_json(commune_route(Method::get, "/{commune}/api/v1/openapi.json", "api.openapi",
                                                 Policy::anyone(), [this](RequestContext&) {
                                                     Response response = Response::json(200, std::string(m_document));
                                                     response.headers.set("Cache-Control", "no-cache");
                                                     return response;
                                                 })));
}

}  // namespace guichet::web
