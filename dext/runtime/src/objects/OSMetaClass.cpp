#include <DriverKit/OSMetaClass.h>

#include <map>
#include <string>

#include <DriverKit/OSObject.h>

#include "objects/ClassRegistry.h"

namespace {
/* Head of the list of every metaclass constructed so far (classes register on first use). */
std::atomic<const OSMetaClass *> &Head()
{
    static std::atomic<const OSMetaClass *> head{nullptr};
    return head;
}
} // namespace

OSMetaClass::OSMetaClass(const char *className) : className_(className)
{
    next_ = Head().load();
    while (!Head().compare_exchange_weak(next_, this)) {}
}

const OSMetaClass *OSMetaClass::dksimFirst() { return Head().load(); }

namespace dksim {

static std::map<std::string, ClassFactory> &Factories()
{
    static std::map<std::string, ClassFactory> *factories = new std::map<std::string, ClassFactory>();
    return *factories;
}

bool RegisterClassFactory(const char *className, ClassFactory factory)
{
    Factories()[className] = factory;
    return true;
}

OSObject *CreateInstanceOf(const std::string &className)
{
    auto found = Factories().find(className);
    return found == Factories().end() ? nullptr : found->second();
}

} // namespace dksim
