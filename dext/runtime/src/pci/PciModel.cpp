#include "pci/PciModel.h"

#include <algorithm>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <PCIDriverKit/IOPCIFamilyDefinitions.h>

#include "device/DescriptionKeys.h"
#include "image/DextImage.h"

namespace dksim {

namespace {

/* Bounds of what a description may ask for: BARs are allocated whole, so their size is capped. */
constexpr uint64_t kMaxBarBytes = 16ull << 20;
constexpr uint32_t kMaxMsiVectors = 32;
constexpr uint64_t kDefaultBarBytes = 64 * 1024;
constexpr uint8_t kMsiCapabilityOffset = 0x50;

void Put(uint8_t *config, uint64_t offset, uint64_t value, unsigned width)
{
    for (unsigned k = 0; k < width; k++) config[offset + k] = (uint8_t)(value >> (8 * k));
}

uint32_t Get32(const uint8_t *config, uint64_t offset)
{
    uint32_t value = 0;
    for (unsigned k = 0; k < 4; k++) value |= (uint32_t)config[offset + k] << (8 * k);
    return value;
}

PlistValue DataValue(uint32_t value)
{
    PlistValue data;
    data.kind = PlistValue::Kind::Data;
    data.text.assign(4, '\0');
    for (unsigned k = 0; k < 4; k++) data.text[k] = (char)(value >> (8 * k));
    return data;
}

/* An integer key: a plist integer or a string such as "0x10ee". */
bool ReadUInt(const PlistValue &dict, const char *key, uint64_t max, uint64_t &value, std::string &error)
{
    const PlistValue *entry = dict.find(key);
    if (entry == nullptr) return true;
    if (entry->kind == PlistValue::Kind::Integer && entry->integer >= 0) {
        value = (uint64_t)entry->integer;
    } else if (entry->isString() && !entry->text.empty()) {
        char *end = nullptr;
        value = strtoull(entry->text.c_str(), &end, 0);
        if (*end != '\0') value = max + 1;
    } else {
        value = max + 1;
    }
    if (value > max) {
        error = "device description:" + std::to_string(entry->line) + ": " + key + " must be an integer from 0 to " +
                std::to_string(max);
        return false;
    }
    return true;
}

/* A byte blob written as hex digits (whitespace allowed between bytes). */
bool ReadHex(const PlistValue &entry, std::vector<uint8_t> &bytes, std::string &error)
{
    std::string digits;
    for (char c : entry.text)
        if (!isspace((unsigned char)c)) digits += c;
    if (!entry.isString() || digits.size() % 2 != 0 ||
        digits.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) {
        error = "device description:" + std::to_string(entry.line) + ": registers must be a string of hex digit pairs";
        return false;
    }
    for (size_t k = 0; k < digits.size(); k += 2)
        bytes.push_back((uint8_t)strtoul(digits.substr(k, 2).c_str(), nullptr, 16));
    return true;
}

/* The first word of a match string, "0xDDDDVVVV&0xFFFFFFFF 0x..." -> 0xDDDDVVVV. */
bool FirstMatchWord(const PlistValue &personality, const char *key, uint32_t &word)
{
    const std::string *text = personality.findString(key);
    if (text == nullptr) return false;
    char *end = nullptr;
    unsigned long long value = strtoull(text->c_str(), &end, 16);
    if (end == text->c_str()) return false;
    word = (uint32_t)value;
    return true;
}

bool ReadBars(const PlistValue &description, PciModel &model, std::string &error)
{
    const PlistValue *bars = description.find("bars");
    if (bars == nullptr) {
        PciBar bar;
        bar.size = kDefaultBarBytes;
        bar.type = kPCIBARTypeM64;
        model.bars.push_back(bar);
        return true;
    }
    if (!bars->isArray()) {
        error = "device description:" + std::to_string(bars->line) + ": bars must be an array of dictionaries";
        return false;
    }
    bool used[6] = {};
    for (const PlistValue &entry : bars->items) {
        std::string at = "device description:" + std::to_string(entry.line) + ": ";
        if (!entry.isDict()) {
            error = at + "each of bars must be a dictionary";
            return false;
        }
        if (!OnlyKnownKeys(entry, {"index", "size", "type", "prefetchable", "registers"}, at + "bars: ", error))
            return false;
        PciBar bar;
        uint64_t index = 0, size = kDefaultBarBytes;
        if (!ReadUInt(entry, "index", 5, index, error) || !ReadUInt(entry, "size", kMaxBarBytes, size, error))
            return false;
        const std::string *type = entry.findString("type");
        std::string kind = type ? *type : "memory32";
        const PlistValue *prefetchable = entry.find("prefetchable");
        bool prefetch = prefetchable && prefetchable->kind == PlistValue::Kind::Boolean && prefetchable->boolean;
        if (kind == "memory32")
            bar.type = prefetch ? kPCIBARTypeM32PF : kPCIBARTypeM32;
        else if (kind == "memory64")
            bar.type = prefetch ? kPCIBARTypeM64PF : kPCIBARTypeM64;
        else if (kind == "io")
            bar.type = kPCIBARTypeIO;
        else {
            error = at + "type must be memory32, memory64 or io";
            return false;
        }
        uint64_t minimum = bar.type == kPCIBARTypeIO ? 4 : 16;
        if (size < minimum || (size & (size - 1)) != 0 || (bar.type == kPCIBARTypeIO && size > 256)) {
            error = at + "size must be a power of two from " + std::to_string(minimum) +
                    (bar.type == kPCIBARTypeIO ? " to 256" : " to 16 MiB");
            return false;
        }
        bool wide = bar.type == kPCIBARTypeM64 || bar.type == kPCIBARTypeM64PF;
        if (used[index] || (wide && (index == 5 || used[index + 1]))) {
            error = at + "BAR " + std::to_string(index) + " overlaps another (a 64-bit BAR takes two registers)";
            return false;
        }
        used[index] = true;
        if (wide) used[index + 1] = true;
        bar.bar = (uint8_t)index;
        bar.size = size;
        if (const PlistValue *registers = entry.find("registers")) {
            if (!ReadHex(*registers, bar.initial, error)) return false;
            if (bar.initial.size() > size) {
                error = at + "registers hold more bytes than the BAR";
                return false;
            }
        }
        model.bars.push_back(bar);
    }
    std::sort(model.bars.begin(), model.bars.end(), [](const PciBar &a, const PciBar &b) { return a.bar < b.bar; });
    return true;
}

void LayOut(PciModel &model, uint32_t vendor, uint32_t device, uint32_t classCode, uint32_t revision,
            uint32_t subsystemVendor, uint32_t subsystem)
{
    uint8_t *config = model.configInitial;
    Put(config, kIOPCIConfigurationOffsetVendorID, vendor, 2);
    Put(config, kIOPCIConfigurationOffsetDeviceID, device, 2);
    Put(config, kIOPCIConfigurationOffsetRevisionID, revision, 1);
    Put(config, kIOPCIConfigurationOffsetClassCode, classCode, 3);
    Put(config, kIOPCIConfigurationOffsetSubSystemVendorID, subsystemVendor, 2);
    Put(config, kIOPCIConfigurationOffsetSubSystemID, subsystem, 2);
    Put(config, kIOPCIConfigurationOffsetInterruptPin, 1, 1);
    /* Addresses as firmware would assign them: each BAR aligned to its size, memory below 4 GiB. */
    uint64_t memory = 0xC0000000, io = 0x2000;
    uint8_t memoryIndex = 0;
    for (PciBar &bar : model.bars) {
        bar.memoryIndex = memoryIndex++;
        uint64_t &next = bar.type == kPCIBARTypeIO ? io : memory;
        next = (next + bar.size - 1) & ~(bar.size - 1);
        bar.address = next;
        next += bar.size;
        uint64_t offset = kIOPCIConfigurationOffsetBaseAddress0 + 4 * bar.bar;
        uint32_t low = (uint32_t)bar.address;
        if (bar.type == kPCIBARTypeIO) low |= 0x1;
        if (bar.type == kPCIBARTypeM64 || bar.type == kPCIBARTypeM64PF) low |= 0x4;
        if (bar.type == kPCIBARTypeM32PF || bar.type == kPCIBARTypeM64PF) low |= 0x8;
        Put(config, offset, low, 4);
        if (low & 0x4) Put(config, offset + 4, bar.address >> 32, 4);
    }
    if (model.msiVectors > 0) {
        Put(config, kIOPCIConfigurationOffsetStatus, kIOPCIStatusCapabilities, 2);
        Put(config, kIOPCIConfigurationOffsetCapabilitiesPtr, kMsiCapabilityOffset, 1);
        Put(config, kMsiCapabilityOffset + kIOPCICapabilityIDOffset, kIOPCICapabilityIDMSI, 1);
        Put(config, kMsiCapabilityOffset + kIOPCINextCapabilityOffset, 0, 1);
        unsigned log2 = 0;
        while ((1u << log2) < model.msiVectors) log2++;
        Put(config, kMsiCapabilityOffset + 2, (log2 << 1) | 0x80 /* 64-bit address capable */, 2);
    }
    model.properties.kind = PlistValue::Kind::Dict;
    model.properties.entries = {
        {"vendor-id", DataValue(vendor)},
        {"device-id", DataValue(device)},
        {"revision-id", DataValue(revision)},
        {"class-code", DataValue(classCode)},
        {"subsystem-vendor-id", DataValue(subsystemVendor)},
        {"subsystem-id", DataValue(subsystem)},
    };
    char name[32];
    snprintf(name, sizeof name, "pci%x,%x", vendor, device);
    model.name = name;
}

} // namespace

const PciBar *PciModel::barWithMemoryIndex(uint64_t memoryIndex) const
{
    for (const PciBar &bar : bars)
        if (bar.memoryIndex == memoryIndex) return &bar;
    return nullptr;
}

PciBar *PciModel::barWithMemoryIndex(uint64_t memoryIndex)
{
    return const_cast<PciBar *>(static_cast<const PciModel *>(this)->barWithMemoryIndex(memoryIndex));
}

const PciBar *PciModel::barAtConfigOffset(uint64_t offset, bool &upper) const
{
    for (const PciBar &bar : bars) {
        uint64_t base = kIOPCIConfigurationOffsetBaseAddress0 + 4 * bar.bar;
        bool wide = bar.type == kPCIBARTypeM64 || bar.type == kPCIBARTypeM64PF;
        if (offset >= base && offset < base + 4) {
            upper = false;
            return &bar;
        }
        if (wide && offset >= base + 4 && offset < base + 8) {
            upper = true;
            return &bar;
        }
    }
    return nullptr;
}

static bool Writable(uint64_t offset)
{
    switch (offset) {
    case kIOPCIConfigurationOffsetCommand:
    case kIOPCIConfigurationOffsetCommand + 1:
    case kIOPCIConfigurationOffsetCacheLineSize:
    case kIOPCIConfigurationOffsetLatencyTimer:
    case kIOPCIConfigurationOffsetInterruptLine: return true;
    default: break;
    }
    /* Device-specific space is the function's own; the MSI header (ID, next) is read-only. */
    return offset >= 0x40 && offset != kMsiCapabilityOffset && offset != kMsiCapabilityOffset + 1u;
}

void PciModel::configWrite(uint64_t offset, const uint8_t *bytes, unsigned width)
{
    for (unsigned k = 0; k < width; k++) {
        uint64_t at = offset + k;
        bool upper = false;
        const PciBar *bar = barAtConfigOffset(at, upper);
        if (bar == nullptr) {
            if (Writable(at)) config[at] = bytes[k];
            continue;
        }
        uint64_t dword = at & ~3ull;
        uint8_t merged[4];
        memcpy(merged, config + dword, 4);
        merged[at - dword] = bytes[k];
        uint32_t value = Get32(merged, 0);
        uint32_t fixed = Get32(configInitial, dword);
        if (upper) {
            value &= ~(uint32_t)((bar->size - 1) >> 32);
        } else {
            uint32_t lowBits = bar->type == kPCIBARTypeIO ? 0x3 : 0xF;
            value = (value & ~(uint32_t)(bar->size - 1) & ~lowBits) | (fixed & lowBits);
        }
        Put(config, dword, value, 4);
    }
}

void PciModel::reset()
{
    memcpy(config, configInitial, sizeof config);
    for (PciBar &bar : bars) {
        /* In place: a descriptor over the BAR (DeviceMemory) keeps pointing at these bytes. */
        if (bar.bytes.size() != bar.size) bar.bytes.assign(bar.size, 0);
        std::fill(bar.bytes.begin(), bar.bytes.end(), 0);
        if (!bar.initial.empty()) memcpy(bar.bytes.data(), bar.initial.data(), bar.initial.size());
    }
}

std::shared_ptr<PciModel> BuildPciModel(const Personality &personality, const PlistValue &description,
                                        std::string &error)
{
    auto model = std::make_shared<PciModel>();
    uint64_t vendor = 0x1234, device = 0x0001, classCode = 0xFF0000, revision = 1, subsystemVendor = 0, subsystem = 0,
             msi = 1, bus = 1, slot = 0, function = 0;
    /* Without a description, the personality's first match says who the device is. */
    uint32_t word = 0;
    const PlistValue *properties = personality.properties;
    if (properties && (FirstMatchWord(*properties, kIOPCIPrimaryMatchKey, word) ||
                       FirstMatchWord(*properties, kIOPCIMatchKey, word))) {
        vendor = word & 0xFFFF;
        device = word >> 16;
    }
    if (properties && FirstMatchWord(*properties, kIOPCIClassMatchKey, word)) classCode = word >> 8;
    if (!OnlyKnownKeys(description,
                       {"family", "vendorID", "deviceID", "classCode", "revision", "subsystemVendorID", "subsystemID",
                        "bus", "device", "function", "msiVectors", "bars"},
                       "device description: ", error) ||
        !ReadUInt(description, "vendorID", 0xFFFF, vendor, error) ||
        !ReadUInt(description, "deviceID", 0xFFFF, device, error) ||
        !ReadUInt(description, "classCode", 0xFFFFFF, classCode, error) ||
        !ReadUInt(description, "revision", 0xFF, revision, error) ||
        !ReadUInt(description, "subsystemVendorID", 0xFFFF, subsystemVendor, error) ||
        !ReadUInt(description, "subsystemID", 0xFFFF, subsystem, error) ||
        !ReadUInt(description, "msiVectors", kMaxMsiVectors, msi, error) ||
        !ReadUInt(description, "bus", 0xFF, bus, error) || !ReadUInt(description, "device", 31, slot, error) ||
        !ReadUInt(description, "function", 7, function, error) || !ReadBars(description, *model, error))
        return nullptr;
    model->msiVectors = (uint32_t)msi;
    model->bus = (uint8_t)bus;
    model->device = (uint8_t)slot;
    model->function = (uint8_t)function;
    LayOut(*model, (uint32_t)vendor, (uint32_t)device, (uint32_t)classCode, (uint32_t)revision,
           (uint32_t)subsystemVendor, (uint32_t)subsystem);
    model->reset();
    return model;
}

} // namespace dksim
