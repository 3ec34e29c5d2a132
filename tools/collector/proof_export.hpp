// Stored proofs for an audit: JSON Lines (each line a proof as received,
// canonically encoded) or CSV (one row per decision, readable times).
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace kjeks::collector {

enum class ExportFormat { Jsonl, Csv };

void write_export(std::ostream& out, const std::vector<std::string>& proofs, ExportFormat format);

}  // namespace kjeks::collector
