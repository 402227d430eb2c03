/*
 * HID usage pages and usages (HIDDriverKit/IOHIDUsageTables.h, which also brings in
 * AppleHIDUsageTables.h). The numbers are those of the USB-IF "HID Usage Tables" specification and,
 * for the Apple vendor pages, of IOHIDFamily's AppleHIDUsageTables.h; the names follow Apple's
 * kHIDPage_* / kHIDUsage_<Page>_* scheme. Only the pages and usages virtual HID dexts commonly use
 * are listed: generic desktop, keyboard/keypad, LEDs, button, consumer, digitizer (the page only)
 * and the vendor pages.
 */
#ifndef DKSIM_HIDDRIVERKIT_IOHIDUSAGETABLES_H
#define DKSIM_HIDDRIVERKIT_IOHIDUSAGETABLES_H

/* usage pages */
enum {
    kHIDPage_Undefined = 0x00,
    kHIDPage_GenericDesktop = 0x01,
    kHIDPage_Simulation = 0x02,
    kHIDPage_VR = 0x03,
    kHIDPage_Sport = 0x04,
    kHIDPage_Game = 0x05,
    kHIDPage_GenericDeviceControls = 0x06,
    kHIDPage_KeyboardOrKeypad = 0x07,
    kHIDPage_LEDs = 0x08,
    kHIDPage_Button = 0x09,
    kHIDPage_Ordinal = 0x0A,
    kHIDPage_Telephony = 0x0B,
    kHIDPage_Consumer = 0x0C,
    kHIDPage_Digitizer = 0x0D,
    kHIDPage_Haptics = 0x0E,
    kHIDPage_PID = 0x0F,
    kHIDPage_Unicode = 0x10,
    kHIDPage_AlphanumericDisplay = 0x14,
    kHIDPage_Sensor = 0x20,
    kHIDPage_BatterySystem = 0x85,
    kHIDPage_PowerDevice = 0x84,
    kHIDPage_FIDO = 0xF1D0,
    kHIDPage_VendorDefinedStart = 0xFF00,
    /* Apple's vendor pages (AppleHIDUsageTables.h) */
    kHIDPage_AppleVendorTopCase = 0x00FF,
    kHIDPage_AppleVendor = 0xFF00,
    kHIDPage_AppleVendorKeyboard = 0xFF01,
    kHIDPage_AppleVendorMouse = 0xFF02,
};

/* Generic Desktop page (0x01) */
enum {
    kHIDUsage_GD_Pointer = 0x01,
    kHIDUsage_GD_Mouse = 0x02,
    kHIDUsage_GD_Joystick = 0x04,
    kHIDUsage_GD_GamePad = 0x05,
    kHIDUsage_GD_Keyboard = 0x06,
    kHIDUsage_GD_Keypad = 0x07,
    kHIDUsage_GD_MultiAxisController = 0x08,
    kHIDUsage_GD_X = 0x30,
    kHIDUsage_GD_Y = 0x31,
    kHIDUsage_GD_Z = 0x32,
    kHIDUsage_GD_Rx = 0x33,
    kHIDUsage_GD_Ry = 0x34,
    kHIDUsage_GD_Rz = 0x35,
    kHIDUsage_GD_Slider = 0x36,
    kHIDUsage_GD_Dial = 0x37,
    kHIDUsage_GD_Wheel = 0x38,
    kHIDUsage_GD_Hatswitch = 0x39,
    kHIDUsage_GD_DPadUp = 0x90,
    kHIDUsage_GD_DPadDown = 0x91,
    kHIDUsage_GD_DPadRight = 0x92,
    kHIDUsage_GD_DPadLeft = 0x93,
    kHIDUsage_GD_SystemControl = 0x80,
    kHIDUsage_GD_SystemPowerDown = 0x81,
    kHIDUsage_GD_SystemSleep = 0x82,
    kHIDUsage_GD_SystemWakeUp = 0x83,
};

/* Keyboard/Keypad page (0x07): the modifiers and the range bounds; the letters run from A (0x04)
 * to Z (0x1D), the digits from 1 (0x1E) to 0 (0x27). */
