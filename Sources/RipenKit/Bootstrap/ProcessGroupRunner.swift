import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs each command as `/bin/bash -c` in a process group of its own, stdin from /dev/null, stdout and
/// stderr into one pipe. The group is what `interrupt()` stops: Ctrl-C reaches ripen, and ripen stops the
/// step with everything it started (pip's builds, an installer's children), then nothing else starts.
public final class ProcessGroupRunner: CommandRunner, @unchecked Sendable {
    private let lock = NSLock()
    private var group: pid_t = 0
    private var stopped = false
    /// After the command exits, how long to keep reading output that a background child still writes
    /// into the pipe before giving up on end-of-file.
    private let drainGrace: TimeInterval = 2

    public init() {}

    public func interrupt() {
        let target: pid_t = lock.withLock {
            stopped = true
            return group
        }
        guard target > 0 else { return }
        kill(-target, SIGTERM)
        // What ignores SIGTERM is killed after a grace period.
        DispatchQueue.global().asyncAfter(deadline: .now() + 5) { [self] in
            if lock.withLock({ group }) == target { kill(-target, SIGKILL) }
        }
    }

    public func run(_ script: String, environment: [String: String], output: @escaping (Data) -> Void) throws -> CommandResult {
        if lock.withLock({ stopped }) { return CommandResult(status: 130, interrupted: true) }
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw RunnerError.spawn("pipe", errno) }
        // Close-on-exec, so that only the dup2'd copies reach the command (not its background children).
        for descriptor in fds { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        let pid: pid_t
        do {
            pid = try spawn(script, environment: environment, outputDescriptor: fds[1])
        } catch {
            close(fds[0]); close(fds[1])
            throw error
        }
        close(fds[1])
        let interruptedEarly = lock.withLock { () -> Bool in
            group = pid
            return stopped
        }
        if interruptedEarly { kill(-pid, SIGTERM) }

        let status = pump(fds[0], pid: pid, output: output)
        close(fds[0])
        let interrupted = lock.withLock { () -> Bool in
            group = 0
            return stopped
        }
        return CommandResult(status: status, interrupted: interrupted)
    }

    private func spawn(_ script: String, environment: [String: String], outputDescriptor: Int32) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outputDescriptor, 1)
        posix_spawn_file_actions_adddup2(&actions, outputDescriptor, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        // ripen handles SIGINT and SIGTERM itself; an ignored signal would be inherited across exec.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGPIPE, SIGQUIT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let arguments = ["/bin/bash", "-c", script]
        let variables = environment.keys.sorted().map { "\($0)=\(environment[$0]!)" }
        var pid: pid_t = 0
        let result = Self.withCStrings(arguments) { argv in
            Self.withCStrings(variables) { envp in
                posix_spawn(&pid, "/bin/bash", &actions, &attributes, argv, envp)
            }
        }
        guard result == 0 else { throw RunnerError.spawn("/bin/bash", result) }
        return pid
    }

    /// Reads until end-of-file, or until the grace period after the command exited runs out (a background
    /// process it started may hold the pipe open forever). Returns the exit status (128+N for signal N).
    private func pump(_ descriptor: Int32, pid: pid_t, output: (Data) -> Void) -> Int32 {
        var buffer = [UInt8](repeating: 0, count: 65536)
        var exitStatus: Int32?
        var deadline: Date?
        var endOfFile = false
        while true {
            if exitStatus == nil {
                var raw: Int32 = 0
                if waitpid(pid, &raw, WNOHANG) == pid {
                    exitStatus = Self.decode(raw)
                    deadline = Date().addingTimeInterval(drainGrace)
                }
            }
            if endOfFile {
                if exitStatus != nil { break }
                usleep(50_000)
                continue
            }
            if let deadline, Date() > deadline { break }
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, 100)
            if ready > 0 {
                let count = read(descriptor, &buffer, buffer.count)
                if count > 0 {
                    output(Data(buffer[0..<count]))
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    endOfFile = true
                }
            }
        }
        if let exitStatus { return exitStatus }
        var raw: Int32 = 0
        while waitpid(pid, &raw, 0) == -1 && errno == EINTR {}
        return Self.decode(raw)
    }

    private static func decode(_ raw: Int32) -> Int32 {
        let signal = raw & 0x7f
        return signal == 0 ? (raw >> 8) & 0xff : 128 + signal
    }

    private static func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
        let pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) } + [nil]
        defer { for pointer in pointers { free(pointer) } }
        return body(pointers)
    }

    public enum RunnerError: Error, CustomStringConvertible {
        case spawn(String, Int32)

        public var description: String {
            switch self {
            case let .spawn(what, code): "could not start \(what): \(String(cString: strerror(code)))"
            }
        }
    }
}
