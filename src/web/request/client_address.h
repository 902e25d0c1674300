#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "web/http/http.h"

namespace guichet::web {

// An IPv4 or IPv6 network written "192.0.2.0/24", "2001:db8::/32" or a single address ("127.0.0.1", "::1"). IPv4
// addresses seen as IPv6 ("::ffff:192.0.2.1") match the IPv4 networks.
class AddressRange {
  public:
    // Returns std::nullopt for a text that is not an address or network.
    [[nodiscard]] static std::optional<AddressRange> parse(std::string_view text);

    [[nodiscard]] bool contains(std::string_view address) const;

  private:
    std::array<unsigned char, 16> m_bytes{};  // IPv4 as IPv4-mapped IPv6
    int m_prefix = 128;
};

// Parses a list of networks; returns the first text that is not one in `bad`.
[[nodiscard]] std::optional<std::vector<AddressRange>> parse_ranges(const std::vector<std::string>& texts,
                                                                    std::string& bad);

[[nodiscard]] bool any_contains(const std::vector<AddressRange>& ranges, std::string_view address);

// The address a request comes from. Behind a reverse proxy every request reaches the portal from the proxy: when the
// peer is one of `trusted_proxies`, the client is the right-most address of X-Forwarded-For that is not itself a
// trusted proxy (the left-most ones are whatever the client chose to send). Otherwise the peer is the client, and a
// X-Forwarded-For header means nothing. Throttles, the audit log and the monitoring allow-list all use this address.
[[nodiscard]] std::string client_address(const Request& request, const std::vector<AddressRange>& trusted_proxies);

}  // namespace guichet::web
