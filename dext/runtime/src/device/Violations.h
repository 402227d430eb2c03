/*
 * Rules the runtime itself sees broken, where no return code or crash would show it: pipe IO after
 * the dext's Stop, a DMA command left prepared, a buffer mapped for DMA that outlives its command.
 * Each is recorded with the conformance rule id it breaks (README, "The conformance rules") and taken
 * by the harness with dksim_take_violation, which judges it like any other observation.
 */
#ifndef DKSIM_VIOLATIONS_H
#define DKSIM_VIOLATIONS_H

#include <string>

namespace dksim {

/* The rule ids the runtime reports; the harness's catalog names the same strings. */
constexpr const char *kRuleDeviceStoppedIO = "device.io-after-stop";
constexpr const char *kRuleDeviceDmaBalance = "device.dma-balance";

/* Records a violation for the connection running now (0: the dext's own work). Lock held. */
void ReportViolation(const char *rule, const std::string &message);

} // namespace dksim

#endif
