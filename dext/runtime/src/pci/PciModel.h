/*
 * The simulated PCI function behind an IOPCIDevice nub: its 4 KiB configuration space, its BARs with
 * their backing bytes, its MSI vectors and the registry properties the kernel publishes for a PCI nub.
 * Built from the device description (docs/devices.md, "PCI") or, without one, from the personality's
 * IOPCIMatch / IOPCIPrimaryMatch / IOPCIClassMatch with the family's defaults. Shared (shared_ptr) by
 * the nub and every descriptor over a BAR, so a BAR mapping the dext leaks never points at freed bytes.
 */
#ifndef DKSIM_PCI_MODEL_H
#define DKSIM_PCI_MODEL_H

#include <memory>
#include <stdint.h>
#include <string>
#include <vector>

#include "image/Plist.h"

namespace dksim {

struct Personality;

struct PciBar {
    uint8_t bar = 0;         /* BAR number 0..5 (a 64-bit BAR also uses the next register) */
    uint8_t memoryIndex = 0; /* its index among the present BARs: what Memory* and GetBARInfo use */
    uint64_t size = 0;       /* a power of two */
    uint8_t type = 0;        /* kPCIBARType* */
    uint64_t address = 0;    /* the simulated bus address written into the BAR */
    std::vector<uint8_t> initial;
    std::vector<uint8_t> bytes; /* the backing store: exactly size bytes */
};

struct PciModel {
    uint8_t config[4096] = {};
    uint8_t configInitial[4096] = {};
    std::vector<PciBar> bars; /* in BAR order */
    uint32_t msiVectors = 1;
    uint8_t bus = 1, device = 0, function = 0;
    PlistValue properties; /* the nub's registry properties */
    std::string name;      /* the nub's registry name, "pciVVVV,DDDD" */

    const PciBar *barWithMemoryIndex(uint64_t memoryIndex) const;
    PciBar *barWithMemoryIndex(uint64_t memoryIndex);
    /* Every BAR register of a present BAR: its bar, and whether offset is its upper half. */
    const PciBar *barAtConfigOffset(uint64_t offset, bool &upper) const;
    /* Configuration writes as the hardware takes them: identity registers are read-only, a BAR keeps
     * its size's low bits (so that writing all ones and reading back gives the size). */
    void configWrite(uint64_t offset, const uint8_t *bytes, unsigned width);
    /* Function-level reset: configuration space and BAR contents as described. */
    void reset();
};

/* The model for a personality: from the description when it has keys, else from the personality's
 * match keys. Null with error set when the description is malformed. */
std::shared_ptr<PciModel> BuildPciModel(const Personality &personality, const PlistValue &description,
                                        std::string &error);

} // namespace dksim

#endif
