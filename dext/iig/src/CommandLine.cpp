#include "CommandLine.h"

#include <stdexcept>

namespace dkiig {
namespace {

std::string *optionSlot(Options &options, const std::string &name)
{
    if (name == "--input") return &options.input;
    if (name == "--header") return &options.header;
    if (name == "--impl") return &options.impl;
    return nullptr;
}

} // namespace

Options parseCommandLine(int argc, const char *const argv[])
{
    Options options;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            options.help = true;
            return options;
        }
        /* Both "--input PATH" and "--input=PATH". */
        std::string name = arg;
        std::string value;
        bool inlineValue = false;
        std::size_t eq = arg.find('=');
        if (eq != std::string::npos) {
            name = arg.substr(0, eq);
            value = arg.substr(eq + 1);
            inlineValue = true;
        }
        std::string *slot = optionSlot(options, name);
        if (!slot) throw std::invalid_argument("unknown argument '" + arg + "'");
        if (!inlineValue) {
            if (i + 1 >= argc) throw std::invalid_argument(name + " needs a path");
            value = argv[++i];
        }
        if (value.empty()) throw std::invalid_argument(name + " needs a path");
        if (!slot->empty()) throw std::invalid_argument(name + " given twice");
        *slot = value;
    }
    if (options.input.empty()) throw std::invalid_argument("missing --input");
    if (options.header.empty()) throw std::invalid_argument("missing --header");
    if (options.impl.empty()) throw std::invalid_argument("missing --impl");
    return options;
}

std::string usageText()
{
    return "usage: dkiig --input PATH/Name.iig --header OUT/Name.h --impl OUT/Name.iig.cpp\n"
           "\n"
           "Turns a DriverKit .iig into the header its .cpp includes and a small implementation\n"
           "file, for the ConformanceKit user-space DriverKit runtime.\n"
           "\n"
           "Exit status: 0 success; 1 the input is malformed or unsupported (one line\n"
           "'PATH:LINE: error: message' on stderr, no output written) or output failed;\n"
           "2 usage error.\n";
}

} // namespace dkiig
