// Binary layout of the embedded resource type catalogue (stdlib/types/catalogue.bin).
// Written by tools/gen-types, read by stdlib/types/resource_types.cpp. Everything is a
// little-endian uint32 word; "str" is an index into the string table, "type" an index
// into the type table. Bump kCatalogueVersion on any change.
#pragma once

#include <cstdint>

namespace bicepc::stdlib::types::format {

inline constexpr std::uint32_t kMagic = 0x54434342;  // "BCCT"
inline constexpr std::uint32_t kCatalogueVersion = 2;
inline constexpr std::uint32_t kNone = 0xFFFFFFFFu;

// Header: word offsets of the sections.
enum HeaderWord : std::uint32_t {
  kHdrMagic,
  kHdrVersion,
  kHdrStringCount,
  kHdrStringIndex,    // u32[string_count + 1]: byte offsets into the string data
  kHdrStringData,     // byte offset of the string bytes (not NUL-terminated)
  kHdrTypeCount,
  kHdrTypeIndex,      // u32[type_count]: word offset of each type record
  kHdrKnownTypeCount,
  kHdrKnownTypes,     // known_type_count x KnownTypeWord entries, sorted by ASCII-lower-cased name
  kHdrVersionCount,
  kHdrVersions,       // version_count x VersionWord entries, grouped per known type, sorted by api-version
  kHdrBodyCount,      // number of versions that carry a body type
  kHdrGenericBody,    // Bicep's generic resource body (known top-level properties), see gen_types.cpp
  kHdrTotalWords,
  kHdrWords,
};

enum KnownTypeWord : std::uint32_t { kKtName, kKtFirstVersion, kKtVersionCount, kKtWords };
// kVerScopes: readable scopes | writable scopes << 8 (bicep-types ScopeType bits); kNone when no body.
enum VersionWord : std::uint32_t { kVerApiVersion, kVerBody, kVerScopes, kVerWords };

enum class Kind : std::uint8_t { Any, Null, Bool, Int, String, StringLiteral, Array, Object, DiscriminatedObject, Union };

// Type record word 0: kind | bit flags below.
inline constexpr std::uint32_t kHasMin = 1u << 8;
inline constexpr std::uint32_t kHasMax = 1u << 9;
inline constexpr std::uint32_t kHasPattern = 1u << 10;
inline constexpr std::uint32_t kSensitive = 1u << 11;
inline constexpr std::uint32_t kHasAdditional = 1u << 12;
// Built-in (Bicep-defined, not swagger-derived) Object/Array types: validated strictly
// (TypeSymbolValidationFlags.Default), i.e. unknown properties and bad items are errors.
inline constexpr std::uint32_t kStrict = 1u << 13;

// Property flags word: the bicep-types flags, plus
inline constexpr std::uint32_t kPropNoImplicitNull = 1u << 8;  // built-in property: null is not implied

// Record layouts after word 0:
//   Int:                 min_lo min_hi max_lo max_hi           (int64 two's complement)
//   String:              min_length max_length pattern_str
//   StringLiteral:       value_str
//   Array:               item_type min_length max_length
//   Object:              name_str additional_type prop_count {name_str type flags}*   (props sorted ordinal)
//   DiscriminatedObject: name_str discriminator_str prop_count {name_str type flags}* element_count {key_str type}*
//   Union:               member_count member_type*
// Any, Null, Bool: no further words.
inline constexpr std::uint32_t kPropWords = 3;

}  // namespace bicepc::stdlib::types::format
