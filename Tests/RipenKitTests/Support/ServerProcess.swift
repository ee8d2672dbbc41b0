import Foundation

/// A real server (MLflow, Prometheus, a fixture server, a generated start script) run for a test on a
/// free loopback port, in a process group of its own so that stopping it stops every process it spawned
/// (MLflow starts uvicorn workers and job consumers). Waits are async sleeps: a Swift Testing pool
/// thread never blocks for long on a server.
final class ServerProcess: @unchecked Sendable {
    struct Failed: Error, CustomStringConvertible {
        var description: String
    }

    let port: Int
    let directory: URL
    let log: URL
    private let process = Process()

    var url: String { "http://127.0.0.1:\(port)" }

    /// - Parameter command: receives the port and the scratch directory; its first element is a tool on PATH
    ///   or an absolute path.
    init(name: String, environment: [String: String] = [:], command: (Int, URL) throws -> [String]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ripen-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        port = try Self.freePort()
        log = directory.appendingPathComponent("server.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        var arguments = try command(port, directory)
        let executable = arguments.removeFirst()
        let resolved = executable.hasPrefix("/") ? executable : try Tool.path(executable).path
        // Foundation starts the child as the leader of a new process group: kill(-pid) reaches all it spawns.
        // (Not through setsid(1): as a group leader already, it forks, and the server escapes the group.)
        // Through a Python exec that unblocks every signal first: children inherit the test process's
        // signal mask, in which SIGTERM is blocked, and a server that cannot get SIGTERM cannot stop cleanly.
        process.executableURL = try Tool.path("python3")
        process.arguments = ["-c", "import os, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, []); os.execv(sys.argv[1], sys.argv[1:])",
                             resolved] + arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        // MLflow 3.17's telemetry client unsets a variable another of its threads reads: under load the server
        // dies at start with KeyError '_MLFLOW_TELEMETRY_SESSION_ID'. Tests send no telemetry anyway.
        env["MLFLOW_DISABLE_TELEMETRY"] = "true"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardInput = FileHandle.nullDevice
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    /// A small Python server of a test's own: the script gets the port as `sys.argv[1]`, then `arguments`.
    convenience init(name: String, python script: String, arguments: [String] = []) throws {
        try self.init(name: name) { port, directory in
            let file = directory.appendingPathComponent("server.py")
            try script.write(to: file, atomically: true, encoding: .utf8)
            return ["python3", file.path, String(port)] + arguments
        }
    }

    /// A port that was free a moment ago (the kernel does not hand it out again at once).
    static func freePort() throws -> Int {
        let listener = try SilentListener()
        return listener.port
    }

    /// Polls `path` with curl until its body contains `expected`; fails with the server's log otherwise.
    func waitUntil(_ path: String, contains expected: String, timeout: Duration = .seconds(120)) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var polls = 0
        var last = ""
        // The deadline counts only after 20 polls: on a busy 2-core machine the cooperative pool can hold this
        // task back for half a minute between two polls, and a server nobody asked is not a server that failed.
        while clock.now < deadline || polls < 20 {
            polls += 1
            let output = try? Tool.run("curl", ["-sS", "--max-time", "2", url + path])
            if let output, output.stdout.contains(expected) { return }
            last = output.map { "curl exit \($0.status): \($0.stderr.trimmingCharacters(in: .whitespacesAndNewlines))" } ?? "curl did not run"
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(300))
        }
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        // Why, before stop() makes every server look as if it exited.
        let state = process.isRunning ? "still running after \(timeout), \(polls) polls, last: \(last)"
            : "it exited (\(process.terminationReason == .uncaughtSignal ? "signal" : "status") \(process.terminationStatus))"
        stop()
        throw Failed(description: "\(process.arguments?.dropFirst(2).first ?? "server") on \(url) did not answer \(path) with '\(expected)'"
            + " (\(state)); its log ends:\n\(text.suffix(3000))")
    }

    var isRunning: Bool { process.isRunning }

    /// SIGTERM to the whole group, then SIGKILL to whatever is left after a grace period. Never waits unbounded.
    /// Once stopped, never signal the group again: with pid_max at 32768 a busy suite reuses the number
    /// within minutes, and a late kill(-pid) (from deinit) would stop another test's server.
    private var stopped = false

    func stop() {
        guard process.processIdentifier > 0, !stopped else { return }
        stopped = true
        let group = -process.processIdentifier
        kill(group, SIGTERM)
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning, Date() < deadline { usleep(50_000) }
        // Workers may outlive the leader; the group id stays valid while any member lives.
        kill(group, SIGKILL)
        let killed = Date().addingTimeInterval(5)
        while process.isRunning, Date() < killed { usleep(20_000) }
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }
}
