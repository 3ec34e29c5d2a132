// What the core tells the browser layer: effects as JSON commands, and the
// consent snapshot the JS API returns.
#pragma once

#include <string>
#include <vector>

#include "kjeks/config.hpp"
#include "kjeks/machine.hpp"

namespace kjeks {

// A JSON array of commands, one per effect, in order:
//   {"op":"icon","node":N}        {"op":"banner","node":N}   {"op":"hideBanner"}
//   {"op":"dialog","node":N}      {"op":"hideDialog"}
//   {"op":"store","key":K,"text":T}                        {"op":"remove","key":K}
//   {"op":"load","category":C,"beacon":{"src","endpoint","integrity"}?}
//   {"op":"stop","category":C,"storage":[{"name","kind"}],"beacon":true?}
//   {"op":"proof","endpoint":E,"body":B}
//   {"op":"change","consent":{C:bool},"method":M,"id":I,"decided":bool,"gpc":bool}
//   {"op":"focus","target":"dialog"|"opener"}
// N is a node tree as view.hpp's to_json writes it. When the config has
// loading_disabled, "load" commands are dropped (fail closed).
std::string effects_to_json(const Config& config, const State& state,
                            const std::vector<Effect>& effects);

// {"necessary":true,"analytics":false,...} for every configured category.
std::string consent_json(const Config& config, const State& state);

}  // namespace kjeks
