#include "usb/UsbModel.h"

#include <USBDriverKit/AppleUSBDescriptorParsing.h>
#include <USBDriverKit/IOUSBHostFamilyDefinitions.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

#include "device/DescriptionKeys.h"
#include "image/DextImage.h"

namespace dksim {
namespace {

/* Defaults of a device made from a personality alone (docs/devices.md, "USB"): the pid.codes test
 * identity, one configuration, the matched interface with a bulk IN, a bulk OUT and an interrupt IN,
 * numbered as vendor devices and Apple's samples usually are (bulk on endpoint 1, interrupt on 2). */
constexpr int64_t kDefaultVendor = 0x1209;
constexpr int64_t kDefaultProduct = 0x0001;

bool IntegerOf(const PlistValue *value, int64_t &out)
{
    if (value == nullptr) return false;
    if (value->kind == PlistValue::Kind::Integer) {
        out = value->integer;
        return true;
    }
    if (value->kind == PlistValue::Kind::Boolean) {
        out = value->boolean ? 1 : 0;
        return true;
    }
    if (value->kind != PlistValue::Kind::String || value->text.empty()) return false;
    char *end = nullptr;
    out = (int64_t)strtoll(value->text.c_str(), &end, 0);
    return end != nullptr && *end == '\0';
}

/* A key's integer, fallback when absent; a present key that is no integer is an error. */
struct Reader {
    const PlistValue &dict;
    std::string where;
    std::string &error;
    int64_t get(const char *key, int64_t fallback, int64_t max) const
    {
        const PlistValue *value = dict.isDict() ? dict.find(key) : nullptr;
        if (value == nullptr || !error.empty()) return fallback;
        int64_t out = 0;
        if (!IntegerOf(value, out) || out < 0 || out > max) {
            error = where + key + ": not an integer in 0..." + std::to_string(max) + " (line " +
                    std::to_string(value->line) + ")";
            return fallback;
        }
        return out;
    }
    const std::string *text(const char *key) const { return dict.isDict() ? dict.findString(key) : nullptr; }
};

bool ParseHex(const std::string &text, std::vector<uint8_t> &out)
{
    std::string digits;
    for (char c : text)
        if (!isspace((unsigned char)c)) digits += c;
    if (digits.size() % 2 != 0) return false;
    out.clear();
    for (size_t k = 0; k < digits.size(); k += 2) {
        if (!isxdigit((unsigned char)digits[k]) || !isxdigit((unsigned char)digits[k + 1])) return false;
        out.push_back((uint8_t)strtoul(digits.substr(k, 2).c_str(), nullptr, 16));
    }
    return true;
}

void Put16(std::vector<uint8_t> &bytes, size_t at, uint16_t value)
{
    bytes[at] = (uint8_t)value;
    bytes[at + 1] = (uint8_t)(value >> 8);
}

int64_t SpeedOf(const PlistValue *value, std::string &error)
{
    if (value == nullptr) return kIOUSBHostConnectionSpeedHigh;
    static const std::pair<const char *, int64_t> names[] = {{"full", kIOUSBHostConnectionSpeedFull},
                                                             {"low", kIOUSBHostConnectionSpeedLow},
                                                             {"high", kIOUSBHostConnectionSpeedHigh},
                                                             {"super", kIOUSBHostConnectionSpeedSuper},
                                                             {"super-plus", kIOUSBHostConnectionSpeedSuperPlus}};
    for (const auto &name : names)
        if (value->isString() && value->text == name.first) return name.second;
    int64_t number = 0;
    if (IntegerOf(value, number) && number >= 1 && number <= kIOUSBHostConnectionSpeedSuperPlusBy2) return number;
    error = "speed: low, full, high, super, super-plus or 1..6 (line " + std::to_string(value->line) + ")";
    return kIOUSBHostConnectionSpeedHigh;
}

int64_t EndpointTypeOf(const PlistValue *value, std::string &error)
{
    if (value == nullptr) return kIOUSBEndpointTypeBulk;
    static const char *names[] = {"control", "isochronous", "bulk", "interrupt"};
    for (int64_t k = 0; k < 4; k++)
        if (value->isString() && value->text == names[k]) return k;
    int64_t number = 0;
    if (IntegerOf(value, number) && number >= 0 && number <= 3) return number;
    error = "endpoint type: control, isochronous, bulk or interrupt (line " + std::to_string(value->line) + ")";
    return kIOUSBEndpointTypeBulk;
}

uint16_t DefaultMaxPacket(int64_t type, int64_t speed)
{
    if (type == kIOUSBEndpointTypeInterrupt) return 64;
    if (speed >= kIOUSBHostConnectionSpeedSuper) return 1024;
    if (speed == kIOUSBHostConnectionSpeedHigh) return 512;
    return 64;
}

struct Builder {
    UsbModel &model;
    std::string &error;
    int64_t speed = kIOUSBHostConnectionSpeedHigh;

