import Foundation
import Testing

/// Golden files: compare output with `Tests/RipenKitTests/Golden/NAME`; `RIPEN_RECORD=1` (or a missing
/// file) writes the file and fails, so a recording is always reviewed before it counts.
enum Golden {
    static var recording: Bool { ProcessInfo.processInfo.environment["RIPEN_RECORD"] == "1" }

    static func check(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = PackagePaths.golden.appendingPathComponent(name)
        let expected = try? String(contentsOf: url, encoding: .utf8)
        if recording || expected == nil {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("recorded golden file \(name); review it and run again", sourceLocation: sourceLocation)
            return
        }
        #expect(actual == expected, "output differs from Golden/\(name) (RIPEN_RECORD=1 to update)",
                sourceLocation: sourceLocation)
    }
}
