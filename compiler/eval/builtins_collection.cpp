// Array and object built-ins (Microsoft Learn: template-functions-array,
// template-functions-object), plus the string/array overloads of contains, empty,
// first, last, indexOf, lastIndexOf, length, skip and take.
#include <algorithm>
#include <limits>

#include <fmt/format.h>

#include "compiler/eval/builtins.h"

namespace bicepc::eval::detail {
namespace {

auto TypeError(std::string_view name, std::size_t i, std::string_view expected, const Json& v) -> Unexpected<FnError> {
  return Fail(fmt::format("The function '{}' expects {} for argument {}, but received a value of type '{}'.", name, expected,
                          i + 1, TypeName(v)),
              static_cast<int>(i));
}

auto ArrayFn(std::string_view, Args args) -> FnResult {
  if (args[0].is_array()) return args[0];
  Json out = Json::array();
  out.push_back(args[0]);
  return out;
}

auto CreateArray(std::string_view, Args args) -> FnResult {
  Json out = Json::array();
  for (const auto& a : args) out.push_back(a);
  return out;
}

auto CreateObject(std::string_view name, Args args) -> FnResult {
  if (args.size() % 2 != 0) {
    return Fail(fmt::format("The function '{}' expects an even number of arguments (key and value pairs), but received {}.",
                            name, args.size()));
  }
  Json out = Json::object();
  for (std::size_t i = 0; i < args.size(); i += 2) {
    if (!args[i].is_string()) return TypeError(name, i, "a string property name", args[i]);
    const auto& key = args[i].get_ref<const std::string&>();
    if (FindPropertyKey(out, key) != nullptr) {
      return Fail(fmt::format("The function '{}' received the property name '{}' more than once.", name, key),
                  static_cast<int>(i));
    }
    out[key] = args[i + 1];
  }
  return out;
}

auto Coalesce(std::string_view, Args args) -> FnResult {
  for (const auto& a : args) {
    if (!a.is_null()) return a;
  }
  return Json(nullptr);
}

auto Contains(std::string_view name, Args args) -> FnResult {
  const auto& container = args[0];
  const auto& item = args[1];
  if (container.is_object()) {
    // Keys compare case-insensitively.
    if (!IsText(item)) return TypeError(name, 1, "a string key", item);
    return Json(FindPropertyKey(container, TextOf(item)) != nullptr);
  }
  if (container.is_array()) {
    return Json(std::any_of(container.begin(), container.end(), [&](const Json& x) { return DeepEquals(x, item); }));
  }
  if (container.is_string()) {
    // Strings compare case-sensitively.
    if (item.is_array() || item.is_object()) return TypeError(name, 1, "a string", item);
    return Json(container.get_ref<const std::string&>().find(DisplayString(item)) != std::string::npos);
  }
  return TypeError(name, 0, "an array, an object or a string", container);
}

auto Empty(std::string_view name, Args args) -> FnResult {
  const auto& v = args[0];
  if (v.is_null()) return Json(true);
  if (v.is_array() || v.is_object()) return Json(v.empty());
  if (v.is_string()) return Json(v.get_ref<const std::string&>().empty());
  return TypeError(name, 0, "an array, an object or a string", v);
}

auto FirstLast(std::string_view name, Args args, bool first) -> FnResult {
  const auto& v = args[0];
  if (v.is_null()) return Json(nullptr);
  if (v.is_array()) {
    if (v.empty()) return Json(nullptr);
    return first ? v.front() : v.back();
  }
  if (v.is_string()) {
    auto u = ToUtf16(v.get_ref<const std::string&>());
    if (u.empty()) return Json("");
    return Json(FromUtf16(std::u16string(1, first ? u.front() : u.back())));
  }
  return TypeError(name, 0, "an array or a string", v);
}
auto First(std::string_view name, Args args) -> FnResult { return FirstLast(name, args, true); }
auto Last(std::string_view name, Args args) -> FnResult { return FirstLast(name, args, false); }

auto IndexOfImpl(std::string_view name, Args args, bool last) -> FnResult {
  const auto& container = args[0];
  const auto& item = args[1];
  if (container.is_null()) return Json(-1);
  if (container.is_array()) {
    auto n = static_cast<std::int64_t>(container.size());
    if (last) {
      for (std::int64_t i = n - 1; i >= 0; --i) {
        if (DeepEquals(container[static_cast<std::size_t>(i)], item)) return Json(i);
      }
    } else {
      for (std::int64_t i = 0; i < n; ++i) {
        if (DeepEquals(container[static_cast<std::size_t>(i)], item)) return Json(i);
      }
    }
    return Json(-1);
  }
  if (container.is_string()) {
    if (!IsText(item)) return TypeError(name, 1, "a string", item);
    // The comparison is case-insensitive; positions count UTF-16 code units.
    auto hay = ToUtf16(ToLowerInvariant(container.get_ref<const std::string&>()));
    auto needle = ToUtf16(ToLowerInvariant(TextOf(item)));
    auto pos = last ? hay.rfind(needle) : hay.find(needle);
    return Json(pos == std::u16string::npos ? std::int64_t{-1} : static_cast<std::int64_t>(pos));
  }
  return TypeError(name, 0, "an array or a string", container);
}
auto IndexOf(std::string_view name, Args args) -> FnResult { return IndexOfImpl(name, args, false); }
auto LastIndexOf(std::string_view name, Args args) -> FnResult { return IndexOfImpl(name, args, true); }

auto Length(std::string_view name, Args args) -> FnResult {
  const auto& v = args[0];
  if (v.is_null()) return Json(0);
  if (v.is_array() || v.is_object()) return Json(static_cast<std::int64_t>(v.size()));
  if (v.is_string()) return Json(static_cast<std::int64_t>(ToUtf16(v.get_ref<const std::string&>()).size()));
  return TypeError(name, 0, "an array, an object or a string", v);
}

auto SkipTake(std::string_view name, Args args, bool skip) -> FnResult {
  const auto& v = args[0];
  if (!v.is_array() && !IsText(v)) return TypeError(name, 0, "an array or a string", v);
  if (!IsInt(args[1])) return TypeError(name, 1, "an integer", args[1]);
  auto n = AsInt(args[1]);
  if (v.is_null()) return Json(nullptr);
  auto clamp = [&](std::size_t size) {
    return n <= 0 ? std::size_t{0} : static_cast<std::size_t>(std::min<std::int64_t>(n, static_cast<std::int64_t>(size)));
  };
  if (v.is_array()) {
    auto k = clamp(v.size());
    Json out = Json::array();
    auto begin = skip ? k : 0;
    auto end = skip ? v.size() : k;
    for (auto i = begin; i < end; ++i) out.push_back(v[i]);
    return out;
  }
  auto u = ToUtf16(v.get_ref<const std::string&>());
  auto k = clamp(u.size());
  return Json(FromUtf16(skip ? std::u16string_view{u}.substr(k) : std::u16string_view{u}.substr(0, k)));
}
auto Skip(std::string_view name, Args args) -> FnResult { return SkipTake(name, args, true); }
auto Take(std::string_view name, Args args) -> FnResult { return SkipTake(name, args, false); }

auto SameKind(std::string_view name, Args args) -> Expected<bool, FnError> {
  // true: arrays; false: objects.
  bool arrays = args[0].is_array();
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (arrays ? !args[i].is_array() : !args[i].is_object()) {
      return TypeError(name, i, arrays ? "an array (all arguments must be arrays or all objects)"
                                       : "an object (all arguments must be arrays or all objects)",
                       args[i]);
    }
  }
  return arrays;
}

auto Intersection(std::string_view name, Args args) -> FnResult {
  auto kind = SameKind(name, args);
  if (!kind) return MakeUnexpected(kind.error());
  if (*kind) {
    Json out = Json::array();
    for (const auto& item : args[0]) {
      if (std::any_of(out.begin(), out.end(), [&](const Json& x) { return DeepEquals(x, item); })) continue;
      bool everywhere = std::all_of(args.begin() + 1, args.end(), [&](const Json& other) {
        return std::any_of(other.begin(), other.end(), [&](const Json& x) { return DeepEquals(x, item); });
      });
      if (everywhere) out.push_back(item);
    }
    return out;
  }
  Json out = Json::object();
  for (const auto& [key, value] : args[0].items()) {
    bool everywhere = std::all_of(args.begin() + 1, args.end(), [&](const Json& other) {
      auto it = other.find(key);
      return it != other.end() && DeepEquals(*it, value);
    });
    if (everywhere) out[key] = value;
  }
  return out;
}

// Merges `patch` into `target`: nested objects merge recursively, anything else replaces.
// Keys match case-insensitively; the first spelling is kept.
void MergeInto(Json& target, const Json& patch, int depth) {
  for (const auto& [key, value] : patch.items()) {
    const std::string* existing = FindPropertyKey(target, key);
    if (existing == nullptr) {
      target[key] = value;
      continue;
    }
    auto& slot = target[*existing];
    if (slot.is_object() && value.is_object() && depth < kMaxEvalDepth) {
      MergeInto(slot, value, depth + 1);
    } else {
      slot = value;
    }
  }
}

auto Union(std::string_view name, Args args) -> FnResult {
  auto kind = SameKind(name, args);
  if (!kind) return MakeUnexpected(kind.error());
  if (*kind) {
    Json out = Json::array();
    for (const auto& a : args) {
      for (const auto& item : a) {
        if (std::none_of(out.begin(), out.end(), [&](const Json& x) { return DeepEquals(x, item); })) out.push_back(item);
      }
    }
    return out;
  }
  Json out = Json::object();
  for (const auto& a : args) MergeInto(out, a, 0);
  return out;
}

auto Items(std::string_view name, Args args) -> FnResult {
  if (!args[0].is_object()) return TypeError(name, 0, "an object", args[0]);
  std::vector<std::pair<std::string, const Json*>> entries;
  for (const auto& [key, value] : args[0].items()) entries.emplace_back(key, &value);
  // Sorted by key, ordinal ignoring case.
  std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    return ToUpperInvariant(a.first) < ToUpperInvariant(b.first);
  });
  Json out = Json::array();
  for (const auto& [key, value] : entries) {
    Json entry = Json::object();
    entry["key"] = key;
    entry["value"] = *value;
    out.push_back(std::move(entry));
  }
  return out;
}

