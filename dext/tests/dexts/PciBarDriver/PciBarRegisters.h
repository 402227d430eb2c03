/*
 * The register map of PciBarDriver's device (BAR0, 32-bit registers) and the memory types and
 * selectors its user client offers: what the dext and its app share.
 */
#ifndef PciBarRegisters_h
#define PciBarRegisters_h

#include <stdint.h>

enum {
    kPciBarRegID          = 0x00,   /* identification, written by the device */
    kPciBarRegDmaAddrLow  = 0x10,   /* DMA bus address, low and high words */
    kPciBarRegDmaAddrHigh = 0x14,
    kPciBarRegDmaLength   = 0x18,
    kPciBarRegDmaStart    = 0x1C,   /* 1 starts the transfer */
    kPciBarRegIntStatus   = 0x20,   /* read-only for the app: why the device interrupted */
    kPciBarRegEventIndex  = 0x24,   /* read-only for the app: the device's current event slot, 0..15 */
    kPciBarRegIntClear    = 0x28,   /* the dext writes the status bits it handled */
    kPciBarReadOnlyStart  = 0x20,
    kPciBarReadOnlyEnd    = 0x40,
};

enum {
    kPciBarShadowRegisters = 64,    /* the dext remembers the last value written to the first 256 bytes */
    kPciBarEventSlots      = 16,
    kPciBarDmaBufferBytes  = 16384,
};

enum {
    kPciBarMemoryBar0      = 0,     /* BAR0, read-only for the app */
    kPciBarMemoryDmaBuffer = 1,     /* the DMA buffer, read-write */
};

enum {
    kPciBarSelectorReadRegister    = 0,
    kPciBarSelectorWriteRegister   = 1,
    kPciBarSelectorStartDMA        = 2,
    kPciBarSelectorCompleteDMA     = 3,
    kPciBarSelectorRegisterInterruptCallback = 4,
    kPciBarSelectorReadEvent       = 5,
    kPciBarSelectorReadConfig      = 6,
    kPciBarSelectorCount           = 7,
};

#endif
