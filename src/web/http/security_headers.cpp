#include "web/http/security_headers.h"

namespace guichet::web {

void apply_security_headers(Response& response, Transport transport) {
    response.headers.set("Content-Security-Policy",
                         "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                         "font-src 'self'; connect-src 'self'; object-src 'none'; form-action 'self'; "
                         "frame-ancestors 'none'; base-uri 'none'");
    response.headers.set("X-Content-Type-Options", "nosniff");
    response.headers.set("Referrer-Policy", "same-origin");
    response.headers.set("X-Frame-Options", "DENY");
    response.headers.set("Cross-Origin-Opener-Policy", "same-origin");
    response.headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
    if (transport == Transport::https) {
        response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
    }
    if (!response.headers.contains("Cache-Control")) {
        response.headers.set("Cache-Control", "no-store");
    }
}

}  // namespace guichet::web
