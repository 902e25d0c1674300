#pragma once

#include "web/http/http.h"

namespace guichet::web {

enum class Transport { plain_http, https };

// Adds the headers every response carries: a Content-Security-Policy that allows no inline script or style and no
// framing, nosniff, a same-origin referrer policy, a restrictive permissions policy, and HSTS when served over HTTPS.
// Responses that set no Cache-Control get "no-store": pages may hold personal data, so caching is opt-in.
void apply_security_headers(Response& response, Transport transport);

}  // namespace guichet::web
