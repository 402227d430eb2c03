/* The scalar types DriverKit sources use (iokit/DriverKit/IOTypes.h subset). */
#ifndef DKSIM_DRIVERKIT_IOTYPES_H
#define DKSIM_DRIVERKIT_IOTYPES_H

#include <stddef.h>
#include <stdint.h>
#include <DriverKit/IOReturn.h>

typedef uint8_t UInt8;
typedef uint16_t UInt16;
typedef uint32_t UInt32;
typedef uint64_t UInt64;
typedef int8_t SInt8;
typedef int16_t SInt16;
typedef int32_t SInt32;
typedef int64_t SInt64;

typedef UInt32 IOOptionBits;
typedef UInt32 IOItemCount;
typedef UInt64 IOByteCount;
typedef uint64_t IOVirtualAddress;

#endif
