/*
 * OSSharedPtr<T>: a smart pointer that owns one reference to an OSObject (DriverKit's OSSharedPtr,
 * documented member by member in Apple's DriverKit reference: the retain_t / no_retain_t
 * constructors, reset, get, detach, detachAsOSPtr, attach, the public ptr_). Copies retain,
 * moves transfer, destruction and reset release. Its behaviour follows libkern's
 * intrusive_shared_ptr (xnu libkern/libkern/c++/intrusive_shared_ptr.h), which DriverKit's
 * version mirrors.
 *
 *   OSSharedPtr<OSDictionary> d(OSDictionary::withCapacity(1), OSNoRetain); // adopt a +1 result
 *   OSSharedPtr<OSString> s(existing, OSRetain);                            // share a +0 pointer
 *   IODispatchQueue::Create("q", 0, 0, queue.attach());                     // let a call fill it
 *
 * DriverKit's reference lists OSStaticPtrCast and OSConstPtrCast; it has no OSMakeShared and no
 * OSDynamicPtrCast (those are kernel-only), so neither is provided.
 */
#ifndef DKSIM_DRIVERKIT_OSSHAREDPTR_H
#define DKSIM_DRIVERKIT_OSSHAREDPTR_H

#include <stddef.h>
#include <type_traits>

#include <DriverKit/OSObject.h>

struct OS_retain_t {
    explicit constexpr OS_retain_t() {}
};
struct OS_no_retain_t {
    explicit constexpr OS_no_retain_t() {}
};

/* Tags: the pointer handed over carries no reference of its own (retain it) / carries one (adopt it). */
constexpr static const auto OSRetain = OS_retain_t();
constexpr static const auto OSNoRetain = OS_no_retain_t();

template <typename T>
using OSPtr = T *;

template <typename T>
struct OSSharedPtr {
    using pointer = T *;
    using element_type = T;
    using retain_t = OS_retain_t;
    using no_retain_t = OS_no_retain_t;

    constexpr OSSharedPtr() noexcept : ptr_(nullptr) {}
    constexpr OSSharedPtr(decltype(nullptr)) noexcept : ptr_(nullptr) {}
    explicit OSSharedPtr(pointer p, retain_t) noexcept : ptr_(p)
    {
        if (ptr_) ptr_->retain();
    }
    explicit OSSharedPtr(pointer p, no_retain_t) noexcept : ptr_(p) {}

    OSSharedPtr(const OSSharedPtr &other) : ptr_(other.ptr_)
    {
        if (ptr_) ptr_->retain();
    }
    template <typename U, typename = typename std::enable_if<std::is_convertible<U *, T *>::value>::type>
    OSSharedPtr(const OSSharedPtr<U> &other) : ptr_(other.get())
    {
        if (ptr_) ptr_->retain();
    }
    OSSharedPtr(OSSharedPtr &&other) noexcept : ptr_(other.ptr_) { other.ptr_ = nullptr; }
    template <typename U, typename = typename std::enable_if<std::is_convertible<U *, T *>::value>::type>
    OSSharedPtr(OSSharedPtr<U> &&other) noexcept : ptr_(other.detach())
    {
    }
    /* Takes over other's reference, like the move constructor. */
    OSSharedPtr(OSSharedPtr &&other, no_retain_t) noexcept : ptr_(other.ptr_) { other.ptr_ = nullptr; }

    ~OSSharedPtr() { reset(); }

    /* Retain the new object before releasing the old one: self-assignment stays safe. */
    OSSharedPtr &operator=(const OSSharedPtr &other) { return reset(other.ptr_, OSRetain); }
    template <typename U, typename = typename std::enable_if<std::is_convertible<U *, T *>::value>::type>
    OSSharedPtr &operator=(const OSSharedPtr<U> &other)
    {
        return reset(other.get(), OSRetain);
    }
    OSSharedPtr &operator=(OSSharedPtr &&other)
    {
        if (this != &other) reset(other.detach(), OSNoRetain);
        return *this;
    }
    template <typename U, typename = typename std::enable_if<std::is_convertible<U *, T *>::value>::type>
    OSSharedPtr &operator=(OSSharedPtr<U> &&other)
    {
        return reset(other.detach(), OSNoRetain);
    }
    OSSharedPtr &operator=(decltype(nullptr)) noexcept { return reset(); }

