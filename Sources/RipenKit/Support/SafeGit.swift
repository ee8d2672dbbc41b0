import Foundation

/// git, run on repositories ripen does not trust. A repository's `.git/config` can name programs that git
/// runs (hooks, `core.fsmonitor`, credential helpers, a pager, `ext::` transports); the command-line
/// settings below override every one of them, system and global configuration are not read, and git
/// never asks for a password. Only plumbing and `clone` are run: nothing that touches a work tree's index.
public struct SafeGit: Sendable {
    /// Why git could not do what was asked; printed as is.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// `-c` settings win over the repository's own configuration.
    static let hardening: [String] = [
        "core.hooksPath=/dev/null",
        "core.fsmonitor=false",
        "core.pager=cat",
        "core.askPass=",
        "core.sshCommand=ssh",
        "core.alternateRefsCommand=",
        "credential.helper=",
        "protocol.ext.allow=never",
        "core.gitProxy=",
        "uploadpack.packObjectsHook=",
        "submodule.recurse=false",
        "advice.detachedHead=false",
    ].flatMap { ["-c", $0] }

    let executable: URL
    let environment: [String: String]
    public var timeout: Duration

    /// Transports a clone of a fleet repository needs; every other git call reads local objects only.
    public static let cloneTransports = ["https", "http", "ssh", "file"]

    /// - Parameter transports: the protocols git may use. None by default: reading a repository's objects
    ///   needs none, and a repository that calls itself a partial clone would otherwise make git fetch
    ///   missing objects through a command its own configuration names (`remote.*.uploadpack` over
    ///   `file`, `core.gitProxy` over `git`).
    public init(timeout: Duration = .seconds(300), transports: [String] = []) throws(Failure) {
        guard let git = ExternalProcess.find("git") else {
            throw Failure(description: "git is not on PATH; install git (Debian: apt-get install git)")
        }
        executable = git
        var environment: [String: String] = [:]
        let inherited = ProcessInfo.processInfo.environment
        for key in ["PATH", "HOME", "LANG", "TMPDIR", "SSH_AUTH_SOCK"] { environment[key] = inherited[key] }
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["GIT_ASKPASS"] = "/bin/false"
        environment["SSH_ASKPASS"] = "/bin/false"
        environment["GIT_PAGER"] = "cat"
        // A list naming no real protocol allows none.
        environment["GIT_ALLOW_PROTOCOL"] = transports.isEmpty ? "none" : transports.joined(separator: ":")
        // git 2.44 and later: never fetch a missing object behind ripen's back.
        environment["GIT_NO_LAZY_FETCH"] = "1"
        environment["LC_ALL"] = "C"
        // A token for private repositories (the fleet workflow's secret), sent as an HTTP header to URLs
        // under one prefix only (default https://github.com/): through the environment, so it is never on
        // a command line, in a config file or in a message.
        if let token = inherited["RIPEN_GIT_TOKEN"], !token.isEmpty {
            let prefix = inherited["RIPEN_GIT_TOKEN_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? "https://github.com/"
            let basic = Data("x-access-token:\(token)".utf8).base64EncodedString()
            environment["GIT_CONFIG_COUNT"] = "1"
            environment["GIT_CONFIG_KEY_0"] = "http.\(prefix).extraheader"
            environment["GIT_CONFIG_VALUE_0"] = "AUTHORIZATION: basic \(basic)"
        }
        self.environment = environment
        self.timeout = timeout
    }

    /// Runs `git ARGUMENTS` in `directory` and returns its standard output.
    func run(_ arguments: [String], in directory: URL? = nil) throws(Failure) -> Data {
        let output: ExternalProcess.Output
        do {
            output = try ExternalProcess(executable: executable, arguments: Self.hardening + arguments,
                                         environment: environment, directory: directory, timeout: timeout).run()
        } catch {
            throw Failure(description: "cannot run git: \(error.localizedDescription)")
        }
        if output.timedOut {
            throw Failure(description: "git \(arguments.first ?? "") gave no answer within \(timeout.components.seconds) s")
        }
        guard output.status == 0 else {
            throw Failure(description: Redaction.scrub("git \(arguments.first ?? "") failed: \(output.errorTail)"))
        }
        return output.stdout
    }

    /// A shallow clone of `url`'s default branch into `destination` (which must not exist), without
    /// templates, hooks, tags or submodules.
    public func shallowClone(_ url: String, into destination: URL) throws(Failure) {
        _ = try run(["clone", "--quiet", "--depth", "1", "--single-branch", "--no-tags", "--template=",
                     "--config", "core.hooksPath=/dev/null", "--", url, destination.path])
    }
}

extension SafeGit {
    /// Streams blobs out of `git cat-file --batch`: the hashes go in on one thread, each blob's bytes come
    /// out to `handle` one at a time, so a large tree never sits in memory whole.
    func blobs(_ hashes: [String], in directory: URL, _ handle: (String, [UInt8]) throws -> Void) throws {
        guard !hashes.isEmpty else { return }
        let process = Process()
        process.executableURL = executable
        process.arguments = Self.hardening + ["cat-file", "--batch"]
        process.environment = environment
        process.currentDirectoryURL = directory
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw Failure(description: "cannot run git: \(error.localizedDescription)")
        }
        let request = Data(hashes.map { $0 + "\n" }.joined().utf8)
        Thread {
            try? input.fileHandleForWriting.write(contentsOf: request)
            try? input.fileHandleForWriting.close()
        }.start()
        defer {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
        }
        let reader = StreamReader(output.fileHandleForReading)
        for _ in hashes {
            // `<hash> blob <size>` or `<hash> missing`
            guard let header = reader.line() else { throw Failure(description: "git cat-file ended early") }
            let fields = header.split(separator: " ")
            guard fields.count == 3, fields[1] == "blob", let size = Int(fields[2]) else {
                throw Failure(description: "git cat-file: unexpected answer '\(header)'")
            }
            guard let bytes = reader.bytes(size + 1) else { throw Failure(description: "git cat-file ended early") }
            try handle(String(fields[0]), Array(bytes.dropLast()))
        }
    }
}

/// Lines and byte runs from a pipe, read in large chunks.
final class StreamReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0

    init(_ handle: FileHandle) { self.handle = handle }

    private func fill() -> Bool {
        let data = handle.availableData
        guard !data.isEmpty else { return false }
        if position > 0 {
            buffer.removeFirst(position)
            position = 0
        }
        buffer.append(contentsOf: data)
        return true
    }

    func line() -> String? {
        var searched = position
        while true {
            if let newline = buffer[searched...].firstIndex(of: UInt8(ascii: "\n")) {
                defer { position = newline + 1 }
                return String(decoding: buffer[position..<newline], as: UTF8.self)
            }
            searched = buffer.count
            let offset = searched - position
            guard fill() else { return nil }
            searched = position + offset
        }
    }

    func bytes(_ count: Int) -> ArraySlice<UInt8>? {
        while buffer.count - position < count {
            guard fill() else { return nil }
        }
        defer { position += count }
        return buffer[position..<position + count]
    }
}