auto ObjectKeys(std::string_view name, Args args) -> FnResult {
  if (!args[0].is_object()) return TypeError(name, 0, "an object", args[0]);
  Json out = Json::array();
  for (const auto& [key, value] : args[0].items()) {
    (void)value;
    out.push_back(key);
  }
  return out;
}

auto Range(std::string_view name, Args args) -> FnResult {
  if (!IsInt(args[0])) return TypeError(name, 0, "an integer", args[0]);
  if (!IsInt(args[1])) return TypeError(name, 1, "an integer", args[1]);
  auto start = AsInt(args[0]);
  auto count = AsInt(args[1]);
  if (count < 0 || count > 10000) {
    return Fail(fmt::format("The count argument of '{}' must be between 0 and 10000, but is {}.", name, count), 1);
  }
  if (start < std::numeric_limits<std::int32_t>::min() || start > std::numeric_limits<std::int32_t>::max() ||
      start + count - 1 > std::numeric_limits<std::int32_t>::max()) {
    return Fail(fmt::format("The arguments of '{}' are out of range: the sum of start and count must not exceed 2147483647.",
                            name));
  }
  Json out = Json::array();
  for (std::int64_t i = 0; i < count; ++i) out.push_back(start + i);
  return out;
}

auto MinMax(std::string_view name, Args args, bool want_min) -> FnResult {
  std::vector<Json> values;
  if (args.size() == 1 && args[0].is_array()) {
    values.assign(args[0].begin(), args[0].end());
  } else {
    values.assign(args.begin(), args.end());
  }
  if (values.empty()) return Fail(fmt::format("The function '{}' requires at least one value.", name), 0);
  bool any_float = false;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!values[i].is_number()) {
      return Fail(fmt::format("The function '{}' expects integers, but received a value of type '{}'.", name,
                              TypeName(values[i])),
                  args.size() == 1 ? 0 : static_cast<int>(i));
    }
    if (!IsInt(values[i])) any_float = true;
  }
  if (any_float) {
    double best = AsDouble(values[0]);
    for (const auto& v : values) best = want_min ? std::min(best, AsDouble(v)) : std::max(best, AsDouble(v));
    return Json(best);
  }
  std::int64_t best = AsInt(values[0]);
  for (const auto& v : values) best = want_min ? std::min(best, AsInt(v)) : std::max(best, AsInt(v));
  return Json(best);
}
auto Min(std::string_view name, Args args) -> FnResult { return MinMax(name, args, true); }
auto Max(std::string_view name, Args args) -> FnResult { return MinMax(name, args, false); }

