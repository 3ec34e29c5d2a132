#include "postgres_storage.hpp"
#include "sqlite_storage.hpp"
#include "storage.hpp"

namespace kjeks::collector {

std::unique_ptr<Storage> open_storage(const std::string& database) {
    if (database.rfind("postgresql://", 0) == 0 || database.rfind("postgres://", 0) == 0) {
        return open_postgres_storage(database);
    }
    return open_sqlite_storage(database);
}

}  // namespace kjeks::collector
