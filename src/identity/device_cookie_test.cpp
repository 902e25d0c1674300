#include "identity/device_cookie.h"

#include <gtest/gtest.h>

namespace guichet::identity {
namespace {

const core::AccountId kMarie{7};
const core::AccountId kXavier{8};

TEST(DeviceCookies, ProveASignInOfThatAccountOnly) {
    const DeviceCookies devices("the server key, thirty-two bytes");
    const std::string cookie = devices.after_sign_in("", kMarie);
    const auto device = devices.device_of(cookie, kMarie);
    ASSERT_TRUE(device.has_value());
    EXPECT_EQ(device->size(), 22u) << "16 random bytes, base64url";
    EXPECT_FALSE(devices.device_of(cookie, kXavier).has_value()) << "another account";
    EXPECT_FALSE(DeviceCookies("another server's key, 32 bytes!!").device_of(cookie, kMarie).has_value());
    EXPECT_NE(*device, *devices.device_of(devices.after_sign_in("", kMarie), kMarie)) << "a new nonce each time";
}

TEST(DeviceCookies, RefuseWhatWasForgedOrTamperedWith) {
    const DeviceCookies devices("the server key, thirty-two bytes");
    const std::string cookie = devices.after_sign_in("", kMarie);
    const auto first_dot = cookie.find('.');
    const auto second_dot = cookie.find('.', first_dot + 1);
    std::string other_account = cookie;
    other_account.replace(0, first_dot, "8");  // Marie's proof presented for Xavier
    std::string other_nonce = cookie;
    other_nonce[first_dot + 1] = other_nonce[first_dot + 1] == 'A' ? 'B' : 'A';
    std::string other_mac = cookie;
    other_mac.back() = other_mac.back() == 'A' ? 'B' : 'A';
    for (const std::string& forged :
         {other_nonce, other_mac, cookie.substr(0, second_dot), cookie.substr(0, second_dot + 1), std::string("7..x"),
          std::string("garbage"), std::string(""), std::string(5000, '~')}) {
        EXPECT_FALSE(devices.device_of(forged, kMarie).has_value()) << forged;
    }
    EXPECT_FALSE(devices.device_of(other_account, kXavier).has_value());
}

TEST(DeviceCookies, OneBrowserRemembersAFewAccountsNewestFirst) {
    const DeviceCookies devices("the server key, thirty-two bytes");
    std::string cookie = devices.after_sign_in("", kMarie);
    cookie = devices.after_sign_in(cookie, kXavier);
    const auto marie = devices.device_of(cookie, kMarie);
    EXPECT_TRUE(marie.has_value()) << "both parents on the family computer";
    EXPECT_TRUE(devices.device_of(cookie, kXavier).has_value());
    cookie = devices.after_sign_in(cookie, kMarie);
    EXPECT_NE(devices.device_of(cookie, kMarie), marie) << "Marie's entry replaced, not repeated";
    EXPECT_EQ(cookie.find("7."), 0u) << "newest first";
    for (long long other = 100; other < 110; ++other) {
        cookie = devices.after_sign_in(cookie, core::AccountId{other});
    }
    EXPECT_FALSE(devices.device_of(cookie, kMarie).has_value()) << "the oldest go";
    EXPECT_TRUE(devices.device_of(cookie, core::AccountId{109}).has_value());
    std::size_t entries = 1;
    for (char c : cookie) {
        entries += c == '~' ? 1 : 0;
    }
    EXPECT_EQ(entries, DeviceCookies::kMaxDevicesPerBrowser);
    const std::string with_garbage = "junk~" + cookie;
    EXPECT_EQ(devices.after_sign_in(with_garbage, kMarie).find("junk"), std::string::npos) << "only valid entries kept";
}

}  // namespace
}  // namespace guichet::identity