    uint8_t addString(const std::string *text)
    {
        if (text == nullptr) return 0;
        uint8_t index = (uint8_t)(model.strings.size() + 1);
        model.strings[index] = *text;
        return index;
    }

    void endpoint(std::vector<uint8_t> &bytes, const PlistValue &dict, const std::string &where)
    {
        Reader read{dict, where, error};
        if (error.empty()) OnlyKnownKeys(dict, {"address", "type", "maxPacketSize", "interval"}, where, error);
        if (dict.find("address") == nullptr && error.empty()) error = where + "address: required";
        int64_t type = EndpointTypeOf(dict.find("type"), error);
        uint8_t e[kIOUSBDescriptorSizeEndpoint] = {kIOUSBDescriptorSizeEndpoint, kIOUSBDescriptorTypeEndpoint};
        e[2] = (uint8_t)read.get("address", 0x81, 0xff);
        e[3] = (uint8_t)type;
        uint16_t packet = (uint16_t)read.get("maxPacketSize", DefaultMaxPacket(type, speed), 0xffff);
        e[4] = (uint8_t)packet;
        e[5] = (uint8_t)(packet >> 8);
        e[6] = (uint8_t)read.get("interval", type == kIOUSBEndpointTypeInterrupt ? 1 : 0, 0xff);
        bytes.insert(bytes.end(), e, e + sizeof e);
    }

    void interface(std::vector<uint8_t> &bytes, const PlistValue &dict, size_t position, const std::string &where)
    {
        Reader read{dict, where, error};
        if (error.empty())
            OnlyKnownKeys(dict,
                          {"bInterfaceNumber", "bAlternateSetting", "bInterfaceClass", "bInterfaceSubClass",
                           "bInterfaceProtocol", "interface", "extra", "endpoints"},
                          where, error);
        const PlistValue *endpoints = dict.find("endpoints");
        if (endpoints && !endpoints->isArray() && error.empty()) error = where + "endpoints: not an array";
        size_t count = endpoints && endpoints->isArray() ? endpoints->items.size() : 0;
        uint8_t d[kIOUSBDescriptorSizeInterface] = {kIOUSBDescriptorSizeInterface, kIOUSBDescriptorTypeInterface};
        d[2] = (uint8_t)read.get("bInterfaceNumber", (int64_t)position, 0xff);
        d[3] = (uint8_t)read.get("bAlternateSetting", 0, 0xff);
        d[4] = (uint8_t)count;
        d[5] = (uint8_t)read.get("bInterfaceClass", 0xff, 0xff);
        d[6] = (uint8_t)read.get("bInterfaceSubClass", 0, 0xff);
        d[7] = (uint8_t)read.get("bInterfaceProtocol", 0, 0xff);
        d[8] = addString(read.text("interface"));
        bytes.insert(bytes.end(), d, d + sizeof d);
        if (const std::string *extra = read.text("extra")) {
            std::vector<uint8_t> more;
            if (!ParseHex(*extra, more) && error.empty()) error = where + "extra: not hex digits";
            bytes.insert(bytes.end(), more.begin(), more.end());
        }
        for (size_t k = 0; k < count; k++)
            endpoint(bytes, endpoints->items[k], where + "endpoints[" + std::to_string(k) + "].");
    }

