// ConformanceKitInstaller: submits activation (default) or deactivation requests for the two dexts
// this app carries in Contents/Library/SystemExtensions, prints each outcome, and exits 0 when all
// succeeded, 1 otherwise. Run it from a terminal so the output is visible:
//   /Applications/ConformanceKitInstaller.app/Contents/MacOS/ConformanceKitInstaller [activate|deactivate]
// A first activation waits for the user's approval in System Settings; the request stays pending
// (and this process keeps waiting) until then.
import Foundation
import SystemExtensions

let dextIdentifiers = ["com.example.NullDriver", "com.example.NullDriverHardened"]

/// Receives every request's outcome on the main queue and ends the process after the last one.
final class RequestOutcomes: NSObject, OSSystemExtensionRequestDelegate {
    private var pending: Int
    private var failed = false

    init(pending: Int) {
        self.pending = pending
    }

    func request(_ request: OSSystemExtensionRequest,
                 actionForReplacingExtension existing: OSSystemExtensionProperties,
                 withExtension ext: OSSystemExtensionProperties) -> OSSystemExtensionRequest.ReplacementAction {
        // Rebuilding and reinstalling during development must replace what is there.
        print("\(request.identifier): replacing version \(existing.bundleVersion) with \(ext.bundleVersion)")
        return .replace
    }

    func requestNeedsUserApproval(_ request: OSSystemExtensionRequest) {
        print("\(request.identifier): allow it in System Settings > Privacy & Security (or General > Login Items & Extensions > Driver Extensions)")
    }

    func request(_ request: OSSystemExtensionRequest, didFinishWithResult result: OSSystemExtensionRequest.Result) {
        print("\(request.identifier): \(result == .completed ? "done" : "done once the Mac restarts")")
        finishOne()
    }

    func request(_ request: OSSystemExtensionRequest, didFailWithError error: Error) {
        FileHandle.standardError.write("\(request.identifier): failed: \(error.localizedDescription)\n".data(using: .utf8)!)
        failed = true
        finishOne()
    }

    private func finishOne() {
        pending -= 1
        if pending == 0 {
            exit(failed ? 1 : 0)
        }
    }
}

let action = CommandLine.arguments.dropFirst().first ?? "activate"
guard action == "activate" || action == "deactivate" else {
    FileHandle.standardError.write("usage: ConformanceKitInstaller [activate|deactivate]\n".data(using: .utf8)!)
    exit(2)
}
let outcomes = RequestOutcomes(pending: dextIdentifiers.count)
for identifier in dextIdentifiers {
    let request = action == "activate"
        ? OSSystemExtensionRequest.activationRequest(forExtensionWithIdentifier: identifier, queue: .main)
        : OSSystemExtensionRequest.deactivationRequest(forExtensionWithIdentifier: identifier, queue: .main)
    request.delegate = outcomes
    OSSystemExtensionManager.shared.submitRequest(request)
}
dispatchMain()
