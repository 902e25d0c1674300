#include "storage/server_key.h"

#include <sodium.h>

namespace guichet::storage {

core::Result<std::string> load_or_create_server_key(Database& database) {
    return database.transact([](soci::session& session) -> core::Result<std::string> {
        unsigned char random[32];
        randombytes_buf(random, sizeof random);
        std::string encoded(sodium_base64_encoded_len(sizeof random, sodium_base64_VARIANT_ORIGINAL), '\0');
        sodium_bin2base64(encoded.data(), encoded.size(), random, sizeof random, sodium_base64_VARIANT_ORIGINAL);
        encoded.resize(encoded.size() - 1);
        session << "INSERT INTO server_key (id, key_base64) VALUES (1, :k) ON CONFLICT (id) DO NOTHING",
            soci::use(encoded);
        std::string stored;
        session << "SELECT key_base64 FROM server_key WHERE id = 1", soci::into(stored);
        std::string key(stored.size(), '\0');
        std::size_t length = 0;
        if (sodium_base642bin(reinterpret_cast<unsigned char*>(key.data()), key.size(), stored.data(), stored.size(),
                              nullptr, &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0 ||
            length != 32) {
            return core::fail(core::make_error(core::ErrorCode::internal, "error_internal")
                                  .with_detail("the stored server key is damaged"));
        }
        key.resize(length);
        return key;
    });
}

}  // namespace guichet::storage
