#include "compiler/driver/output.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include <fmt/format.h>

namespace bicepc::driver {
namespace {

auto ErrnoText() -> std::string { return std::strerror(errno); }

// Permissions a newly created file would get: 0666 minus the process umask.
auto DefaultFileMode() -> mode_t {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return static_cast<mode_t>(0666 & ~mask);
}

}  // namespace

auto WriteFileAtomically(const std::string& path, std::string_view contents) -> std::optional<std::string> {
  namespace fs = std::filesystem;
  const fs::path target{path};
  fs::path dir = target.parent_path();
  if (dir.empty()) dir = ".";

  std::string templ = (dir / fmt::format(".{}.tmp.XXXXXX", target.filename().string())).string();
  std::vector<char> name(templ.begin(), templ.end());
  name.push_back('\0');
  const int fd = ::mkstemp(name.data());
  if (fd < 0) return fmt::format("Could not create a temporary file in \"{}\": {}", dir.string(), ErrnoText());
  const std::string temp_path{name.data()};

  auto fail = [&](std::string message) -> std::optional<std::string> {
    ::close(fd);
    ::unlink(temp_path.c_str());
    return message;
  };

  // Keep the mode of an existing target; otherwise what a plain create would give.
  struct stat existing {};
  const mode_t mode = ::stat(path.c_str(), &existing) == 0 ? (existing.st_mode & 07777) : DefaultFileMode();
  if (::fchmod(fd, mode) != 0) return fail(fmt::format("Could not set permissions on \"{}\": {}", temp_path, ErrnoText()));

  std::size_t written = 0;
  while (written < contents.size()) {
    const auto n = ::write(fd, contents.data() + written, contents.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail(fmt::format("Could not write \"{}\": {}", temp_path, ErrnoText()));
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) return fail(fmt::format("Could not flush \"{}\": {}", temp_path, ErrnoText()));
  if (::close(fd) != 0) {
    ::unlink(temp_path.c_str());
    return fmt::format("Could not close \"{}\": {}", temp_path, ErrnoText());
  }
  if (::rename(temp_path.c_str(), path.c_str()) != 0) {
    const auto message = fmt::format("Could not write \"{}\": {}", path, ErrnoText());
    ::unlink(temp_path.c_str());
    return message;
  }
  // Make the rename itself durable; failure here does not undo a completed write.
  const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
  return std::nullopt;
}

}  // namespace bicepc::driver
