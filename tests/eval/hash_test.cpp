// Hashes behind uniqueString() and guid(), checked against values the official Bicep
// compiler produced (corpus/bicep-baselines/bicepparam/Expressions: parameters.bicepparam
// -> parameters.json), standard test vectors, and RFC 4122 reference values.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include "compiler/eval/hash.h"
#include "stdlib/arm_hash.h"
#include "tests/eval/eval_test_support.h"

namespace bicepc::eval {
namespace {

using testing::Run;

auto Hex(const std::array<std::uint8_t, 20>& d) -> std::string {
  std::string s;
  for (auto b : d) s += fmt::format("{:02x}", b);
  return s;
}

TEST_CASE("uniqueString: value from the official compiler's bicepparam baseline") {
  // baselines_bicepparam/Expressions: uniqueString('asd', 'asdf', 'asdf') -> "iizpqit7ih3cc"
  CHECK(Run("[uniqueString('asd', 'asdf', 'asdf')]") == "iizpqit7ih3cc");
  CHECK(stdlib::UniqueStringOf("asd-asdf-asdf") == "iizpqit7ih3cc");
}

TEST_CASE("guid: value from the official compiler's bicepparam baseline") {
  // baselines_bicepparam/Expressions: guid('asdf') -> "228d27cc-6fdb-5934-b7ac-1efccebade04"
  CHECK(Run("[guid('asdf')]") == "228d27cc-6fdb-5934-b7ac-1efccebade04");
}

TEST_CASE("uniqueString and guid: shape / joining with '-' / argument types") {
  auto u = Run("[uniqueString(resourceGroup().id)]");
  REQUIRE(u.is_string());
  CHECK(u.get<std::string>().size() == 13);
  CHECK(u.get<std::string>().find_first_not_of("abcdefghijklmnopqrstuvwxyz234567") == std::string::npos);
  // Arguments are joined with '-' before hashing.
  CHECK(Run("[uniqueString('a', 'b')]") == Run("[uniqueString('a-b')]"));
  CHECK(Run("[guid('test', 'test2')]") == Run("[guid('test-test2')]"));
  CHECK(testing::ErrorOf("[uniqueString(1)]").find("expects a string") != std::string::npos);
  CHECK(testing::ErrorOf("[guid(createArray())]").find("expects a string") != std::string::npos);
  CHECK(testing::ErrorOf("[uniqueString()]").find("expects at least 1 argument") != std::string::npos);
}

TEST_CASE("UuidV5 matches RFC 4122 name-based UUIDs (reference: Python uuid.uuid5)") {
  // Namespace DNS 6ba7b810-9dad-11d1-80b4-00c04fd430c8, name "python.org"
  constexpr std::array<std::uint8_t, 16> kDns = {0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1,
                                                 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};
  CHECK(UuidV5(kDns, "python.org") == "886313e1-3b8a-5372-9b90-0c9aee199e5d");
  // ARM namespace 11fb06fb-712d-4ddd-98c7-e71bbd588830 (uuid.uuid5 on the same inputs)
  CHECK(ArmGuidOf("test") == "d6a5baf1-8b9b-542a-8525-2982f1f98a0c");
  CHECK(ArmGuidOf("") == "e655a85f-3ab2-5e4a-9666-569aa72a5a10");
  CHECK(ArmGuidOf("h\xc3\xa9llo") == "344d46d5-ee69-50eb-9399-360ef14aa954");  // UTF-8 bytes
}

TEST_CASE("Sha1: FIPS 180 test vectors") {
  CHECK(Hex(Sha1("abc")) == "a9993e364706816aba3e25717850c26c9cd0d89d");
  CHECK(Hex(Sha1("")) == "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  CHECK(Hex(Sha1("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
        "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  CHECK(Hex(Sha1(std::string(1000000, 'a'))) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}

TEST_CASE("MurmurHash64: every tail length is mixed") {
  // Values differ for all prefixes of a 17-byte string (covers 0..7 tail bytes and two blocks).
  std::string s = "abcdefghijklmnopq";
  std::vector<std::uint64_t> seen;
  for (std::size_t n = 0; n <= s.size(); ++n) {
    auto h = stdlib::MurmurHash64(std::string_view{s}.substr(0, n));
    for (auto x : seen) CHECK(x != h);
    seen.push_back(h);
  }
  CHECK(stdlib::MurmurHash64("") == 0);  // seed 0, length 0: every step keeps zero
}

TEST_CASE("base64: RFC 4648 vectors and strict decoding") {
  CHECK(Base64Encode("") == "");
  CHECK(Base64Encode("f") == "Zg==");
  CHECK(Base64Encode("fo") == "Zm8=");
  CHECK(Base64Encode("foo") == "Zm9v");
  CHECK(Base64Encode("foobar") == "Zm9vYmFy");
  CHECK(Base64Decode("Zm9vYmE=") == std::optional<std::string>{"fooba"});
  CHECK(Base64Decode("Zg==") == std::optional<std::string>{"f"});
  CHECK_FALSE(Base64Decode("Zg=").has_value());
  CHECK_FALSE(Base64Decode("Z===").has_value());
  CHECK_FALSE(Base64Decode("Zm9v!A==").has_value());
  CHECK_FALSE(Base64Decode("Zg==Zg==").has_value());
}

}  // namespace
}  // namespace bicepc::eval