enum {
    kHIDUsage_KeyboardErrorRollOver = 0x01,
    kHIDUsage_KeyboardPOSTFail = 0x02,
    kHIDUsage_KeyboardErrorUndefined = 0x03,
    kHIDUsage_KeyboardA = 0x04,
    kHIDUsage_KeyboardZ = 0x1D,
    kHIDUsage_Keyboard1 = 0x1E,
    kHIDUsage_Keyboard0 = 0x27,
    kHIDUsage_KeyboardReturnOrEnter = 0x28,
    kHIDUsage_KeyboardEscape = 0x29,
    kHIDUsage_KeyboardDeleteOrBackspace = 0x2A,
    kHIDUsage_KeyboardTab = 0x2B,
    kHIDUsage_KeyboardSpacebar = 0x2C,
    kHIDUsage_KeyboardCapsLock = 0x39,
    kHIDUsage_KeyboardF1 = 0x3A,
    kHIDUsage_KeyboardF12 = 0x45,
    kHIDUsage_KeyboardRightArrow = 0x4F,
    kHIDUsage_KeyboardLeftArrow = 0x50,
    kHIDUsage_KeyboardDownArrow = 0x51,
    kHIDUsage_KeyboardUpArrow = 0x52,
    kHIDUsage_KeyboardLeftControl = 0xE0,
    kHIDUsage_KeyboardLeftShift = 0xE1,
    kHIDUsage_KeyboardLeftAlt = 0xE2,
    kHIDUsage_KeyboardLeftGUI = 0xE3,
    kHIDUsage_KeyboardRightControl = 0xE4,
    kHIDUsage_KeyboardRightShift = 0xE5,
    kHIDUsage_KeyboardRightAlt = 0xE6,
    kHIDUsage_KeyboardRightGUI = 0xE7,
};

/* LED page (0x08) */
enum {
    kHIDUsage_LED_NumLock = 0x01,
    kHIDUsage_LED_CapsLock = 0x02,
    kHIDUsage_LED_ScrollLock = 0x03,
};

/* Button page (0x09): usage n is button n. */
enum {
    kHIDUsage_Button_1 = 0x01,
    kHIDUsage_Button_2 = 0x02,
    kHIDUsage_Button_3 = 0x03,
    kHIDUsage_Button_4 = 0x04,
};

/* Consumer page (0x0C) */
enum {
    kHIDUsage_Csmr_ConsumerControl = 0x01,
    kHIDUsage_Csmr_Power = 0x30,
    kHIDUsage_Csmr_DisplayBrightnessIncrement = 0x6F,
    kHIDUsage_Csmr_DisplayBrightnessDecrement = 0x70,
    kHIDUsage_Csmr_FastForward = 0xB3,
    kHIDUsage_Csmr_Rewind = 0xB4,
    kHIDUsage_Csmr_ScanNextTrack = 0xB5,
    kHIDUsage_Csmr_ScanPreviousTrack = 0xB6,
    kHIDUsage_Csmr_Eject = 0xB8,
    kHIDUsage_Csmr_PlayOrPause = 0xCD,
    kHIDUsage_Csmr_Mute = 0xE2,
    kHIDUsage_Csmr_VolumeIncrement = 0xE9,
    kHIDUsage_Csmr_VolumeDecrement = 0xEA,
    kHIDUsage_Csmr_ACPan = 0x238,
};

/* Apple vendor pages (AppleHIDUsageTables.h) */
enum {
    kHIDUsage_AppleVendor_TopCase = 0x0001,
    kHIDUsage_AppleVendor_Display = 0x0002,
    kHIDUsage_AppleVendor_Accelerometer = 0x0003,
    kHIDUsage_AppleVendor_AmbientLightSensor = 0x0004,
    kHIDUsage_AppleVendor_TemperatureSensor = 0x0005,
    kHIDUsage_AppleVendor_Keyboard = 0x0006,
};
enum {
    kHIDUsage_AV_TopCase_KeyboardFn = 0x0003,
    kHIDUsage_AppleVendorKeyboard_Function = 0x0003,
};

#endif