auto Flatten(std::string_view name, Args args) -> FnResult {
  if (!args[0].is_array()) return TypeError(name, 0, "an array of arrays", args[0]);
  Json out = Json::array();
  for (const auto& inner : args[0]) {
    if (!inner.is_array()) {
      return Fail(fmt::format("The function '{}' expects an array of arrays, but an element is of type '{}'.", name,
                              TypeName(inner)),
                  0);
    }
    for (const auto& item : inner) out.push_back(item);
  }
  return out;
}

// One step of tryGet: null when the property or index is absent.
auto SafeGet(const Json& root, const Json& key) -> Json {
  if (root.is_object() && IsText(key)) {
    const auto* v = FindProperty(root, TextOf(key));
    return v != nullptr ? *v : Json(nullptr);
  }
  if (root.is_array() && IsInt(key)) {
    auto i = AsInt(key);
    if (i >= 0 && i < static_cast<std::int64_t>(root.size())) return root[static_cast<std::size_t>(i)];
  }
  return Json(nullptr);
}

auto TryGet(std::string_view name, Args args) -> FnResult {
  Json current = args[0];
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (!args[i].is_string() && !IsInt(args[i])) return TypeError(name, i, "a string or an integer", args[i]);
    if (current.is_null()) return Json(nullptr);
    current = SafeGet(current, args[i]);
  }
  return current;
}

