#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace guichet::identity {

class AuthenticationService;
class Reauthentication;
namespace testing {
struct PasswordHasherProbe;
}

// Cost of one argon2id hash. The default is OWASP's minimum for argon2id (19 MiB, 2 passes, 1 lane): about 16 ms
// on the reference machine. Tests may use the library's minimum to run fast.
struct HashCost {
    unsigned long long operations = 2;
    std::size_t memory_bytes = 19 * 1024 * 1024;
};

// Hashes and checks passwords with argon2id (libsodium). The hash string carries its own salt and parameters.
// Thread-safe. Slow on purpose: call it from a worker pool, never from a thread serving the network.
class PasswordHasher {
  public:
    explicit PasswordHasher(HashCost cost);

    // Returns the encoded hash ("$argon2id$v=19$m=19456,t=2,p=1$…"). Throws std::bad_alloc if the memory cannot be
    // had, which the caller treats as an internal error.
    [[nodiscard]] std::string hash(std::string_view password) const;

    // Spends the time of a verification without a hash to compare with, so that "no such account" takes as long as
    // "wrong password" and timing tells an attacker nothing.
    void verify_nothing(std::string_view password) const;

    // Returns true when the hash was made with other parameters than the current cost and should be replaced at the
    // next successful login.
    [[nodiscard]] bool needs_rehash(std::string_view hash) const;

    [[nodiscard]] const HashCost& cost() const { return m_cost; }

  private:
    // Returns true when the password matches the hash. An empty or malformed hash never matches. Private: a
    // password is checked at sign-in (throttled there) or by Reauthentication (throttled there), nowhere else.
    [[nodiscard]] bool verify(std::string_view hash, std::string_view password) const;
    friend class AuthenticationService;
    friend class Reauthentication;
    friend struct testing::PasswordHasherProbe;

    HashCost m_cost;
    std::string m_decoy_hash;
};

}  // namespace guichet::identity
