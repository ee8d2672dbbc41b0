import Foundation

/// Runs a program to completion with a deadline, collecting what it prints. For small outputs: a program
/// whose output is large is read as a stream by its caller (`SafeGit.stream`).
public struct ExternalProcess {
    struct Output {
        var status: Int32
        var stdout: Data
        var stderr: Data
        var timedOut: Bool

        /// The last lines of stderr, for an error message.
        var errorTail: String {
            let lines = String(decoding: stderr, as: UTF8.self).split(separator: "\n").suffix(3)
            return lines.joined(separator: " / ").trimmingCharacters(in: .whitespaces)
        }
    }

    var executable: URL
    var arguments: [String]
    var environment: [String: String]
    var directory: URL?
    var timeout: Duration

    func run() throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Both pipes are drained while the program runs, so a full pipe never blocks it.
        let collected = Collected()
        let group = DispatchGroup()
        for (pipe, isError) in [(out, false), (err, true)] {
            group.enter()
            DispatchQueue.global().async {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                collected.set(data, error: isError)
                group.leave()
            }
        }
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        var timedOut = false
        if group.wait(timeout: .now() + seconds) == .timedOut {
            timedOut = true
            process.terminate()
            group.wait()
        }
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: collected.stdout, stderr: collected.stderr,
                      timedOut: timedOut)
    }

    /// The first `name` on PATH. Only absolute entries: a relative one (`.`, empty) names the current
    /// folder, which may be the repository being audited.
    public static func find(_ name: String, path: String? = ProcessInfo.processInfo.environment["PATH"]) -> URL? {
        for directory in (path ?? "/usr/bin:/bin").split(separator: ":", omittingEmptySubsequences: true) where directory.hasPrefix("/") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return URL(fileURLWithPath: candidate) }
        }
        return nil
    }

    private final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var stdout = Data()
        private(set) var stderr = Data()

        func set(_ data: Data, error: Bool) {
            lock.withLock { if error { stderr = data } else { stdout = data } }
        }
    }
}
