#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file for scanning without ever blocking, following a link or reading past a limit.
enum FileReader {
    enum Outcome: Equatable {
        case text([UInt8])
        case binary
        case tooLarge(Int)
        case unreadable
    }

    /// - Parameter path: absolute path bytes, without the trailing NUL.
    static func read(_ path: [UInt8], limit: Int) -> Outcome { read(terminated: path + [0], limit: limit) }

    /// - Parameter path: absolute path bytes ending in NUL.
    static func read(terminated path: [UInt8], limit: Int) -> Outcome { read(terminated: path, limit: limit, binary: false) }

    /// The whole file, text or not (git's own binary files); nil when it is not a readable regular file
    /// within the limit.
    static func bytes(_ path: [UInt8], limit: Int) -> [UInt8]? {
        guard case let .text(bytes) = read(terminated: path + [0], limit: limit, binary: true) else { return nil }
        return bytes
    }

    private static func read(terminated path: [UInt8], limit: Int, binary: Bool) -> Outcome {
        // O_NONBLOCK: a FIFO that replaced a file since the walk must not hang the audit.
        let fd = path.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                open($0.baseAddress!, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
            }
        }
        guard fd >= 0 else { return .unreadable }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return .unreadable }
        let size = Int(info.st_size)
        guard size <= limit else { return .tooLarge(size) }
        var ok = true
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            var filled = 0
            while filled < size {
                let count = Glibc.read(fd, buffer.baseAddress! + filled, size - filled)
                if count < 0 {
                    if errno == EINTR { continue }
                    ok = false
                    break
                }
                if count == 0 { break }
                filled += count
            }
            initialized = filled
        }
        guard ok else { return .unreadable }
        // git's heuristic: a NUL byte in the first 8000 bytes means binary.
        if !binary, bytes.prefix(8000).contains(0) { return .binary }
        return .text(bytes)
    }
}
