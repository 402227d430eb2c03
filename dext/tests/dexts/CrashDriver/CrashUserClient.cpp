//
//  CrashUserClient.cpp
//  CrashDriver
//
//  A dext that is nothing but bugs: every selector carries one planted bug of a kind the harness
//  must turn into one stable memory.safety signature (harness/Core/Runner/CrashSignature.cs; the
//  reports this dext produces are the corpus in harness/Tests/Runner/CrashReports/).
//
//  Every selector has the same exact dispatch entry: no completion, 2 input scalars
//  [padding, value], no structure input, 1 output scalar, no structure output. A call of any other
//  shape is refused by IOUserClient::ExternalMethod before any handler runs; a well-shaped call
//  reaches the bug (some need a value in a range, said below).
//
//  padding (0..64, more counts as 64): before the handler runs, that many blocks of each size the
//  handlers allocate are allocated and kept until the connection closes. The same bug then happens at other heap
//  addresses, as it would in a dext that has been running for a while.
//
//   sel  handler             bug                                           ASan build reports
//    0   ReadPastRecord      sums 4 words of a 3-word record               heap-buffer-overflow READ
//    1   WritePastRecord     fills 4 words of a 3-word record              heap-buffer-overflow WRITE
//    2   UseReleasedScratch  frees the scratch buffer but keeps the        heap-use-after-free READ
//                            pointer: the NEXT call of 2 reads freed memory   (second call)
//    3   DiscardTwice        the success path frees the record, the        attempting double-free
//                            cleanup frees it again
//    4   ReadUnmappedSlot    reads slot `value` of a slot table that was   SEGV on unknown address
//                            never mapped (base 0, address arithmetic)     (READ, zero page)
//    5   ApplyWrongFilter    calls a ScaleFilter method on the             UBSan: member call on address
//                            OffsetFilter stored in an opaque cookie        ... which does not point to an
//                                                                          object of type 'ScaleFilter'
//    6   ScaleValue          value * 1000 in int64_t, no range check       UBSan: signed integer overflow
//                            (value > 9223372036854775)
//    7   LeakRecord          allocates a record and never frees it         nothing until the process exits
//                                                                          (LeakSanitizer, when enabled)
//    8   WaitForDevice       spins until a flag nobody sets                a hang
//    9   ReadTableEntry      checks the index against sizeof (bytes), not  UBSan: index out of bounds for
//                            the entry count (value 8..63)                 type 'uint64_t[8]'
//   10   FormatLabel         writes a 24-byte label into char[16]          stack-buffer-overflow WRITE
//   11   ReadPacketLength    reads a uint32_t at byte offset 1             UBSan: load of misaligned address
//   12   MakeMask            1u << value, value checked against 64 not 32  UBSan: shift exponent too large
//                            (value 32..64)
//   13   ReadMissingEntry    uses the lookup result without a null check   UBSan: member access within null
//                                                                          pointer (SIGSEGV in release)
//   14   WriteUnmappedSlot   like 4, but writes                            SEGV on unknown address (WRITE)
//   15   Shutdown            exit(3) on a "fatal" state                    the process exits with status 3
//   16   ReleaseReference    assert(references > 0) with no reference      assertion failure, SIGABRT
//
//  In the release build (no sanitizers) 4, 13 and 14 die of SIGSEGV, 16 of SIGABRT, 15 exits 3 and
//  8 hangs; the others corrupt memory silently or compute a wrong value.
//

#include <os/log.h>

#include <DriverKit/IOLib.h>
#include <DriverKit/IOUserClient.h>

#include <assert.h>
#include <stdlib.h>

#include "CrashUserClient.h"

#define Log(fmt, ...) os_log(OS_LOG_DEFAULT, "CrashDriver - " fmt "\n", ##__VA_ARGS__)

typedef enum
{
    ExternalMethodType_ReadPastRecord = 0,
    ExternalMethodType_WritePastRecord = 1,
    ExternalMethodType_UseReleasedScratch = 2,
    ExternalMethodType_DiscardTwice = 3,
    ExternalMethodType_ReadUnmappedSlot = 4,
    ExternalMethodType_ApplyWrongFilter = 5,
    ExternalMethodType_ScaleValue = 6,
    ExternalMethodType_LeakRecord = 7,
    ExternalMethodType_WaitForDevice = 8,
    ExternalMethodType_ReadTableEntry = 9,
    ExternalMethodType_FormatLabel = 10,
    ExternalMethodType_ReadPacketLength = 11,
    ExternalMethodType_MakeMask = 12,
    ExternalMethodType_ReadMissingEntry = 13,
    ExternalMethodType_WriteUnmappedSlot = 14,
    ExternalMethodType_Shutdown = 15,
    ExternalMethodType_ReleaseReference = 16,
    NumberOfExternalMethods // Keep last.
} ExternalMethodType;

