// Storage in one SQLite file: WAL, synchronous=FULL (a write is on disk when it returns).
#pragma once

#include <memory>
#include <string>

#include "storage.hpp"

namespace kjeks::collector {

std::unique_ptr<Storage> open_sqlite_storage(const std::string& path);

}  // namespace kjeks::collector
