// A main() for the fuzz targets when they are built without libFuzzer (gcc, the main and ASan
// builds): runs LLVMFuzzerTestOneInput once over every file named on the command line, or every
// file in a named folder, so ctest replays the seed corpus and every saved regression input.
// Exits non-zero when a folder or file cannot be read or none was given.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

bool RunFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "replay: cannot read %s\n", path.c_str());
    return false;
  }
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // A copy of exactly `size` bytes, so ASan sees reads past the end as libFuzzer would.
  std::vector<uint8_t> copy(bytes.begin(), bytes.end());
  LLVMFuzzerTestOneInput(copy.data(), copy.size());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  int files = 0;
  for (int i = 1; i < argc; ++i) {
    const std::filesystem::path p(argv[i]);
    std::error_code ec;
    if (std::filesystem::is_directory(p, ec)) {
      for (const auto& e : std::filesystem::directory_iterator(p)) {
        if (!e.is_regular_file()) continue;
        if (!RunFile(e.path())) return 2;
        ++files;
      }
    } else {
      if (!RunFile(p)) return 2;
      ++files;
    }
  }
  if (files == 0) {
    std::fprintf(stderr, "replay: no input files\n");
    return 2;
  }
  std::printf("replay: %d inputs ran\n", files);
  return 0;
}
