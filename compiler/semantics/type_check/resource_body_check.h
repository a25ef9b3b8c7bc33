// Resource-body checks: a `resource` declaration's body object against the Azure resource
// type catalogue (stdlib/types), with the official codes, levels and wording:
//   BCP081 type@api-version unknown, BCP035 missing required properties, BCP037/BCP089
//   property not allowed (with "did you mean"), BCP073 read-only property assigned,
//   BCP036/BCP088 value of the wrong type or not one of the allowed literals, BCP034 array
//   item of the wrong type, BCP078 missing discriminator, BCP187 fallback top-level
//   property, BCP327/BCP328 integer out of range, BCP332/BCP333 string length.
// Only values whose type follows from the syntax alone are checked (literals, objects,
// arrays, interpolated strings); references and function calls are skipped until the
// binder provides expression types. See README.md in this folder.
#pragma once

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/syntax/syntax_tree.h"
#include "stdlib/types/resource_types.h"

namespace bicepc::semantics::type_check {

struct ResourceCheckOptions {
  // The catalogue to check against; nullptr = the embedded one.
  const stdlib::types::Catalogue* catalogue = nullptr;
  // Report BCP081 for type@api-versions the catalogue does not know by name.
  bool report_unavailable_types = true;
};

// Checks one top-level ResourceDecl node (layout in node_kind.def) and, recursively, the
// resources nested in its body (whose type is the parent's type + '/' + their own).
// Diagnostics go to `sink`, against tree.file().
void CheckResourceBody(const syntax::SyntaxTree& tree, syntax::NodeId resource_decl,
                       diagnostics::DiagnosticSink& sink, const ResourceCheckOptions& options = {});

// Checks every top-level ResourceDecl of the program.
void CheckResources(const syntax::SyntaxTree& tree, diagnostics::DiagnosticSink& sink,
                    const ResourceCheckOptions& options = {});

}  // namespace bicepc::semantics::type_check