static const uint32_t kInputCount = 2;          // [padding, value]
static const uint64_t kMaxPadding = 64;
static const uint32_t kRecordWords = 3;         // a 24-byte record
static const uint32_t kScratchWords = 4;        // a 32-byte scratch buffer
static const uint32_t kPacketBytes = 16;
static const uint32_t kTableEntries = 8;
static const uint64_t kSlotHeaderBytes = 64;
static const int64_t kUnitsPerValue = 1000;
static const uint64_t kMaxShift = 64;
static const int kShutdownStatus = 3;

// The sizes the handlers allocate; padding allocates one block of each per unit.
static const size_t kPaddingSizes[] = { 16, sizeof(uint64_t) * kRecordWords, sizeof(uint64_t) * kScratchWords };

#define CRASH_ENTRY                                                                          \
    {                                                                                        \
        .function = (IOUserClientMethodFunction) &CrashUserClient::StaticHandleCall,         \
        .checkCompletionExists = false,                                                      \
        .checkScalarInputCount = kInputCount,                                                \
        .checkStructureInputSize = 0,                                                        \
        .checkScalarOutputCount = 1,                                                         \
        .checkStructureOutputSize = 0,                                                       \
    }

// One exact entry per selector: a well-shaped call is the only way in.
const IOUserClientMethodDispatch externalMethodChecks[NumberOfExternalMethods] = {
    [ExternalMethodType_ReadPastRecord] = CRASH_ENTRY,
    [ExternalMethodType_WritePastRecord] = CRASH_ENTRY,
    [ExternalMethodType_UseReleasedScratch] = CRASH_ENTRY,
    [ExternalMethodType_DiscardTwice] = CRASH_ENTRY,
    [ExternalMethodType_ReadUnmappedSlot] = CRASH_ENTRY,
    [ExternalMethodType_ApplyWrongFilter] = CRASH_ENTRY,
    [ExternalMethodType_ScaleValue] = CRASH_ENTRY,
    [ExternalMethodType_LeakRecord] = CRASH_ENTRY,
    [ExternalMethodType_WaitForDevice] = CRASH_ENTRY,
    [ExternalMethodType_ReadTableEntry] = CRASH_ENTRY,
    [ExternalMethodType_FormatLabel] = CRASH_ENTRY,
    [ExternalMethodType_ReadPacketLength] = CRASH_ENTRY,
    [ExternalMethodType_MakeMask] = CRASH_ENTRY,
    [ExternalMethodType_ReadMissingEntry] = CRASH_ENTRY,
    [ExternalMethodType_WriteUnmappedSlot] = CRASH_ENTRY,
    [ExternalMethodType_Shutdown] = CRASH_ENTRY,
    [ExternalMethodType_ReleaseReference] = CRASH_ENTRY,
};

// A register-style slot of a table the device would map.
typedef struct
{
    uint64_t flags;
    uint64_t value;
} Slot;

// An entry of the lookup table; the table stays empty.
typedef struct
{
    uint64_t key;
    uint64_t value;
} Entry;

// Transforms applied to values. Plain C++ classes: polymorphic, so UBSan knows their dynamic type.
class RecordFilter
{
public:
    virtual ~RecordFilter() = default;
    virtual uint64_t Apply(uint64_t value) const = 0;
};

class OffsetFilter final : public RecordFilter
{
public:
    explicit OffsetFilter(uint64_t offset) : offset(offset) {}
    uint64_t Apply(uint64_t value) const override { return value + offset; }

private:
    uint64_t offset;
};

class ScaleFilter final : public RecordFilter
{
public:
    explicit ScaleFilter(uint64_t factor) : factor(factor) {}
    uint64_t Apply(uint64_t value) const override { return value * factor; }
    virtual uint64_t Factor() const { return factor; }

private:
    uint64_t factor;
};