    std::vector<uint8_t> configuration(const PlistValue &dict, size_t position)
    {
        std::string where = "configurations[" + std::to_string(position) + "].";
        Reader read{dict, where, error};
        if (error.empty())
            OnlyKnownKeys(
                dict, {"descriptor", "bConfigurationValue", "bmAttributes", "MaxPower", "configuration", "interfaces"},
                where, error);
        std::vector<uint8_t> bytes;
        if (const std::string *raw = read.text("descriptor")) {
            if (!ParseHex(*raw, bytes) && error.empty()) error = where + "descriptor: not hex digits";
            return bytes; /* as written: a malformed configuration is the point of giving bytes */
        }
        bytes.assign(kIOUSBDescriptorSizeConfiguration, 0);
        bytes[0] = kIOUSBDescriptorSizeConfiguration;
        bytes[1] = kIOUSBDescriptorTypeConfiguration;
        bytes[5] = (uint8_t)read.get("bConfigurationValue", (int64_t)position + 1, 0xff);
        bytes[6] = addString(read.text("configuration"));
        bytes[7] = (uint8_t)read.get("bmAttributes", 0x80, 0xff);
        bytes[8] = (uint8_t)read.get("MaxPower", 50, 0xff);
        const PlistValue *interfaces = dict.find("interfaces");
        if (interfaces && !interfaces->isArray() && error.empty()) error = where + "interfaces: not an array";
        std::vector<uint8_t> numbers;
        if (interfaces && interfaces->isArray())
            for (size_t k = 0; k < interfaces->items.size(); k++)
                interface(bytes, interfaces->items[k], k, where + "interfaces[" + std::to_string(k) + "].");
        /* bNumInterfaces counts interface numbers, not alternate settings. */
        for (size_t at = kIOUSBDescriptorSizeConfiguration; at + 1 < bytes.size() && bytes[at] >= 2; at += bytes[at])
            if (bytes[at + 1] == kIOUSBDescriptorTypeInterface && at + 2 < bytes.size()) {
                bool seen = false;
                for (uint8_t n : numbers) seen = seen || n == bytes[at + 2];
                if (!seen) numbers.push_back(bytes[at + 2]);
            }
        bytes[4] = (uint8_t)numbers.size();
        Put16(bytes, 2, (uint16_t)bytes.size());
        return bytes;
    }

