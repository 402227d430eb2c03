/* Umbrella header: the HIDDriverKit subset the ConformanceKit runtime provides. */
#ifndef DKSIM_HIDDRIVERKIT_HIDDRIVERKIT_H
#define DKSIM_HIDDRIVERKIT_HIDDRIVERKIT_H
#include <HIDDriverKit/IOHIDDeviceTypes.h>
#include <HIDDriverKit/IOHIDDeviceKeys.h>
#include <HIDDriverKit/IOHIDUsageTables.h>
#include <HIDDriverKit/IOHIDDevice.h>
#include <HIDDriverKit/IOUserHIDDevice.h>
#endif
