/*
 * HIDDriverKit's report types (HIDDriverKit/IOHIDDeviceTypes.h in the DriverKit SDK; the same
 * values as IOKit's IOHIDReportType in IOHIDFamily's IOHIDKeys.h).
 */
#ifndef DKSIM_HIDDRIVERKIT_IOHIDDEVICETYPES_H
#define DKSIM_HIDDRIVERKIT_IOHIDDEVICETYPES_H

#include <stdint.h>
#include <DriverKit/IOTypes.h>

/* The kind of report passed to handleReport, getReport and setReport. */
typedef enum {
    kIOHIDReportTypeInput = 0,
    kIOHIDReportTypeOutput,
    kIOHIDReportTypeFeature,
    kIOHIDReportTypeCount
} IOHIDReportType;

/* What a getReport/setReport request asks for (IOHIDDevice.iig's _ProcessReport). */
typedef enum { kIOHIDReportCommandSetReport = 0, kIOHIDReportCommandGetReport } HIDReportCommandType;

/* The lower 8 bits of getReport/setReport's options carry the report ID (IOHIDDevice.iig). */
#define kIOHIDReportOptionReportIDMask 0x000000FFu

#endif
