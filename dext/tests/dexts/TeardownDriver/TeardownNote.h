//
//  TeardownNote.h
//  TeardownDriver
//
//  The note Arm leaves for the service's Stop (TeardownDriver.cpp): one per system, null when none.
//

#ifndef TeardownNote_h
#define TeardownNote_h

#include <stdint.h>

extern uint8_t* gTeardownNote;

#endif /* TeardownNote_h */
