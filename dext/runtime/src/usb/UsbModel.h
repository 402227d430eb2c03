/*
 * The simulated USB device as bytes: the device descriptor, each configuration descriptor with its
 * interfaces and endpoints (what GET_DESCRIPTOR returns), string descriptors, speed and location,
 * and the registry properties the kernel publishes on the device and interface nubs. Built from the
 * harness's description or, without one, from the personality's matching keys (docs/devices.md,
 * "USB"). Everything else in usb/ reads the descriptors through this one copy, so a description that
 * gives raw configuration bytes is seen by the dext exactly as written.
 */
#ifndef DKSIM_USB_USBMODEL_H
#define DKSIM_USB_USBMODEL_H

#include <map>
#include <stdint.h>
#include <string>
#include <vector>

#include "image/Plist.h"

namespace dksim {

struct Personality;

struct UsbModel {
    std::vector<uint8_t> device;                      /* the 18-byte device descriptor */
    std::vector<std::vector<uint8_t>> configurations; /* each whole configuration descriptor */
    std::map<uint8_t, std::string> strings;           /* index -> UTF-8 text; index 0 is the language list */
    uint8_t speed = 3;                                /* tIOUSBHostConnectionSpeed: high */
    uint8_t address = 1;
    uint32_t locationID = 0x14100000;
    uint8_t currentConfiguration = 0; /* bConfigurationValue set now; 0: unconfigured */

    uint16_t vendor() const;
    uint16_t product() const;
    /* The configuration descriptor with that bConfigurationValue, or null. */
    const std::vector<uint8_t> *configurationWithValue(uint8_t value) const;
    /* The string descriptor for index (index 0: English US only), or empty. */
    std::vector<uint8_t> stringDescriptor(uint8_t index) const;
    /* Registry properties of the device nub, and of the nub of one interface descriptor. */
    PlistValue deviceProperties() const;
    PlistValue interfaceProperties(const uint8_t *interfaceDescriptor) const;
};

/* The model for personality from description (a dictionary; empty: from the personality's keys).
 * False with error set when the description cannot make one. */
bool BuildUsbModel(const Personality &personality, const PlistValue &description, UsbModel &model, std::string &error);

/* The interface descriptor of the current configuration a personality's keys match (bInterfaceNumber,
 * bInterfaceClass, bInterfaceSubClass, bInterfaceProtocol, bAlternateSetting 0); null when none does. */
const uint8_t *MatchInterface(const UsbModel &model, const Personality &personality);

/* The first descriptor of an interface number with alternate setting alt in configuration bytes. */
const uint8_t *FindInterface(const std::vector<uint8_t> &configuration, uint8_t number, uint8_t alt);

} // namespace dksim

#endif
