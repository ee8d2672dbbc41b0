import Foundation

/// Writes a file so that readers see the old or the new content, never half of it:
/// a temporary file beside the target, then a rename. A failed write leaves the old file intact.
public enum AtomicFile {
    /// - Parameters:
    ///   - permissions: the mode the file gets; set on the temporary file before it is filled, so a
    ///     secret is never readable by others, not even for a moment.
    ///   - followLinks: false for generated output, whose folder the user may not control: a link at the
    ///     target is refused. True for a path the user named (`-o`): what the link points to is replaced.
    public static func write(_ data: Data, to url: URL, permissions: mode_t = 0o644, followLinks: Bool = true) throws {
        var info = stat()
        var permissions = permissions
        if lstat(url.path, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFLNK:
                guard followLinks else {
                    throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: url.path,
                        NSLocalizedDescriptionKey: "\(url.path) is a symbolic link; refusing to write through it (remove it and run again)"])
                }
                // Replace what the link points to, not the link; a dangling or looping link is an error, once.
                let target = url.resolvingSymlinksInPath()
                var resolved = stat()
                if lstat(target.path, &resolved) == 0, resolved.st_mode & S_IFMT == S_IFLNK || target.path == url.path {
                    throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: url.path,
                        NSLocalizedDescriptionKey: "\(url.path) is a symbolic link that leads nowhere"])
                }
                return try write(data, to: target, permissions: permissions, followLinks: false)
            case S_IFREG:
                // Replacing a file never opens it to more people than before (a 0600 report stays 0600).
                permissions = (permissions & 0o700) | (permissions & mode_t(info.st_mode) & 0o077)
            default:
                // `-o /dev/null`, a FIFO, a terminal: renaming over it would replace the device with a file.
                return try writeInPlace(data, to: url)
            }
        }
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).ripen-\(UUID().uuidString).tmp")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
        guard descriptor >= 0 else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: url.path,
                NSLocalizedDescriptionKey: "cannot create a file in \(directory.path): \(String(cString: strerror(errno)))"])
        }
        do {
            // The umask may have narrowed the mode; set it exactly.
            fchmod(descriptor, permissions)
            let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
            guard rename(temporary.path, url.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path,
                    NSLocalizedDescriptionKey: "cannot replace \(url.path): \(String(cString: strerror(errno)))"])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    private static func writeInPlace(_ data: Data, to url: URL) throws {
        let descriptor = open(url.path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: url.path,
                NSLocalizedDescriptionKey: "cannot open \(url.path): \(String(cString: strerror(errno)))"])
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        try handle.write(contentsOf: data)
        try handle.close()
    }
}
