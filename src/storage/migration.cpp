#include "storage/migration.h"

#include <algorithm>
#include <stdexcept>

#include "storage/postgres/postgres_backend.h"
#include "storage/sqlite/sqlite_backend.h"

namespace guichet::storage {

std::string render_statement(std::string_view statement, const Dialect& dialect) {
    std::string rendered;
    rendered.reserve(statement.size() + 32);
    while (!statement.empty()) {
        const auto open = statement.find('{');
        rendered.append(statement.substr(0, open));
        if (open == std::string_view::npos) {
            break;
        }
        const auto close = statement.find('}', open);
        if (close == std::string_view::npos) {
            throw std::invalid_argument("Unclosed dialect word in: " + std::string(statement));
        }
        const std::string_view word = statement.substr(open + 1, close - open - 1);
        if (word == "id") {
            rendered.append(dialect.id);
        } else if (word == "int") {
            rendered.append(dialect.integer);
        } else if (word == "strict") {
            rendered.append(dialect.strict);
        } else {
            throw std::invalid_argument("Unknown dialect word {" + std::string(word) + "}");
        }
        statement.remove_prefix(close + 1);
    }
    return rendered;
}

const Dialect& dialect_of(Backend backend) {
    return backend == Backend::sqlite ? sqlite::dialect() : postgres::dialect();
}

const std::vector<Migration>& all_migrations() {
    static const std::vector<Migration> kAll = [] {
        std::vector<Migration> all;
        // One line per module that owns tables; the order here does not matter, versions decide.
        for (auto&& module : {tenancy_migrations(), identity_migrations(), family_migrations(), jobs_migrations(),
                              catalog_migrations(), booking_migrations()}) {
            all.insert(all.end(), module.begin(), module.end());
        }
        std::sort(all.begin(), all.end(), [](const Migration& a, const Migration& b) { return a.version < b.version; });
        for (std::size_t i = 0; i < all.size(); ++i) {
            if (all[i].version != static_cast<int>(i + 1)) {
                throw std::logic_error("Migration versions must run 1, 2, 3… without gap or duplicate; found " +
                                       std::to_string(all[i].version) + " (" + std::string(all[i].name) +
                                       ") at position " + std::to_string(i + 1));
            }
        }
        return all;
    }();
    return kAll;
}

}  // namespace guichet::storage
