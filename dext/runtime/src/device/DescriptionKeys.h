/*
 * The keys a device family reads from one dictionary of the description, so that a misspelt key
 * (`vendorId` for `vendorID`) is an error naming its line instead of a silently default device.
 */
#ifndef DKSIM_DESCRIPTION_KEYS_H
#define DKSIM_DESCRIPTION_KEYS_H

#include <initializer_list>
#include <string>

#include "image/Plist.h"

namespace dksim {

/* False with error set ("unknown key 'k' (line N); known: ...") when dict has a key not in known.
 * where prefixes the message (the dictionary's path, e.g. "configurations[0]."). */
inline bool OnlyKnownKeys(const PlistValue &dict, std::initializer_list<const char *> known, const std::string &where,
                          std::string &error)
{
    for (const auto &entry : dict.entries) {
        bool found = false;
        for (const char *key : known) found = found || entry.first == key;
        if (found) continue;
        std::string list;
        for (const char *key : known) list += (list.empty() ? "" : ", ") + std::string(key);
        std::string at = where; /* a path ("configurations[0].") is shown as "configurations[0]: " */
        if (!at.empty() && at.back() == '.') at.back() = ':', at += ' ';
        error =
            at + "unknown key '" + entry.first + "' (line " + std::to_string(entry.second.line) + "); known: " + list;
        return false;
    }
    return true;
}

} // namespace dksim

#endif
