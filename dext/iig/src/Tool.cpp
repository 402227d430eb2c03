#include "Tool.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include "AtomicFiles.h"
#include "CommandLine.h"
#include "Diagnostic.h"
#include "Generator.h"

namespace dkiig {
namespace {

bool readFile(const std::string &path, std::string &contents)
{
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) return false;
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream buffer;
    buffer << in.rdbuf();
    contents = buffer.str();
    return !in.bad();
}

std::string fileName(const std::string &path) { return std::filesystem::path(path).filename().string(); }

} // namespace

int runTool(int argc, const char *const argv[], std::ostream &out, std::ostream &err)
{
    Options options;
    try {
        options = parseCommandLine(argc, argv);
    } catch (const std::invalid_argument &e) {
        err << "dkiig: error: " << e.what() << " (see dkiig --help)\n";
        return kExitUsage;
    }
    if (options.help) {
        out << usageText();
        return kExitSuccess;
    }

    std::string source;
    if (!readFile(options.input, source)) {
        err << options.input << ": error: cannot read the input file\n";
        return kExitFailure;
    }
    GeneratedFiles generated;
    try {
        generated = generate(source, OutputNames{fileName(options.input), fileName(options.header)});
    } catch (const IigError &e) {
        err << e.format(options.input) << "\n";
        return kExitFailure;
    }
    try {
        writeFilesAtomically({{options.header, generated.header}, {options.impl, generated.impl}});
    } catch (const std::exception &e) {
        err << "dkiig: error: " << e.what() << "\n";
        return kExitFailure;
    }
    return kExitSuccess;
}

} // namespace dkiig