    OSSharedPtr &reset() noexcept { return reset(nullptr, OSNoRetain); }
    OSSharedPtr &reset(pointer p, retain_t) noexcept
    {
        if (p) p->retain();
        return reset(p, OSNoRetain);
    }
    OSSharedPtr &reset(pointer p, no_retain_t) noexcept
    {
        pointer old = ptr_;
        ptr_ = p;
        if (old) old->release();
        return *this;
    }

    constexpr pointer get() const noexcept { return ptr_; }
    /* Gives up the reference without releasing it: the caller now owns it. */
    constexpr pointer detach() noexcept
    {
        pointer p = ptr_;
        ptr_ = nullptr;
        return p;
    }
    pointer detachAsOSPtr() noexcept { return detach(); }

    pointer operator->() const noexcept { return ptr_; }
    T &operator*() const noexcept { return *ptr_; }
    explicit operator bool() const noexcept { return ptr_ != nullptr; }

    /* What attach() returns: converts to T ** (or OSSharedPtr<T> *) so that a function returning
     * a +1 object through an out-parameter stores it straight into the pointer. */
    struct attacher {
        OSSharedPtr &sp;
        attacher(OSSharedPtr &sp) noexcept : sp(sp) {}
        operator OSSharedPtr *() const { return &sp; }
        operator pointer *() const { return &sp.ptr_; }
    };
    /* Releases what the pointer held first (inferred: otherwise the old reference would leak). */
    attacher attach() noexcept
    {
        reset();
        return attacher(*this);
    }

    pointer ptr_;
};

/* The comparisons, one a line (clang-format would spread each over four). */
// clang-format off
template <typename T, typename U>
inline bool operator==(const OSSharedPtr<T> &a, const OSSharedPtr<U> &b) { return a.get() == b.get(); }
template <typename T, typename U>
inline bool operator!=(const OSSharedPtr<T> &a, const OSSharedPtr<U> &b) { return a.get() != b.get(); }
template <typename T, typename U>
inline bool operator==(const OSSharedPtr<T> &a, U *b) { return a.get() == b; }
template <typename T, typename U>
inline bool operator!=(const OSSharedPtr<T> &a, U *b) { return a.get() != b; }
template <typename T, typename U>
inline bool operator==(U *a, const OSSharedPtr<T> &b) { return a == b.get(); }
template <typename T, typename U>
inline bool operator!=(U *a, const OSSharedPtr<T> &b) { return a != b.get(); }
template <typename T>
inline bool operator==(const OSSharedPtr<T> &a, decltype(nullptr)) { return a.get() == nullptr; }
template <typename T>
inline bool operator!=(const OSSharedPtr<T> &a, decltype(nullptr)) { return a.get() != nullptr; }
template <typename T>
inline bool operator==(decltype(nullptr), const OSSharedPtr<T> &b) { return b.get() == nullptr; }
template <typename T>
inline bool operator!=(decltype(nullptr), const OSSharedPtr<T> &b) { return b.get() != nullptr; }
// clang-format on

template <typename To, typename From>
OSSharedPtr<To> OSStaticPtrCast(const OSSharedPtr<From> &ptr) noexcept
{
    return OSSharedPtr<To>(static_cast<To *>(ptr.get()), OSRetain);
}
template <typename To, typename From>
OSSharedPtr<To> OSStaticPtrCast(OSSharedPtr<From> &&ptr) noexcept
{
    return OSSharedPtr<To>(static_cast<To *>(ptr.detach()), OSNoRetain);
}
template <typename To, typename From>
OSSharedPtr<To> OSConstPtrCast(const OSSharedPtr<From> &ptr) noexcept
{
    return OSSharedPtr<To>(const_cast<To *>(ptr.get()), OSRetain);
}
template <typename To, typename From>
OSSharedPtr<To> OSConstPtrCast(OSSharedPtr<From> &&ptr) noexcept
{
    return OSSharedPtr<To>(const_cast<To *>(ptr.detach()), OSNoRetain);
}

#endif
