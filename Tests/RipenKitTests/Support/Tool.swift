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

/// Runs blocking work (a validator that takes seconds) on a Dispatch thread, not on Swift's cooperative
/// pool: on a 2-core machine that pool has two threads, and two suites blocking them starve every async
/// test (a server test's polling loop then sees its deadline pass without having polled).
enum OffPool {
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try body() })
            }
        }
    }
}
