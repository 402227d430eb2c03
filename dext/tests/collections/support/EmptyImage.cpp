/* The container tests link the runtime without a dext. The runtime's boot reads the Info.plist a
 * dext library embeds (runtime/src/image/DextImage.h); these tests never boot, so an empty image
 * satisfies the linker. */
namespace dksim {
extern const char kImageInfoPlist[] = "";
extern const char kImageInfoPlistPath[] = "(no dext)";
extern const char kImageEntitlements[] = "";
extern const char kImageEntitlementsPath[] = "";
} // namespace dksim
