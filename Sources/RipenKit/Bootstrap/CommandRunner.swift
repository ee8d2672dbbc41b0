import Foundation

/// How a shell command ended.
public struct CommandResult: Sendable, Equatable {
    public var status: Int32
    /// Stopped by `interrupt()` (Ctrl-C), not by its own failure.
    public var interrupted: Bool

    public init(status: Int32, interrupted: Bool = false) {
        self.status = status
        self.interrupted = interrupted
    }
}

/// The seam between a bootstrap and the machine: the real runner executes `bash -c SCRIPT` in a process
/// group of its own; a test's runner can record what would run instead.
public protocol CommandRunner: Sendable {
    /// Runs `bash -c script` with exactly `environment`, passing its combined stdout and stderr to `output`
    /// as it arrives.
    func run(_ script: String, environment: [String: String], output: @escaping (Data) -> Void) throws -> CommandResult

    /// Stops the running command's whole process group (Ctrl-C), and every command after it.
    func interrupt()
}
