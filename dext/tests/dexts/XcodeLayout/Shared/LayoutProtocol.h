/*
 * The contract between LayoutDriver and the app that opens it, kept — as real projects keep it — in
 * one header outside the dext's folder that both include. LayoutDriver's spec.yaml puts this folder
 * on the include path (include: [../Shared]); the dext's answer depends on the constant below, so a
 * check that sees the answer right knows the build read this file.
 */
#ifndef LayoutProtocol_h
#define LayoutProtocol_h

#include <stdint.h>

/* The user client's selectors (plain C: the app may be C, Objective-C or Swift). */
enum {
    kLayoutSelectorStamp = 0, /* one scalar in, that scalar plus kLayoutStampOffset out */
    kLayoutSelectorCount,
};

/* What Stamp adds to its input. */
#define kLayoutStampOffset UINT64_C(0x5eed)

#endif /* LayoutProtocol_h */
