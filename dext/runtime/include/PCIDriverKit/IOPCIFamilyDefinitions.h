/*
 * PCIDriverKit constants (after IOPCIFamilyDefinitions.h of the DriverKit SDK and IOKit's
 * pci/IOPCIFamilyDefinitions.h): matching keys, configuration-space offsets and bits, capability IDs,
 * BAR types and reset types. Names are Apple's so that dext sources compile unchanged; the values of
 * the configuration registers and capability IDs are the PCI Local Bus specification's. Values only
 * seen in public dexts (not in a header we could read) are marked (inferred); see
 * docs/driverkit-semantics.md section 16.
 */
#ifndef DKSIM_PCIDRIVERKIT_IOPCIFAMILYDEFINITIONS_H
#define DKSIM_PCIDRIVERKIT_IOPCIFAMILYDEFINITIONS_H

#include <stdint.h>

/* Personality keys. IOPCIMatch: "0xDDDDVVVV" words (device << 16 | vendor), optionally "&mask". */
#define kIOPCIMatchKey "IOPCIMatch"
#define kIOPCIPrimaryMatchKey "IOPCIPrimaryMatch"
#define kIOPCISecondaryMatchKey "IOPCISecondaryMatch"
#define kIOPCIClassMatchKey "IOPCIClassMatch"
/* Registry keys of a PCI nub (not published by the simulated nub unless listed in docs/devices.md). */
#define kIOPCIDeviceMemoryArrayKey "IODeviceMemory"
#define kIOPCIExpressLinkStatusKey "IOPCIExpressLinkStatus"
#define kIOPCIExpressLinkCapabilitiesKey "IOPCIExpressLinkCapabilities"

/* Configuration space offsets (type 0 header). */
enum {
    kIOPCIConfigurationOffsetVendorID = 0x00,
    kIOPCIConfigurationOffsetDeviceID = 0x02,
    kIOPCIConfigurationOffsetCommand = 0x04,
    kIOPCIConfigurationOffsetStatus = 0x06,
    kIOPCIConfigurationOffsetRevisionID = 0x08,
    kIOPCIConfigurationOffsetClassCode = 0x09,
    kIOPCIConfigurationOffsetCacheLineSize = 0x0C,
    kIOPCIConfigurationOffsetLatencyTimer = 0x0D,
    kIOPCIConfigurationOffsetHeaderType = 0x0E,
    kIOPCIConfigurationOffsetBIST = 0x0F,
    kIOPCIConfigurationOffsetBaseAddress0 = 0x10,
    kIOPCIConfigurationOffsetBaseAddress1 = 0x14,
    kIOPCIConfigurationOffsetBaseAddress2 = 0x18,
    kIOPCIConfigurationOffsetBaseAddress3 = 0x1C,
    kIOPCIConfigurationOffsetBaseAddress4 = 0x20,
    kIOPCIConfigurationOffsetBaseAddress5 = 0x24,
    kIOPCIConfigurationOffsetCardBusCISPtr = 0x28,
    kIOPCIConfigurationOffsetSubSystemVendorID = 0x2C,
    kIOPCIConfigurationOffsetSubSystemID = 0x2E,
    kIOPCIConfigurationOffsetExpansionROMBase = 0x30,
    kIOPCIConfigurationOffsetCapabilitiesPtr = 0x34,
    kIOPCIConfigurationOffsetInterruptLine = 0x3C,
    kIOPCIConfigurationOffsetInterruptPin = 0x3D,
    kIOPCIConfigurationOffsetMinimumGrant = 0x3E,
    kIOPCIConfigurationOffsetMaximumLatency = 0x3F,
};

/* Command register bits. */
enum {
    kIOPCICommandIOSpace = 0x0001,
    kIOPCICommandMemorySpace = 0x0002,
    kIOPCICommandBusMaster = 0x0004,
    kIOPCICommandBusLead = kIOPCICommandBusMaster,
    kIOPCICommandSpecialCycles = 0x0008,
    kIOPCICommandMemWrInvalidate = 0x0010,
    kIOPCICommandPaletteSnoop = 0x0020,
    kIOPCICommandParityError = 0x0040,
    kIOPCICommandAddressStepping = 0x0080,
    kIOPCICommandSERR = 0x0100,
    kIOPCICommandFastBack2Back = 0x0200,
    kIOPCICommandInterruptDisable = 0x0400,
};

