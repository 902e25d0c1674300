#pragma once

#include <string_view>

#include "web/request/feature.h"

namespace guichet::web {

// The description of the JSON API for integrators: the OpenAPI 3.1 document kept in the repository
// (assets/api/openapi.json), served at /{commune}/api/v1/openapi.json to anyone. The endpoints themselves belong to
// their features (identity's /moi, booking's calendar…); a test holds the document and the route table together.
class ApiFeature final : public Feature {
  public:
    ApiFeature();

    void install(Installation& site) override;

  private:
    std::string_view m_document;
};

}  // namespace guichet::web
