#include "TestFiles.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace dkiig_test {

std::string fixturePath(const std::string &relative) { return std::string(DKIIG_FIXTURE_DIR) + "/" + relative; }

std::string readText(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

void writeText(const std::string &path, const std::string &text)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + path);
}

bool updatingGoldens()
{
    const char *value = std::getenv("DKIIG_UPDATE_GOLDEN");
    return value && std::string(value) == "1";
}

} // namespace dkiig_test
