/* HIDDriverKit's <HIDDriverKit/IOHIDEventServiceKeys.h>: the property keys an IOUserHIDEventService
 * (or a virtual HID device describing a pointer) publishes to tune how the HID event system treats its
 * events — acceleration types and switches, report rates, scroll resolution, surface dimensions. The
 * names and strings are those of Apple's header (HIDDriverKit, macOS 12 SDK and later; the *Support
 * and report-rate keys were added after 12.1). The runtime reads none of them: a dext only stores them
 * in the dictionaries it returns (newDeviceDescription, SetProperties), where the harness can see them. */
#ifndef DKSIM_HIDDRIVERKIT_IOHIDEVENTSERVICEKEYS_H
#define DKSIM_HIDDRIVERKIT_IOHIDEVENTSERVICEKEYS_H

/* Acceleration: the kind of curve (a string naming one of the value keys) and its value (a number). */
#define kIOHIDPointerAccelerationKey "HIDPointerAcceleration"
#define kIOHIDTrackpadScrollAccelerationKey "HIDTrackpadScrollAcceleration"
#define kIOHIDTrackpadAccelerationType "HIDTrackpadAcceleration"
#define kIOHIDPointerAccelerationTypeKey "HIDPointerAccelerationType"
#define kIOHIDMouseScrollAccelerationKey "HIDMouseScrollAcceleration"
#define kIOHIDMouseAccelerationTypeKey "HIDMouseAcceleration"
#define kIOHIDScrollAccelerationKey "HIDScrollAcceleration"
#define kIOHIDScrollAccelerationTypeKey "HIDScrollAccelerationType"
#define kIOHIDUseLinearScalingMouseAccelerationKey "HIDUseLinearScalingMouseAcceleration"

/* Booleans: false turns acceleration off for a device that reports precise relative motion. */
#define kIOHIDPointerAccelerationSupportKey "HIDSupportsPointerAcceleration"
#define kIOHIDScrollAccelerationSupportKey "HIDSupportsScrollAcceleration"

/* What the event system sets on a service to tune its pointer/scroll filter. */
#define kIOHIDServiceAccelerationProperties "IOHIDSetAcceleration"
#define kIOHIDPointerAccelerationMultiplierKey "HIDPointerAccelerationMultiplier"
#define kHIDPointerReportRateKey "HIDPointerReportRate"
#define kIOHIDScrollReportRateKey "HIDScrollReportRate"
#define kHIDAccelParametricCurvesKey "HIDAccelCurves"
#define kHIDScrollAccelParametricCurvesKey "HIDScrollAccelCurves"
#define kIOHIDScrollResolutionKey "HIDScrollResolution"
#define kIOHIDScrollResolutionXKey "HIDScrollResolutionX"
#define kIOHIDScrollResolutionYKey "HIDScrollResolutionY"
#define kIOHIDScrollResolutionZKey "HIDScrollResolutionZ"
#define kIOHIDDropAccelPropertyEventsKey "DropAccelPropertyEvents"

/* Digitizers and absolute pointers: tip threshold (percent) and the surface (a dictionary of Width and
 * Height, millimetres as IOFixed). */
#define kIOHIDDigitizerTipThresholdKey "DigitizerTipThreshold"
#define kIOHIDSurfaceDimensionsKey "SurfaceDimensions"
#define kIOHIDWidthKey "Width"
#define kIOHIDHeightKey "Height"

/* An IOUserHIDEventDriver that wants its reports before the element processing. */
#define kIOHIDEventDriverHandlesReport "IOHIDEventDriverHandlesReport"

#endif
