#pragma once

#include <string>
#include <string_view>

#include "web/http/http.h"

namespace guichet::web {

// Cross-site request forgery protection (OWASP ASVS 4.2.2): every state-changing request must come from a page of
// this site (its Origin, or failing that its Referer, is the portal's own origin) and carry a token only this site
// can compute: an HMAC, under the server's secret key, of what the visitor's browser holds — its session for a
// signed-in visitor, a random anonymous cookie otherwise. Tokens are not stored anywhere.
class CsrfGuard {
  public:
    // key: the server's 32-byte secret; public_origin: "https://portail.example" (scheme, host, port).
    CsrfGuard(std::string key, std::string public_origin);

    // Returns the token for a binding ("s:<session digest>" or "a:<anonymous cookie>").
    [[nodiscard]] std::string token_for(std::string_view binding) const;

    // Returns true when the token is the one for this binding (compared in constant time).
    [[nodiscard]] bool token_matches(std::string_view token, std::string_view binding) const;

    // Returns true when the request's Origin header, or failing that its Referer, belongs to the portal's origin.
    // A request with neither is refused: browsers send Origin with every form post.
    [[nodiscard]] bool origin_allowed(const Request& request) const;

    [[nodiscard]] const std::string& public_origin() const { return m_public_origin; }
    void set_public_origin(std::string origin) { m_public_origin = std::move(origin); }

  private:
    std::string m_key;
    std::string m_public_origin;
};

// Returns the origin part of a URL ("https://a.example:8443/x?y" → "https://a.example:8443").
[[nodiscard]] std::string origin_of(std::string_view url);

}  // namespace guichet::web