/* Status register bits. */
enum {
    kIOPCIStatusInterrupt = 0x0008,
    kIOPCIStatusCapabilities = 0x0010,
    kIOPCIStatusPCI66 = 0x0020,
    kIOPCIStatusUDF = 0x0040,
    kIOPCIStatusFastBack2Back = 0x0080,
    kIOPCIStatusDevSel0 = 0x0000,
    kIOPCIStatusDevSel1 = 0x0200,
    kIOPCIStatusDevSel2 = 0x0400,
    kIOPCIStatusDevSel3 = 0x0600,
    kIOPCIStatusTargetAbortCapable = 0x0800,
    kIOPCIStatusTargetAbortActive = 0x1000,
    kIOPCIStatusMasterAbortActive = 0x2000,
    kIOPCIStatusSERRActive = 0x4000,
    kIOPCIStatusParityErrActive = 0x8000,
};

/* Capability IDs; extended (PCI Express) capabilities are passed negated. */
enum {
    kIOPCICapabilityIDPowerManagement = 0x01,
    kIOPCICapabilityIDAGP = 0x02,
    kIOPCICapabilityIDVPD = 0x03,
    kIOPCICapabilityIDSlotID = 0x04,
    kIOPCICapabilityIDMSI = 0x05,
    kIOPCICapabilityIDCPCIHotswap = 0x06,
    kIOPCICapabilityIDPCIX = 0x07,
    kIOPCICapabilityIDLDT = 0x08,
    kIOPCICapabilityIDVendorSpecific = 0x09,
    kIOPCICapabilityIDDebugPort = 0x0a,
    kIOPCICapabilityIDCPCIResourceControl = 0x0b,
    kIOPCICapabilityIDHotplug = 0x0c,
    kIOPCICapabilityIDAGP8 = 0x0e,
    kIOPCICapabilityIDSecure = 0x0f,
    kIOPCICapabilityIDPCIExpress = 0x10,
    kIOPCICapabilityIDMSIX = 0x11,
    kIOPCICapabilityIDFPB = 0x15,

    kIOPCIExpressCapabilityIDErrorReporting = -0x01,
    kIOPCIExpressCapabilityIDVirtualChannel = -0x02,
    kIOPCIExpressCapabilityIDDeviceSerialNumber = -0x03,
    kIOPCIExpressCapabilityIDPowerBudget = -0x04,
    kIOPCIExpressCapabilityIDACS = -0x0D,
    kIOPCIExpressCapabilityIDLTR = -0x18,
    kIOPCIExpressCapabilityIDL1PMSubstates = -0x1E,
};

/* Offsets inside a capability structure. */
enum {
    kIOPCICapabilityIDOffset = 0x00,
    kIOPCINextCapabilityOffset = 0x01,
};

/* GetBARInfo: which BAR (inferred: 0..5 and the expansion ROM, in configuration-space order). */
enum {
    kPCIMemoryRangeBAR0 = 0,
    kPCIMemoryRangeBAR1 = 1,
    kPCIMemoryRangeBAR2 = 2,
    kPCIMemoryRangeBAR3 = 3,
    kPCIMemoryRangeBAR4 = 4,
    kPCIMemoryRangeBAR5 = 5,
    kPCIMemoryRangeExpansionROM = 6,
};

/* GetBARInfo's barType (inferred values: distinct, with the 64-bit types sharing the M64 bit). */
enum {
    kPCIBARTypeIO = 0x00,
    kPCIBARTypeM32 = 0x01,
    kPCIBARTypeM32PF = 0x02,
    kPCIBARTypeM64 = 0x04,
    kPCIBARTypeM64PF = 0x06,
};

/* IOPCIDevice::Reset (inferred values; the names are the SDK's tIOPCIDeviceResetTypes). */
typedef enum {
    kIOPCIDeviceResetTypeFunctionReset = 0,
    kIOPCIDeviceResetTypeHotReset = 1,
    kIOPCIDeviceResetTypeWarmReset = 2,
    kIOPCIDeviceResetTypeWarmResetDisable = 3,
    kIOPCIDeviceResetTypeWarmResetEnable = 4,
} tIOPCIDeviceResetTypes;

typedef enum {
    kIOPCIDeviceResetOptionNone = 0,
} tIOPCIDeviceResetOptions;

#endif
