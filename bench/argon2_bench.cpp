// Cost of one argon2id hash and one verification at the portal's settings, and what that means for sign-ins per
// second on one core. Usage: guichet_argon2_bench [memory KiB] [passes] [rounds]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "identity/password_hasher.h"

int main(int argc, char** argv) {
    const std::size_t memory_kib = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 19 * 1024;
    const unsigned long long passes = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 2;
    const int rounds = argc > 3 ? std::atoi(argv[3]) : 20;
    const guichet::identity::PasswordHasher hasher({passes, memory_kib * 1024});
    const std::string password = "le chat dort sur le radiateur";
    // verify() is reserved to the throttled sign-in and re-authentication; verify_nothing does the same work (one
    // argon2id hash at these settings, compared with a decoy).
    const auto started = std::chrono::steady_clock::now();
    for (int i = 0; i < rounds; ++i) {
        hasher.verify_nothing(password);
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const double per_hash_ms = seconds * 1000.0 / rounds;
    std::printf("argon2id m=%zu KiB t=%llu p=1: %.1f ms per verification (%d rounds), %.1f verifications/s per core\n",
                memory_kib, passes, per_hash_ms, rounds, 1000.0 / per_hash_ms);
    return 0;
}
