#include <doctest/doctest.h>

#include "compiler/source/source_file.h"

using bicepc::source::SourceFile;

TEST_CASE("line map locates offsets on LF / CRLF and lone CR line ends") {
  SourceFile file{"a.bicep", "ab\ncd\r\nef\rgh"};
  CHECK(file.Locate(0).line == 0);
  CHECK(file.Locate(1).column == 1);
  CHECK(file.Locate(3).line == 1);
  CHECK(file.Locate(3).column == 0);
  CHECK(file.Locate(7).line == 2);
  CHECK(file.Locate(10).line == 3);
  CHECK(file.Locate(11).column == 1);
}

TEST_CASE("columns count UTF-16 code units") {
  // "é" is 2 bytes / 1 UTF-16 unit; U+1F600 is 4 bytes / 2 UTF-16 units.
  SourceFile file{"a.bicep", "\xC3\xA9x\xF0\x9F\x98\x80y"};
  CHECK(file.Locate(2).column == 1);
  CHECK(file.Locate(7).column == 4);
}

TEST_CASE("offsets past the end clamp to the end") {
  SourceFile file{"a.bicep", "abc"};
  CHECK(file.Locate(100).column == 3);
  SourceFile empty{"e.bicep", ""};
  CHECK(empty.Locate(0).line == 0);
}

TEST_CASE("a byte-order mark takes no column") {
  SourceFile file{"a.bicep", "\xEF\xBB\xBFvar x\nvar y"};
  CHECK(file.Locate(0).column == 0);
  CHECK(file.Locate(3).column == 0);
  CHECK(file.Locate(7).column == 4);
  CHECK(file.Locate(9).line == 1);
  CHECK(file.Locate(13).column == 4);
}
