import Foundation

/// The whole output of a bootstrap, appended to one file run after run (`.ripen/bootstrap.log` by
/// default): each step's guard, command and check with everything they printed.
public final class BootstrapLog: @unchecked Sendable {
    public let url: URL
    private let handle: FileHandle
    private let lock = NSLock()

    public init(url: URL) throws(BootstrapError) {
        self.url = url
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw .io("cannot create the folder for the log \(url.path): \(error.localizedDescription)")
        }
        // The log's folder (`.ripen`) and the log itself are never followed as links: a repository that
        // ships them as links would have every step's output appended to a file of its choosing.
        var info = stat()
        if lstat(url.deletingLastPathComponent().path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
            throw .io("\(url.deletingLastPathComponent().path) is a symbolic link; refusing to write the log through it")
        }
        // Close-on-exec: the steps' processes must not inherit the log.
        let descriptor = open(url.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else {
            throw .io("cannot write the log \(url.path): \(String(cString: strerror(errno)))")
        }
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    public func write(_ data: Data) {
        lock.withLock { handle.write(data) }
    }

    public func line(_ text: String) {
        write(Data((text + "\n").utf8))
    }
}
