#include "device/Violations.h"

#include "core/Runtime.h"

namespace dksim {

/* Kept like HID reports: a dext that breaks a rule on every transfer must not grow without bound. */
static constexpr size_t kMaxViolations = 256;

void ReportViolation(const char *rule, const std::string &message)
{
    Runtime &runtime = Runtime::get();
    if (runtime.violations.size() >= kMaxViolations) return;
    Violation violation;
    violation.rule = rule;
    violation.message = message;
    violation.timeNs = runtime.now();
    violation.connection = runtime.currentConnection;
    runtime.violations.push_back(violation);
    runtime.appendLog("dksim: " + std::string(rule) + ": " + message);
}

} // namespace dksim
