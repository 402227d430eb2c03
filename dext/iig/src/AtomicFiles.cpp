#include "AtomicFiles.h"

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <system_error>

#include <unistd.h>

namespace dkiig {
namespace {

namespace fs = std::filesystem;

/* Same directory as the target, so the final rename never crosses a file system. The pid keeps
 * parallel builds that generate the same file from clobbering each other's temporary. */
fs::path temporaryPathFor(const fs::path &target)
{
    return target.parent_path() / ("." + target.filename().string() + ".dkiig-" + std::to_string(getpid()));
}

void removeAll(const std::vector<fs::path> &paths)
{
    for (const fs::path &p : paths) {
        std::error_code ignored; /* best effort: the error being reported matters more */
        fs::remove(p, ignored);
    }
}

void writeOne(const fs::path &path, const std::string &contents)
{
    std::error_code ec;
    if (!path.parent_path().empty()) fs::create_directories(path.parent_path(), ec);
    if (ec) throw std::runtime_error("cannot create directory " + path.parent_path().string() + ": " + ec.message());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    out.close();
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

} // namespace

void writeFilesAtomically(const std::vector<OutputFile> &files)
{
    std::vector<fs::path> temporaries;
    try {
        for (const OutputFile &file : files) {
            temporaries.push_back(temporaryPathFor(file.path));
            writeOne(temporaries.back(), file.contents);
        }
        for (std::size_t i = 0; i < files.size(); ++i) {
            std::error_code ec;
            fs::rename(temporaries[i], files[i].path, ec);
            if (ec)
                throw std::runtime_error("cannot rename " + temporaries[i].string() + " to " + files[i].path + ": " +
                                         ec.message());
        }
    } catch (...) {
        removeAll(temporaries);
        throw;
    }
}

} // namespace dkiig
