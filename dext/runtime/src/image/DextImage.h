/*
 * What DriverKit reads from a dext bundle before running it: Info.plist (bundle identifier and the
 * IOKitPersonalities that say which class to instantiate and how it matches) and the entitlements.
 * The build embeds both files into the dext library (cmake/EmbedImage.cmake) as the build plan made
 * them — Xcode build settings expanded, the keys Xcode generates added, every line where it was
 * (harness/Core/Targets/DextPlan.cs) — under the names of the user's own files; boot parses them here.
 */
#ifndef DKSIM_DEXT_IMAGE_H
#define DKSIM_DEXT_IMAGE_H

#include <string>
#include <vector>

#include "image/Plist.h"

namespace dksim {

/* Defined by the generated <Dext>_image.cpp of each dext library. */
extern const char kImageInfoPlist[];
extern const char kImageInfoPlistPath[];
extern const char kImageEntitlements[];
extern const char kImageEntitlementsPath[];

struct Personality {
    std::string name;      /* key in IOKitPersonalities */
    std::string userClass; /* IOUserClass: the dext class to instantiate */
    std::string providerClass;
    const PlistValue *properties = nullptr; /* the whole personality dictionary */
};

struct DextImage {
    PlistValue info;
    PlistValue entitlements;
    std::string bundleIdentifier;
    bool allowAnyUserClient = false; /* com.apple.developer.driverkit.allow-any-userclient-access */
    std::vector<Personality> personalities;
    bool loaded = false;

    /* Parses the embedded files once; false with a "file:line: message" error. */
    bool load(std::string &error);
};

} // namespace dksim

#endif
