/*
 * OSMetaClass: the class name of every OSObject subclass and, in the simulator, the live-instance
 * counter behind dksim_live_objects. One static instance per class, created on first use.
 *
 * DKSIM_CLASS_DECLARE / DKSIM_CLASS_DEFINE play the role of the metaclass boilerplate that Apple's
 * iig emits: dkiig puts DECLARE first in every generated class body and DEFINE in Name.iig.cpp.
 * DEFINE also registers a factory so that an Info.plist IOUserClass (or UserClientProperties)
 * naming the class can instantiate it.
 */
#ifndef DKSIM_DRIVERKIT_OSMETACLASS_H
#define DKSIM_DRIVERKIT_OSMETACLASS_H

#include <atomic>
#include <stdint.h>

class OSObject;

class OSMetaClass
{
public:
    explicit OSMetaClass(const char *className);
    OSMetaClass(const OSMetaClass &) = delete;
    OSMetaClass &operator=(const OSMetaClass &) = delete;

    const char *getClassName() const { return className_; }

    /* Simulator: instances created and not yet freed, and the value the counters are reported against. */
    int64_t dksimLiveInstances() const { return live_.load(std::memory_order_relaxed); }
    int64_t dksimBaseline() const { return baseline_; }
    void dksimInstanceCreated() const { live_.fetch_add(1, std::memory_order_relaxed); }
    void dksimInstanceFreed() const { live_.fetch_sub(1, std::memory_order_relaxed); }
    void dksimRebase() { baseline_ = live_.load(std::memory_order_relaxed); }
    const OSMetaClass *dksimNext() const { return next_; }
    static const OSMetaClass *dksimFirst();

private:
    const char *className_;
    mutable std::atomic<int64_t> live_{0};
    int64_t baseline_ = 0;
    const OSMetaClass *next_ = nullptr;
};

namespace dksim {
typedef OSObject *(*ClassFactory)();
/* Registers a class that IOUserClass / UserClientProperties may name. Returns true. */
bool RegisterClassFactory(const char *className, ClassFactory factory);
/* Starts counting a freshly constructed object (and records the connection it was created for). */
void TrackObject(OSObject *object);
} // namespace dksim

#define DKSIM_CLASS_DECLARE(className, superName)     \
public:                                               \
    typedef superName super;                          \
    static OSMetaClass *sGetMetaClass();              \
    const OSMetaClass *getMetaClass() const override; \
                                                      \
private:

#define DKSIM_CLASS_DEFINE_ABSTRACT(className, superName) \
    OSMetaClass *className::sGetMetaClass()               \
    {                                                     \
        static OSMetaClass meta(#className);              \
        return &meta;                                     \
    }                                                     \
    const OSMetaClass *className::getMetaClass() const { return className::sGetMetaClass(); }

#define DKSIM_CLASS_DEFINE(className, superName)                          \
    DKSIM_CLASS_DEFINE_ABSTRACT(className, superName)                     \
    static OSObject *dksimNew_##className()                               \
    {                                                                     \
        className *object = new className();                              \
        ::dksim::TrackObject(object);                                     \
        return object;                                                    \
    }                                                                     \
    static const bool dksimRegistered_##className __attribute__((used)) = \
        ::dksim::RegisterClassFactory(#className, &dksimNew_##className);

#endif
