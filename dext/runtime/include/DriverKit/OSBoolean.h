/*
 * OSBoolean: the two immutable objects kOSBooleanTrue and kOSBooleanFalse (header OSBoolean.iig).
 * They exist for the life of the process, retain and release do nothing (the header: "does not
 * need to be retained or released (but it can be)"), and they are not counted by
 * dksim_live_objects, so keeping one is never a leak. Compare with ==, as the header says.
 * DriverKit's OSBoolean has no isTrue/isFalse/getValue (those are libkern's, kernel only).
 */
#ifndef DKSIM_DRIVERKIT_OSBOOLEAN_H
#define DKSIM_DRIVERKIT_OSBOOLEAN_H

#include <DriverKit/OSCollection.h>

class OSBoolean;
typedef OSBoolean *OSBooleanPtr;

extern OSBooleanPtr kOSBooleanTrue;
extern OSBooleanPtr kOSBooleanFalse;

namespace dksim {
struct BooleanSingletons;
}

class OSBoolean : public OSContainer
{
    DKSIM_CLASS_DECLARE(OSBoolean, OSContainer)

public:
    void free() override;
    void retain() const override;
    void release() const override;

    /* Simulator: true for kOSBooleanTrue (DriverKit code compares pointers instead). */
    bool dksimValue() const { return value_; }

private:
    friend struct dksim::BooleanSingletons;
    constexpr explicit OSBoolean(bool value) : value_(value) {}
    bool value_;
};

#endif
