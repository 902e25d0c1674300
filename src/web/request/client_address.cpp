#include "web/request/client_address.h"

#include <arpa/inet.h>

#include <cstring>

namespace guichet::web {
namespace {

// The 16 bytes of an address, IPv4 mapped into IPv6; std::nullopt when it is not an address.
std::optional<std::array<unsigned char, 16>> address_bytes(std::string_view text) {
    const std::string terminated(text);
    std::array<unsigned char, 16> bytes{};
    in_addr v4{};
    if (inet_pton(AF_INET, terminated.c_str(), &v4) == 1) {
        bytes[10] = 0xff;
        bytes[11] = 0xff;
        std::memcpy(bytes.data() + 12, &v4, 4);
        return bytes;
    }
    in6_addr v6{};
    if (inet_pton(AF_INET6, terminated.c_str(), &v6) == 1) {
        std::memcpy(bytes.data(), &v6, 16);
        return bytes;
    }
    return std::nullopt;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

}  // namespace

std::optional<AddressRange> AddressRange::parse(std::string_view text) {
    text = trim(text);
    const auto slash = text.find('/');
    const auto bytes = address_bytes(text.substr(0, slash));
    if (!bytes) {
        return std::nullopt;
    }
    const bool v4 = text.substr(0, slash).find(':') == std::string_view::npos;
    int prefix = 128;
    if (slash != std::string_view::npos) {
        const std::string_view digits = text.substr(slash + 1);
        if (digits.empty() || digits.size() > 3 || digits.find_first_not_of("0123456789") != std::string_view::npos) {
            return std::nullopt;
        }
        prefix = std::stoi(std::string(digits));
        if (prefix > (v4 ? 32 : 128)) {
            return std::nullopt;
        }
        if (v4) {
            prefix += 96;
        }
    }
    AddressRange range;
    range.m_bytes = *bytes;
    range.m_prefix = prefix;
    return range;
}

bool AddressRange::contains(std::string_view address) const {
    const auto bytes = address_bytes(trim(address));
    if (!bytes) {
        return false;
    }
    const int whole = m_prefix / 8;
    if (std::memcmp(bytes->data(), m_bytes.data(), static_cast<std::size_t>(whole)) != 0) {
        return false;
    }
    const int rest = m_prefix % 8;
    if (rest == 0) {
        return true;
    }
    const auto mask = static_cast<unsigned char>(0xff << (8 - rest));
    return ((*bytes)[whole] & mask) == (m_bytes[whole] & mask);
}

std::optional<std::vector<AddressRange>> parse_ranges(const std::vector<std::string>& texts, std::string& bad) {
    std::vector<AddressRange> ranges;
    for (const auto& text : texts) {
        auto range = AddressRange::parse(text);
        if (!range) {
            bad = text;
            return std::nullopt;
        }
        ranges.push_back(*range);
    }
    return ranges;
}

bool any_contains(const std::vector<AddressRange>& ranges, std::string_view address) {
    for (const auto& range : ranges) {
        if (range.contains(address)) {
            return true;
        }
    }
    return false;
}

std::string client_address(const Request& request, const std::vector<AddressRange>& trusted_proxies) {
    if (trusted_proxies.empty() || !any_contains(trusted_proxies, request.remote_address)) {
        return request.remote_address;
    }
    const auto forwarded = request.headers.find("X-Forwarded-For");
    if (!forwarded) {
        return request.remote_address;
    }
    std::string_view rest = *forwarded;
    // From the right: each hop appended the address it saw.
    while (!rest.empty()) {
        const auto comma = rest.rfind(',');
        const std::string_view hop = trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
        if (!AddressRange::parse(hop)) {
            break;  // not an address: what is left of it was written by the client
        }
        if (!any_contains(trusted_proxies, hop)) {
            return std::string(hop);
        }
    }
    return request.remote_address;
}

}  // namespace guichet::web