auto FromEnd(std::string_view name, Args args, bool safe) -> FnResult {
  if (!args[0].is_array()) return TypeError(name, 0, "an array", args[0]);
  if (!IsInt(args[1])) return TypeError(name, 1, "an integer", args[1]);
  auto n = AsInt(args[1]);
  auto size = static_cast<std::int64_t>(args[0].size());
  if (n < 1 || n > size) {
    if (safe) return Json(nullptr);
    return Fail(fmt::format("The index {} from the end is out of bounds for an array of length {}.", n, size), 1);
  }
  return args[0][static_cast<std::size_t>(size - n)];
}
auto IndexFromEnd(std::string_view name, Args args) -> FnResult { return FromEnd(name, args, false); }
auto TryIndexFromEnd(std::string_view name, Args args) -> FnResult { return FromEnd(name, args, true); }

auto ShallowMerge(std::string_view name, Args args) -> FnResult {
  if (!args[0].is_array()) return TypeError(name, 0, "an array of objects", args[0]);
  Json out = Json::object();
  for (const auto& item : args[0]) {
    if (!item.is_object()) {
      return Fail(fmt::format("The function '{}' expects an array of objects, but an element is of type '{}'.", name,
                              TypeName(item)),
                  0);
    }
    for (const auto& [key, value] : item.items()) {
      const std::string* existing = FindPropertyKey(out, key);
      out[existing != nullptr ? *existing : key] = value;
    }
  }
  return out;
}

constexpr Builtin kCollectionBuiltins[] = {
    {"array", 1, 1, ArrayFn},
    {"coalesce", 1, -1, Coalesce},
    {"contains", 2, 2, Contains},
    {"createArray", 0, -1, CreateArray},
    {"createObject", 0, -1, CreateObject},
    {"empty", 1, 1, Empty},
    {"first", 1, 1, First},
    {"flatten", 1, 1, Flatten},
    {"indexFromEnd", 2, 2, IndexFromEnd},
    {"indexOf", 2, 2, IndexOf},
    {"intersection", 2, -1, Intersection},
    {"items", 1, 1, Items},
    {"last", 1, 1, Last},
    {"lastIndexOf", 2, 2, LastIndexOf},
    {"length", 1, 1, Length},
    {"max", 1, -1, Max},
    {"min", 1, -1, Min},
    {"objectKeys", 1, 1, ObjectKeys},
    {"range", 2, 2, Range},
    {"shallowMerge", 1, 1, ShallowMerge},
    {"skip", 2, 2, Skip},
    {"take", 2, 2, Take},
    {"tryGet", 2, -1, TryGet},
    {"tryIndexFromEnd", 2, 2, TryIndexFromEnd},
    {"union", 2, -1, Union},
};

}  // namespace

auto CollectionBuiltins() -> std::span<const Builtin> { return kCollectionBuiltins; }

}  // namespace bicepc::eval::detail