struct CrashUserClient_IVars
{
    void* padding = nullptr;              // blocks from AddPadding, each linked to the previous one
    uint64_t* scratch = nullptr;          // UseReleasedScratch's buffer (dangling after its first call)
    Slot* slots = nullptr;                // never mapped
    Entry entries[4] = {};                // the lookup table; entryCount stays 0
    uint32_t entryCount = 0;
    uint64_t table[kTableEntries] = {};   // ReadTableEntry's table
    uint32_t references = 0;              // ReleaseReference's count; nothing takes a reference
    _Atomic(bool) deviceReady = false;    // nothing sets it
};

// MARK: - Lifecycle

bool CrashUserClient::init()
{
    if (!super::init())
    {
        Log("init() - super::init failed.");
        return false;
    }

    ivars = IONewZero(CrashUserClient_IVars, 1);
    if (ivars == nullptr)
    {
        Log("init() - Could not allocate the instance variables.");
        return false;
    }

    for (uint32_t index = 0; index < kTableEntries; ++index)
    {
        ivars->table[index] = index * index;
    }

    return true;
}

void CrashUserClient::free()
{
    if (ivars != nullptr)
    {
        // The scratch buffer is freed at the end of every UseReleasedScratch call, never here.
        void* block = ivars->padding;
        while (block != nullptr)
        {
            void* previous = *static_cast<void**>(block);
            IOFree(block, 0);
            block = previous;
        }
    }
    IOSafeDeleteNULL(ivars, CrashUserClient_IVars, 1);

    super::free();
}

// MARK: - ExternalMethod

kern_return_t CrashUserClient::ExternalMethod(uint64_t selector, IOUserClientMethodArguments* arguments, const IOUserClientMethodDispatch* dispatch, OSObject* target, void* reference)
{
    if (selector >= NumberOfExternalMethods)
    {
        return super::ExternalMethod(selector, arguments, nullptr, nullptr, nullptr);
    }

    return super::ExternalMethod(selector, arguments, &externalMethodChecks[selector], this, reference);
}

kern_return_t CrashUserClient::StaticHandleCall(OSObject* target, void* reference, IOUserClientMethodArguments* arguments)
{
    CrashUserClient* self = OSDynamicCast(CrashUserClient, target);
    if (self == nullptr || arguments == nullptr)
    {
        return kIOReturnError;
    }

    if (arguments->scalarInput == nullptr || arguments->scalarOutput == nullptr ||
        arguments->scalarInputCount != kInputCount || arguments->scalarOutputCount != 1)
    {
        return kIOReturnBadArgument;
    }

    kern_return_t ret = self->AddPadding(arguments->scalarInput[0]);
    if (ret != kIOReturnSuccess)
    {
        return ret;
    }

    return self->HandleCall(arguments->selector, arguments->scalarInput[1], &arguments->scalarOutput[0]);
}

kern_return_t CrashUserClient::HandleCall(uint64_t selector, uint64_t value, uint64_t* result)
{
    switch (selector)
    {
    case ExternalMethodType_ReadPastRecord: *result = ReadPastRecord(value); break;
    case ExternalMethodType_WritePastRecord: *result = WritePastRecord(value); break;
    case ExternalMethodType_UseReleasedScratch: *result = UseReleasedScratch(value); break;
    case ExternalMethodType_DiscardTwice: *result = DiscardTwice(value); break;
    case ExternalMethodType_ReadUnmappedSlot: *result = ReadUnmappedSlot(value); break;
    case ExternalMethodType_ApplyWrongFilter: *result = ApplyWrongFilter(value); break;
    case ExternalMethodType_ScaleValue: *result = ScaleValue(value); break;
    case ExternalMethodType_LeakRecord: *result = LeakRecord(value); break;
    case ExternalMethodType_WaitForDevice: *result = WaitForDevice(value); break;
    case ExternalMethodType_ReadTableEntry: *result = ReadTableEntry(value); break;
    case ExternalMethodType_FormatLabel: *result = FormatLabel(value); break;
    case ExternalMethodType_ReadPacketLength: *result = ReadPacketLength(value); break;
    case ExternalMethodType_MakeMask: *result = MakeMask(value); break;
    case ExternalMethodType_ReadMissingEntry: *result = ReadMissingEntry(value); break;
    case ExternalMethodType_WriteUnmappedSlot: *result = WriteUnmappedSlot(value); break;
    case ExternalMethodType_Shutdown: *result = Shutdown(value); break;
    case ExternalMethodType_ReleaseReference: *result = ReleaseReference(value); break;
    default: return kIOReturnUnsupported;
    }

    return kIOReturnSuccess;
}