    void device(const PlistValue &dict, size_t configurationCount)
    {
        Reader read{dict, "", error};
        std::vector<uint8_t> &d = model.device;
        d.assign(kIOUSBDescriptorSizeDevice, 0);
        d[0] = kIOUSBDescriptorSizeDevice;
        d[1] = kIOUSBDescriptorTypeDevice;
        Put16(d, 2, (uint16_t)read.get("bcdUSB", speed >= kIOUSBHostConnectionSpeedSuper ? 0x0320 : 0x0200, 0xffff));
        d[4] = (uint8_t)read.get("bDeviceClass", 0, 0xff);
        d[5] = (uint8_t)read.get("bDeviceSubClass", 0, 0xff);
        d[6] = (uint8_t)read.get("bDeviceProtocol", 0, 0xff);
        d[7] = (uint8_t)read.get("bMaxPacketSize0", speed >= kIOUSBHostConnectionSpeedSuper ? 9 : 64, 0xff);
        Put16(d, 8, (uint16_t)read.get("idVendor", kDefaultVendor, 0xffff));
        Put16(d, 10, (uint16_t)read.get("idProduct", kDefaultProduct, 0xffff));
        Put16(d, 12, (uint16_t)read.get("bcdDevice", 0x0100, 0xffff));
        d[14] = addString(read.text("manufacturer"));
        d[15] = addString(read.text("product"));
        d[16] = addString(read.text("serialNumber"));
        d[17] = (uint8_t)configurationCount;
    }
};

/* What a description-less device is made of: the personality's own keys under the description's
 * names, so both paths share one builder. */
PlistValue DescriptionFromPersonality(const PlistValue &personality)
{
    auto integer = [](int64_t value) {
        PlistValue v;
        v.kind = PlistValue::Kind::Integer;
        v.integer = value;
        return v;
    };
    auto text = [](const char *value) {
        PlistValue v;
        v.text = value;
        return v;
    };
    auto dict = [] {
        PlistValue v;
        v.kind = PlistValue::Kind::Dict;
        return v;
    };
    auto copy = [&](PlistValue &to, const char *key, int64_t fallback) {
        int64_t value = fallback;
        const PlistValue *found = personality.find(key);
        if (found && found->isArray() && !found->items.empty()) found = &found->items[0]; /* idProductArray */
        if (!IntegerOf(found, value)) value = fallback;
        if (value >= 0) to.entries.push_back({key, integer(value)});
    };
    PlistValue device = dict();
    copy(device, "idVendor", kDefaultVendor);
    int64_t product = kDefaultProduct;
    if (!IntegerOf(personality.find("idProduct"), product)) {
        const PlistValue *array = personality.find("idProductArray");
        if (!(array && array->isArray() && !array->items.empty() && IntegerOf(&array->items[0], product)))
            product = kDefaultProduct;
    }
    device.entries.push_back({"idProduct", integer(product)});
    copy(device, "bcdDevice", -1);
    copy(device, "bDeviceClass", -1);
    copy(device, "bDeviceSubClass", -1);
    copy(device, "bDeviceProtocol", -1);
    device.entries.push_back({"manufacturer", text("ConformanceKit")});
    device.entries.push_back({"product", text("Simulated USB Device")});
    device.entries.push_back({"serialNumber", text("0001")});
    PlistValue iface = dict();
    copy(iface, "bInterfaceNumber", 0);
    copy(iface, "bInterfaceClass", 0xff);
    copy(iface, "bInterfaceSubClass", -1);
    copy(iface, "bInterfaceProtocol", -1);
    PlistValue endpoints;
    endpoints.kind = PlistValue::Kind::Array;
    const std::pair<int64_t, const char *> defaults[] = {{0x81, "bulk"}, {0x01, "bulk"}, {0x82, "interrupt"}};
    for (const auto &entry : defaults) {
        PlistValue endpoint = dict();
        endpoint.entries.push_back({"address", integer(entry.first)});
        endpoint.entries.push_back({"type", text(entry.second)});
        endpoints.items.push_back(endpoint);
    }
    iface.entries.push_back({"endpoints", endpoints});
    PlistValue interfaces;
    interfaces.kind = PlistValue::Kind::Array;
    interfaces.items.push_back(iface);
    PlistValue configuration = dict();
    copy(configuration, "bConfigurationValue", 1);
    configuration.entries.push_back({"interfaces", interfaces});
    PlistValue configurations;
    configurations.kind = PlistValue::Kind::Array;
    configurations.items.push_back(configuration);
    device.entries.push_back({"configurations", configurations});
    return device;
}

bool Matches(const PlistValue &personality, const char *key, int64_t actual)
{
    int64_t wanted = 0;
    return !IntegerOf(personality.find(key), wanted) || wanted == actual;
}

} // namespace

uint16_t UsbModel::vendor() const { return (uint16_t)(device[8] | device[9] << 8); }
uint16_t UsbModel::product() const { return (uint16_t)(device[10] | device[11] << 8); }

const std::vector<uint8_t> *UsbModel::configurationWithValue(uint8_t value) const
{
    for (const std::vector<uint8_t> &configuration : configurations)
        if (configuration.size() >= kIOUSBDescriptorSizeConfiguration && configuration[5] == value)
            return &configuration;
    return nullptr;
}

std::vector<uint8_t> UsbModel::stringDescriptor(uint8_t index) const
{
    if (index == 0) return {4, kIOUSBDescriptorTypeString, 0x09, 0x04}; /* English (US) only */
    auto found = strings.find(index);
    if (found == strings.end()) return {};
    std::vector<uint8_t> bytes = {2, kIOUSBDescriptorTypeString};
    /* UTF-16LE of the ASCII text; other bytes become '?', and the descriptor stops at 255 bytes. */
    for (char c : found->second) {
        if (bytes.size() + 2 > kIOUSBDescriptorSizeStringMaximum) break;
        bytes.push_back((unsigned char)c < 0x80 ? (uint8_t)c : '?');
        bytes.push_back(0);
    }
    bytes[0] = (uint8_t)bytes.size();
    return bytes;
}

static PlistValue Integer(int64_t value)
{
    PlistValue v;
    v.kind = PlistValue::Kind::Integer;
    v.integer = value;
    return v;
}

static PlistValue Text(const std::string &value)
{
    PlistValue v;
    v.text = value;
    return v;
}

PlistValue UsbModel::deviceProperties() const
{
    PlistValue p;
    p.kind = PlistValue::Kind::Dict;
    const char *byteKeys[] = {"bDeviceClass", "bDeviceSubClass", "bDeviceProtocol", "bMaxPacketSize0"};
    p.entries.push_back({kUSBHostMatchingPropertyVendorID, Integer(vendor())});
    p.entries.push_back({kUSBHostMatchingPropertyProductID, Integer(product())});
    p.entries.push_back({kUSBHostMatchingPropertyDeviceReleaseNumber, Integer(device[12] | device[13] << 8)});
    for (int k = 0; k < 4; k++) p.entries.push_back({byteKeys[k], Integer(device[4 + k])});
    p.entries.push_back({"bcdUSB", Integer(device[2] | device[3] << 8)});
    p.entries.push_back({"iManufacturer", Integer(device[14])});
    p.entries.push_back({"iProduct", Integer(device[15])});
    p.entries.push_back({"iSerialNumber", Integer(device[16])});
    p.entries.push_back({"bNumConfigurations", Integer(device[17])});
    p.entries.push_back({kUSBHostMatchingPropertySpeed, Integer(speed)});
    p.entries.push_back({kUSBHostPropertyLocationID, Integer(locationID)});
    p.entries.push_back({kUSBHostDevicePropertyAddress, Integer(address)});
    p.entries.push_back({kUSBHostDevicePropertyCurrentConfiguration, Integer(currentConfiguration)});
    const std::pair<uint8_t, const char *> names[] = {{device[14], kUSBHostDevicePropertyVendorString},
                                                      {device[15], kUSBHostDevicePropertyProductString},
                                                      {device[16], kUSBHostDevicePropertySerialNumberString}};
    const char *legacy[] = {"USB Vendor Name", "USB Product Name", "USB Serial Number"};
    for (int k = 0; k < 3; k++) {
        auto found = strings.find(names[k].first);
        if (names[k].first == 0 || found == strings.end()) continue;
        p.entries.push_back({names[k].second, Text(found->second)});
        p.entries.push_back({legacy[k], Text(found->second)});
    }
    return p;
}

PlistValue UsbModel::interfaceProperties(const uint8_t *d) const
{
    PlistValue p;
    p.kind = PlistValue::Kind::Dict;
    p.entries.push_back({kUSBHostMatchingPropertyVendorID, Integer(vendor())});
    p.entries.push_back({kUSBHostMatchingPropertyProductID, Integer(product())});
    p.entries.push_back({kUSBHostMatchingPropertyDeviceReleaseNumber, Integer(device[12] | device[13] << 8)});
    p.entries.push_back({kUSBHostMatchingPropertyConfigurationValue, Integer(currentConfiguration)});
    const char *keys[] = {"bInterfaceNumber",   "bAlternateSetting",  "bNumEndpoints", "bInterfaceClass",
                          "bInterfaceSubClass", "bInterfaceProtocol", "iInterface"};
    for (int k = 0; k < 7; k++) p.entries.push_back({keys[k], Integer(d[2 + k])});
    p.entries.push_back({kUSBHostMatchingPropertySpeed, Integer(speed)});
    p.entries.push_back({kUSBHostPropertyLocationID, Integer(locationID)});
    return p;
}

const uint8_t *FindInterface(const std::vector<uint8_t> &configuration, uint8_t number, uint8_t alt)
{
    if (configuration.size() < kIOUSBDescriptorSizeConfiguration) return nullptr;
    auto *config = reinterpret_cast<const IOUSBConfigurationDescriptor *>(configuration.data());
    /* The walk trusts wTotalLength only up to the bytes that exist. */
    if (config->wTotalLength > configuration.size()) return nullptr;
    const IOUSBInterfaceDescriptor *found = nullptr;
    while ((found = IOUSBGetNextInterfaceDescriptor(config, reinterpret_cast<const IOUSBDescriptorHeader *>(found))))
        if (found->bInterfaceNumber == number && found->bAlternateSetting == alt)
            return reinterpret_cast<const uint8_t *>(found);
    return nullptr;
}

const uint8_t *MatchInterface(const UsbModel &model, const Personality &personality)
{
    const std::vector<uint8_t> *configuration = model.configurationWithValue(model.currentConfiguration);
    if (configuration == nullptr || personality.properties == nullptr) return nullptr;
    const PlistValue &keys = *personality.properties;
    for (size_t at = 0; at < 256; at++) {
        const uint8_t *d = FindInterface(*configuration, (uint8_t)at, 0);
        if (d == nullptr) continue;
        if (Matches(keys, "bInterfaceNumber", d[2]) && Matches(keys, "bInterfaceClass", d[5]) &&
            Matches(keys, "bInterfaceSubClass", d[6]) && Matches(keys, "bInterfaceProtocol", d[7]))
            return d;
    }
    return nullptr;
}

bool BuildUsbModel(const Personality &personality, const PlistValue &description, UsbModel &model, std::string &error)
{
    static const PlistValue kEmpty;
    const PlistValue &keys = personality.properties ? *personality.properties : kEmpty;
    PlistValue fromPersonality;
    const PlistValue *source = &description;
    if (description.entries.empty()) {
        fromPersonality = DescriptionFromPersonality(keys);
        source = &fromPersonality;
    }
    model = UsbModel();
    OnlyKnownKeys(*source,
                  {"family", "idVendor", "idProduct", "bcdDevice", "bcdUSB", "bDeviceClass", "bDeviceSubClass",
                   "bDeviceProtocol", "bMaxPacketSize0", "speed", "manufacturer", "product", "serialNumber",
                   "locationID", "currentConfiguration", "configurations"},
                  "", error);
    Builder builder{model, error};
    builder.speed = SpeedOf(source->find("speed"), error);
    model.speed = (uint8_t)builder.speed;
    Reader read{*source, "", error};
    model.locationID = (uint32_t)read.get("locationID", 0x14100000, 0xffffffff);
    const PlistValue *configurations = source->find("configurations");
    if (configurations && !configurations->isArray() && error.empty()) error = "configurations: not an array";
    size_t count = configurations && configurations->isArray() ? configurations->items.size() : 0;
    builder.device(*source, count);
    for (size_t k = 0; k < count && error.empty(); k++)
        model.configurations.push_back(builder.configuration(configurations->items[k], k));
    int64_t first =
        !model.configurations.empty() && model.configurations[0].size() > 5 ? model.configurations[0][5] : 0;
    model.currentConfiguration = (uint8_t)read.get("currentConfiguration", first, 0xff);
    if (!error.empty()) {
        error = "device description: " + error;
        return false;
    }
    /* The kernel offers a dext only the device its personality matches. */
    int64_t product = model.product();
    const PlistValue *array = keys.find("idProductArray");
    bool productMatches = Matches(keys, "idProduct", product);
    if (array && array->isArray()) {
        productMatches = false;
        for (const PlistValue &item : array->items) {
            int64_t value = -1;
            productMatches = productMatches || (IntegerOf(&item, value) && value == product);
        }
    }
    if (!Matches(keys, "idVendor", model.vendor()) || !productMatches) {
        char text[96];
        snprintf(text, sizeof text, "the device %04x:%04x does not match the personality's idVendor/idProduct",
                 model.vendor(), model.product());
        error = text;
        return false;
    }
    return true;
}

} // namespace dksim
