// The emit phase's entry point: ir::Template -> ARM template JSON (ordered as the official
// compiler orders it). Serialization to text (WriteJson) and templateHash live beside it.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "compiler/ir/template.h"

namespace bicepc::emit {

struct EmitOptions {
  std::string generator_name = "bicep";
  std::string generator_version = "dev";
  // Compiled module templates (with their own templateHash), by module path as written.
  std::map<std::string, nlohmann::ordered_json> module_templates;
};

// The template without metadata._generator.templateHash (the driver adds it after hashing).
auto EmitTemplate(const ir::Template& tmpl, const EmitOptions& options) -> nlohmann::ordered_json;

// An IR expression as ARM expression-language text (without the surrounding brackets).
auto ExpressionText(const ir::Expr& expr) -> std::string;

// An IR expression as a JSON template value: literals stay JSON, objects and arrays stay
// JSON structures, everything else becomes a "[...]" expression string.
auto ExpressionValue(const ir::Expr& expr) -> nlohmann::ordered_json;

}  // namespace bicepc::emit