kern_return_t CrashUserClient::AddPadding(uint64_t count)
{
    // More is not refused (the call is well-shaped): it is clamped.
    if (count > kMaxPadding)
    {
        count = kMaxPadding;
    }

    for (uint64_t unit = 0; unit < count; ++unit)
    {
        for (size_t size : kPaddingSizes)
        {
            void* block = IOMallocZero(size);
            if (block == nullptr)
            {
                return kIOReturnNoMemory;
            }
            *static_cast<void**>(block) = ivars->padding;
            ivars->padding = block;
        }
    }

    return kIOReturnSuccess;
}

// MARK: - Helpers

static uint64_t* AllocateRecord(uint64_t value)
{
    uint64_t* record = IONewZero(uint64_t, kRecordWords);
    if (record != nullptr)
    {
        for (uint32_t index = 0; index < kRecordWords; ++index)
        {
            record[index] = value + index;
        }
    }
    return record;
}

static void DiscardRecord(uint64_t* record)
{
    IODelete(record, uint64_t, kRecordWords);
}

// The address of slot `index` of a slot table, computed the way register-map code does.
static Slot* SlotAddress(Slot* base, uint64_t index)
{
    return reinterpret_cast<Slot*>(reinterpret_cast<uintptr_t>(base) + kSlotHeaderBytes + index * sizeof(Slot));
}

// Returns null when the key is not in the table (it never is: the table stays empty).
__attribute__((noinline)) static const Entry* FindEntry(const Entry* entries, uint32_t count, uint64_t key)
{
    for (uint32_t index = 0; index < count; ++index)
    {
        if (entries[index].key == key)
        {
            return &entries[index];
        }
    }
    return nullptr;
}

// Writes "record-" and 16 hex digits and a NUL, 24 bytes, whatever the capacity.
static void AppendHexLabel(char* out, size_t capacity, uint64_t value)
{
    static const char prefix[] = "record-";
    static const char digits[] = "0123456789abcdef";
    size_t length = 0;

    (void)capacity; // the bug: never compared with what is written
    for (size_t index = 0; prefix[index] != '\0'; ++index)
    {
        out[length++] = prefix[index];
    }
    for (int shift = 60; shift >= 0; shift -= 4)
    {
        out[length++] = digits[(value >> shift) & 0xf];
    }
    out[length] = '\0';
}

// MARK: - Handlers

uint64_t CrashUserClient::ReadPastRecord(uint64_t value)
{
    uint64_t* record = AllocateRecord(value);
    uint64_t sum = 0;

    if (record == nullptr)
    {
        return 0;
    }

    // The bug: <= reads one word past the record.
    for (uint32_t index = 0; index <= kRecordWords; ++index)
    {
        sum += record[index];
    }

    DiscardRecord(record);
    return sum;
}

uint64_t CrashUserClient::WritePastRecord(uint64_t value)
{
    uint64_t* record = IONewZero(uint64_t, kRecordWords);
    uint64_t first = 0;

    if (record == nullptr)
    {
        return 0;
    }

    // The bug: <= writes one word past the record.
    for (uint32_t index = 0; index <= kRecordWords; ++index)
    {
        record[index] = value;
    }

    first = record[0];
    DiscardRecord(record);
    return first;
}

uint64_t CrashUserClient::UseReleasedScratch(uint64_t value)
{
    uint64_t result = 0;

    if (ivars->scratch == nullptr)
    {
        ivars->scratch = IONewZero(uint64_t, kScratchWords);
        if (ivars->scratch == nullptr)
        {
            return 0;
        }
    }

    // On the second call the scratch buffer is the one freed below: a use after free.
    result = ivars->scratch[0] + value;
    ivars->scratch[0] = result;

    // The bug: the buffer is released but the pointer is kept (IOSafeDeleteNULL was meant).
    IODelete(ivars->scratch, uint64_t, kScratchWords);
    return result;
}

uint64_t CrashUserClient::DiscardTwice(uint64_t value)
{
    uint64_t* record = AllocateRecord(value);
    uint64_t checksum = 0;

    if (record == nullptr)
    {
        goto Exit;
    }

    for (uint32_t index = 0; index < kRecordWords; ++index)
    {
        checksum ^= record[index];
    }

    // Done with the record...
    DiscardRecord(record);

Exit:
    // ...and the bug: the cleanup releases it again.
    if (record != nullptr)
    {
        DiscardRecord(record);
    }
    return checksum;
}

