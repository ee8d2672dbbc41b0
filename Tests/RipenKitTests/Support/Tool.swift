import Foundation

/// Runs an external tool found on PATH (validators, servers). A missing tool is an error, never a skip:
/// `scripts/test` installs them.
enum Tool {
    struct NotInstalled: Error, CustomStringConvertible {
        var name: String
        var description: String { "\(name) is not installed; run ./scripts/test, which installs the test tools" }
    }

    static func path(_ name: String) throws -> URL {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw NotInstalled(name: name)
    }

    static func run(_ name: String, _ arguments: [String]) throws -> RipenBinary.Output {
        try RipenBinary.run(arguments, executable: try path(name))
    }
}
