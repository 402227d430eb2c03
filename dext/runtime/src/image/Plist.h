/*
 * A reader for XML property lists (Info.plist, .entitlements): dict, array, key, string, integer,
 * real, true, false, data, date. Errors carry the line number. Shared by the runtime (which reads
 * the plists embedded in the dext library) and dkiig (which checks them at build time).
 */
#ifndef DKSIM_PLIST_H
#define DKSIM_PLIST_H

#include <stdint.h>
#include <string>
#include <utility>
#include <vector>

namespace dksim {

struct PlistValue {
    enum class Kind { String, Integer, Real, Boolean, Data, Date, Array, Dict };
    Kind kind = Kind::String;
    std::string text;                                        /* String, Date, Data (decoded bytes), Real (as written) */
    int64_t integer = 0;                                     /* Integer */
    bool boolean = false;                                    /* Boolean */
    std::vector<PlistValue> items;                           /* Array */
    std::vector<std::pair<std::string, PlistValue>> entries; /* Dict, in file order */
    int line = 0;

    const PlistValue *find(const std::string &key) const;
    const std::string *findString(const std::string &key) const;
    bool isString() const { return kind == Kind::String; }
    bool isDict() const { return kind == Kind::Dict; }
    bool isArray() const { return kind == Kind::Array; }
};

struct PlistError {
    int line = 0;
    std::string message;
};

/* Parses a whole document; false with error filled on malformed input. */
bool ParsePlist(const std::string &document, PlistValue &root, PlistError &error);

} // namespace dksim

#endif