uint64_t CrashUserClient::ReadUnmappedSlot(uint64_t index)
{
    // The bug: the slot table was never mapped, and nothing checks.
    Slot* slot = SlotAddress(ivars->slots, index);
    return slot->value;
}

uint64_t CrashUserClient::ApplyWrongFilter(uint64_t value)
{
    RecordFilter* filter = new OffsetFilter(value);
    void* cookie = filter; // kept as an opaque cookie, as a refcon would be
    uint64_t factor = 0;

    // The bug: the cookie is cast back to the wrong filter class.
    ScaleFilter* scale = reinterpret_cast<ScaleFilter*>(cookie);
    factor = scale->Factor();

    delete filter;
    return factor;
}

uint64_t CrashUserClient::ScaleValue(uint64_t value)
{
    // The bug: no range check before the multiplication.
    int64_t scaled = static_cast<int64_t>(value) * kUnitsPerValue;
    return static_cast<uint64_t>(scaled);
}

uint64_t CrashUserClient::LeakRecord(uint64_t value)
{
    uint64_t* record = AllocateRecord(value);
    uint64_t checksum = 0;

    if (record == nullptr)
    {
        return 0;
    }

    for (uint32_t index = 0; index < kRecordWords; ++index)
    {
        checksum += record[index];
    }

    // The bug: the record is never freed.
    return checksum;
}

uint64_t CrashUserClient::WaitForDevice(uint64_t value)
{
    Log("Waiting for the device...");

    // The bug: nothing ever sets deviceReady, and there is no timeout.
    while (!__c11_atomic_load(&ivars->deviceReady, __ATOMIC_ACQUIRE))
    {
    }

    return value;
}

uint64_t CrashUserClient::ReadTableEntry(uint64_t index)
{
    // The bug: compares with the table's size in bytes, not its number of entries.
    if (index >= sizeof(ivars->table))
    {
        return 0;
    }

    return ivars->table[index];
}

uint64_t CrashUserClient::FormatLabel(uint64_t value)
{
    char label[16] = {};
    uint64_t hash = 0;

    AppendHexLabel(label, sizeof(label), value);
    for (size_t index = 0; index < sizeof(label) && label[index] != '\0'; ++index)
    {
        hash = hash * 31 + static_cast<unsigned char>(label[index]);
    }

    return hash;
}

uint64_t CrashUserClient::ReadPacketLength(uint64_t value)
{
    uint8_t* packet = IONewZero(uint8_t, kPacketBytes);
    uint32_t length = 0;

    if (packet == nullptr)
    {
        return 0;
    }

    packet[0] = 0x01;
    packet[1] = static_cast<uint8_t>(value);

    // The bug: the length field follows a 1-byte type, so it is not 4-byte aligned.
    length = *reinterpret_cast<const uint32_t*>(packet + 1);

    IODelete(packet, uint8_t, kPacketBytes);
    return length;
}

uint64_t CrashUserClient::MakeMask(uint64_t bit)
{
    // The bug: the bound is the width of uint64_t, the mask is a uint32_t.
    if (bit > kMaxShift)
    {
        return 0;
    }

    uint32_t mask = 1u << bit;
    return mask;
}

uint64_t CrashUserClient::ReadMissingEntry(uint64_t key)
{
    const Entry* entry = FindEntry(ivars->entries, ivars->entryCount, key);

    // The bug: a key that is not in the table gives a null entry.
    return entry->value;
}

uint64_t CrashUserClient::WriteUnmappedSlot(uint64_t index)
{
    // The bug: the slot table was never mapped, and nothing checks.
    Slot* slot = SlotAddress(ivars->slots, index);
    slot->value = index;
    return index;
}

uint64_t CrashUserClient::Shutdown(uint64_t value)
{
    Log("Shutdown() - unrecoverable state %llu, exiting.", value);

    // The bug: a dext has no business ending its process on a client's request.
    exit(kShutdownStatus);
}

uint64_t CrashUserClient::ReleaseReference(uint64_t value)
{
    // The bug: a release without a matching retain trips the assertion.
    assert(ivars->references > 0);
    ivars->references--;
    return value;
}
