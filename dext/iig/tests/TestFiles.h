/*
 * Fixture access for the dkiig tests. Golden files are regenerated, instead of compared, when
 * DKIIG_UPDATE_GOLDEN=1 is set: review the diff, then commit it.
 */
#ifndef DKIIG_TESTS_TESTFILES_H
#define DKIIG_TESTS_TESTFILES_H

#include <string>

namespace dkiig_test {

std::string fixturePath(const std::string &relative);
std::string readText(const std::string &path);
void writeText(const std::string &path, const std::string &text);
bool updatingGoldens();

} // namespace dkiig_test

#endif
