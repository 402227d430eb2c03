#include "image/DextImage.h"

namespace dksim {

static bool Parse(const char *text, const char *path, PlistValue &root, std::string &error)
{
    PlistError failure;
    if (ParsePlist(text, root, failure)) return true;
    error = std::string(path) + ":" + std::to_string(failure.line) + ": " + failure.message;
    return false;
}

static std::string At(const char *path, const PlistValue &value)
{
    return std::string(path) + ":" + std::to_string(value.line) + ": ";
}

bool DextImage::load(std::string &error)
{
    if (loaded) return true;
    if (!Parse(kImageInfoPlist, kImageInfoPlistPath, info, error)) return false;
    if (!info.isDict()) return error = At(kImageInfoPlistPath, info) + "the top-level value must be a dict", false;
    const std::string *identifier = info.findString("CFBundleIdentifier");
    if (identifier == nullptr || identifier->empty())
        return error = At(kImageInfoPlistPath, info) + "CFBundleIdentifier is missing", false;
    bundleIdentifier = *identifier;

    const PlistValue *all = info.find("IOKitPersonalities");
    if (all == nullptr || !all->isDict() || all->entries.empty())
        return error = At(kImageInfoPlistPath, all ? *all : info) + "IOKitPersonalities must be a non-empty dict",
               false;
    for (const auto &entry : all->entries) {
        const PlistValue &dict = entry.second;
        if (!dict.isDict())
            return error = At(kImageInfoPlistPath, dict) + "personality " + entry.first + " is not a dict", false;
        Personality personality;
        personality.name = entry.first;
        personality.properties = &dict;
        const std::string *userClass = dict.findString("IOUserClass");
        if (userClass == nullptr)
            return error = At(kImageInfoPlistPath, dict) + "personality " + entry.first + " has no IOUserClass", false;
        personality.userClass = *userClass;
        const std::string *provider = dict.findString("IOProviderClass");
        personality.providerClass = provider ? *provider : "";
        const std::string *server = dict.findString("IOUserServerName");
        if (server && *server != bundleIdentifier)
            return error = At(kImageInfoPlistPath, dict) + "IOUserServerName " + *server +
                           " is not the bundle identifier " + bundleIdentifier,
                   false;
        personalities.push_back(personality);
    }

    if (kImageEntitlements[0] != '\0') {
        if (!Parse(kImageEntitlements, kImageEntitlementsPath, entitlements, error)) return false;
        if (!entitlements.isDict())
            return error = At(kImageEntitlementsPath, entitlements) + "the top-level value must be a dict", false;
        const PlistValue *any = entitlements.find("com.apple.developer.driverkit.allow-any-userclient-access");
        allowAnyUserClient = any && any->kind == PlistValue::Kind::Boolean && any->boolean;
    }
    loaded = true;
    return true;
}

} // namespace dksim
