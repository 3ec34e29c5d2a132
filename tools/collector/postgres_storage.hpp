// Storage in PostgreSQL through libpqxx; each write is one committed transaction.
#pragma once

#include <memory>
#include <string>

#include "storage.hpp"

namespace kjeks::collector {

std::unique_ptr<Storage> open_postgres_storage(const std::string& url);

}  // namespace kjeks::collector
