/*
 * kOSBooleanTrue and kOSBooleanFalse. They are constant-initialized (no constructor runs at load,
 * so a dext's own static initializers can use them) and never destroyed, and never handed to the
 * object tracker: holding one is not a leak.
 */
#include <DriverKit/OSBoolean.h>

DKSIM_CLASS_DEFINE_ABSTRACT(OSBoolean, OSContainer)

namespace dksim {
struct BooleanSingletons {
    static OSBoolean trueValue;
    static OSBoolean falseValue;
};
[[clang::no_destroy, clang::require_constant_initialization]] OSBoolean BooleanSingletons::trueValue(true);
[[clang::no_destroy, clang::require_constant_initialization]] OSBoolean BooleanSingletons::falseValue(false);
} // namespace dksim

OSBooleanPtr kOSBooleanTrue = &dksim::BooleanSingletons::trueValue;
OSBooleanPtr kOSBooleanFalse = &dksim::BooleanSingletons::falseValue;

/* Unreachable: release never frees a singleton. */
void OSBoolean::free() {}

void OSBoolean::retain() const {}

void OSBoolean::release() const {}
