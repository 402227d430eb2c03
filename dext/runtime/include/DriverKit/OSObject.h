/*
 * OSObject: reference counting (retain/release, free on the last release) with Apple's names
 * (DriverKit OSObject.iig), plus the iig attribute macros, IMPL and SUPERDISPATCH.
 */
#ifndef DKSIM_DRIVERKIT_OSOBJECT_H
#define DKSIM_DRIVERKIT_OSOBJECT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <atomic>
#include <type_traits>

#include <DriverKit/IOReturn.h>
#include <DriverKit/IOTypes.h>
#include <DriverKit/OSMetaClass.h>

/* iig attributes carry meaning only for the interface generator; in C++ they are empty. */
#define NATIVE
#define LOCAL
#define LOCALONLY
#define REMOTE
#define LOCALHOST
#define INVOKEREPLY
#define REPLY
#define PORTMAKESEND
#define PORTCOPYSEND
#define TARGET
#define TYPE(p)
#define EXTENDS(cls)
#define QUEUENAME(name)
#define SERIALIZABLE
#define CONCRETE
#define KERNEL
#define APPLE_KEXT_OVERRIDE override

/* IMPL(Class, Method) names the implementation of an RPC method declared in Class's .iig. */
#define DEFN(classname, name) name##_Impl(classname##_##name##_Args)
#define IMPL(classname, name) classname ::DEFN(classname, name)

class OSObject;
class IODispatchQueue;
/* The container classes OSObject.iig declares ahead (defined in <DriverKit/OSCollections.h>). */
class OSContainer;
class OSData;
class OSNumber;
class OSString;
class OSBoolean;
class OSDictionary;
class OSArray;
class OSSet;
class OSOrderedSet;

struct IORPC {
    void *message;
};

/* In DriverKit a method's last argument selects the superclass implementation; here any non-null
 * value does, and SUPERDISPATCH is that value. */
typedef kern_return_t (*OSDispatchMethod)(OSObject *self, const IORPC rpc);
namespace dksim {
kern_return_t SuperDispatchMarker(OSObject *self, const IORPC rpc);
}
#define SUPERDISPATCH ((OSDispatchMethod) & ::dksim::SuperDispatchMarker)

typedef char IODispatchQueueName[256];
typedef OSObject *OSObjectPtr;

namespace dksim {
struct Access;
}

class OSMetaClassBase
{
public:
    virtual const OSMetaClass *getMetaClass() const = 0;
    virtual void retain() const = 0;
    virtual void release() const = 0;
    virtual bool isEqualTo(const OSMetaClassBase *anObject) const { return this == anObject; }

protected:
    virtual ~OSMetaClassBase() = default;
};

class OSObject : public OSMetaClassBase
{
public:
    static OSMetaClass *sGetMetaClass();
    const OSMetaClass *getMetaClass() const override;

    virtual bool init();
    /* Frees the object: a subclass's free() releases what it holds, then calls super::free() last. */
    virtual void free();
    void retain() const override;
    void release() const override;

    /* Simulator: the current retain count (for tests and diagnostics). */
    uint32_t dksimRetainCount() const { return retainCount_.load(std::memory_order_relaxed); }
    /* Simulator: the connection the dext was serving when this object was created (0: none). */
    uint64_t dksimOwnerConnection() const { return ownerConnection_; }

protected:
    OSObject() = default;
    ~OSObject() override = default;

private:
    friend struct dksim::Access;
    mutable std::atomic<uint32_t> retainCount_{1};
    const OSMetaClass *countedAs_ = nullptr; /* set when the runtime starts counting this instance */
    uint64_t ownerConnection_ = 0;
};

namespace dksim {
template <class T, class U>
inline T *OSDynamicCastImpl(U *object)
{
    using Plain = typename std::remove_const<U>::type;
    return object ? dynamic_cast<T *>(const_cast<Plain *>(object)) : nullptr;
}
template <class T>
inline T *OSDynamicCastImpl(decltype(nullptr))
{
    return nullptr;
}
} // namespace dksim

#define OSDynamicCast(type, inst) (::dksim::OSDynamicCastImpl<type>(inst))
#define OSRequiredCast(type, inst) (::dksim::OSDynamicCastImpl<type>(inst))

#define OSSafeReleaseNULL(inst)                       \
    do {                                              \
        if (nullptr != (inst)) { (inst)->release(); } \
        (inst) = nullptr;                             \
    } while (0)

#define OSSafeRelease(inst)                           \
    do {                                              \
        if (nullptr != (inst)) { (inst)->release(); } \
    } while (0)

#endif
