#include "web/request/client_address.h"

#include <gtest/gtest.h>

namespace guichet::web {
namespace {

TEST(AddressRange, MatchesAddressesAndNetworksOfBothFamilies) {
    struct Case {
        const char* range;
        const char* address;
        bool inside;
    };
    const Case cases[] = {
        {"127.0.0.1", "127.0.0.1", true},
        {"127.0.0.1", "127.0.0.2", false},
        {"10.0.0.0/8", "10.200.3.4", true},
        {"10.0.0.0/8", "11.0.0.1", false},
        {"192.168.1.0/25", "192.168.1.127", true},
        {"192.168.1.0/25", "192.168.1.128", false},
        {"10.0.0.0/8", "::ffff:10.1.2.3", true},  // IPv4 seen through an IPv6 socket
        {"::1", "::1", true},
        {"::1", "127.0.0.1", false},
        {"2001:db8::/32", "2001:db8:1::5", true},
        {"2001:db8::/32", "2001:db9::5", false},
        {"0.0.0.0/0", "203.0.113.9", true},
        {"10.0.0.0/8", "not an address", false},
    };
    for (const auto& c : cases) {
        const auto range = AddressRange::parse(c.range);
        ASSERT_TRUE(range.has_value()) << c.range;
        EXPECT_EQ(range->contains(c.address), c.inside) << c.range << " " << c.address;
    }
    for (const char* bad : {"", "10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/x", "localhost", "10.0.0"}) {
        EXPECT_FALSE(AddressRange::parse(bad).has_value()) << bad;
    }
}

TEST(ClientAddress, BelievesXForwardedForOnlyFromTrustedProxies) {
    std::string bad;
    const auto proxies = *parse_ranges({"127.0.0.1", "10.0.0.0/8"}, bad);
    struct Case {
        const char* peer;
        const char* forwarded;  // nullptr: no header
        const char* client;
    };
    const Case cases[] = {
        {"127.0.0.1", "203.0.113.9", "203.0.113.9"},
        {"127.0.0.1", nullptr, "127.0.0.1"},
        {"198.51.100.7", "203.0.113.9", "198.51.100.7"},        // not a proxy: the header is the client's own words
        {"127.0.0.1", "1.2.3.4, 203.0.113.9", "203.0.113.9"},   // the left-most hop is what the client sent
        {"127.0.0.1", "203.0.113.9, 10.1.1.1", "203.0.113.9"},  // through two proxies
        {"127.0.0.1", "garbage", "127.0.0.1"},
        {"127.0.0.1", "10.1.1.1", "127.0.0.1"},  // only proxies: the nearest one
    };
    for (const auto& c : cases) {
        Request request;
        request.remote_address = c.peer;
        if (c.forwarded != nullptr) {
            request.headers.add("X-Forwarded-For", c.forwarded);
        }
        EXPECT_EQ(client_address(request, proxies), c.client) << c.peer << " " << (c.forwarded ? c.forwarded : "");
        EXPECT_EQ(client_address(request, {}), c.peer) << "no proxy configured: the peer";
    }
}

}  // namespace
}  // namespace guichet::web
