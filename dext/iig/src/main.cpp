/* dkiig: the .iig step of a dext build (see Tool.h). */
#include <iostream>

#include "Tool.h"

int main(int argc, char **argv) { return dkiig::runTool(argc, argv, std::cout, std::cerr); }
