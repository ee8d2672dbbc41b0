import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lists a repository's files in one walk, as git would see them: what it ignores is left out, unless it is tracked.
///
/// Reads folders with readdir and the entry type it reports, so no file is stat'ed; never follows a
/// symbolic link; skips `.git`, virtual environments, dependency folders and caches. Whatever it cannot
/// read is noted and passed over: an audit must finish on any tree.
public struct RepositoryWalker: Sendable {
    /// Folder names never entered: version control, dependency and cache folders.
    public static let skippedFolders: Set<String> = [
        ".git", ".hg", ".svn", "node_modules", "site-packages", "dist-packages", "__pycache__",
        ".venv", "venv", ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".ipynb_checkpoints",
        ".terraform", ".gradle", ".idea", ".build",
    ]
    /// A folder holding one of these is a Python or conda environment, whatever its name.
    static let environmentMarkers: [[UInt8]] = [Array("pyvenv.cfg".utf8), Array("conda-meta".utf8)]
    private static let gitignoreName = Array(".gitignore".utf8)
    static let maximumDepth = 128

    public struct Listing: Sendable {
        public var files: [RepositoryFile]
        /// Folders that could not be read, with the reason.
        public var unreadable: [String]
        /// Files left out as data (fixtures, golden files, `.ripen.yaml` exclusions), by role.
        public var data: [String: Int] = [:]
    }

    /// Files that are data, not practice; they are left out of the listing and counted.
    var roles: FileRoleFilter?

    public init() {}

    init(roles: FileRoleFilter?) { self.roles = roles }

    /// Lists the tree depth first, each folder in byte order of its names: a deterministic order.
    /// - Parameter chunks: receives the files as they are found, a chunk at a time, and is finished last.
    public func walk(root: String) -> Listing { walk(root: root, chunks: nil) }

    func walk(root: String, chunks: FileChunks?) -> Listing {
        var listing = Listing(files: [], unreadable: [])
        let sink = Sink(chunks: chunks)
        var stack = IgnoreStack()
        // Only a real `.git` folder: through a `.git` link the file could be anywhere.
        let ownGit = Self.lstatType(Array((root + "/.git").utf8)) == UInt8(DT_DIR)
        if ownGit, let exclude = Self.readSmallText(root + "/.git/info/exclude") {
            stack = stack.pushing(IgnoreFile(base: "", text: exclude))
        }
        let tracked = Tracked(gitDirectory: ownGit ? root + "/.git" : nil)
        walk(root: root, relative: [], display: "", ignores: stack, underIgnored: false, tracked: tracked, depth: 0,
             into: &listing, sink: sink)
        // A folder of a larger work tree (a monorepo service, an example) is under version control too.
        if !listing.files.contains(where: { $0.path == ".git/HEAD" || $0.path == ".git" }),
           let enclosing = GitInfo.enclosingWorkTree(of: root) {
            let depth = URL(fileURLWithPath: root).standardizedFileURL.pathComponents.count
                - URL(fileURLWithPath: enclosing).pathComponents.count
            let relative = String(repeating: "../", count: max(depth, 0)) + ".git/HEAD"
            listing.files.append(RepositoryFile(path: ".git/HEAD", rawPath: Array(relative.utf8),
                                                note: "in the git work tree at \(enclosing)"))
        }
        sink.flush(listing.files, final: true)
        return listing
    }

    /// Passes full chunks of the growing listing on to the scan.
    private final class Sink {
        let chunks: FileChunks?
        var sent = 0
        static let size = 1024

        init(chunks: FileChunks?) { self.chunks = chunks }

        func flush(_ files: [RepositoryFile], final: Bool = false) {
            guard let chunks else { return }
            while files.count - sent >= Self.size || (final && sent < files.count) {
                let end = min(sent + Self.size, files.count)
                chunks.append(Array(files[sent..<end]))
                sent = end
            }
            if final { chunks.finish() }
        }
    }

    /// What git tracks, read on the first path the ignore rules would skip (most trees have none).
    private final class Tracked {
        let gitDirectory: String?
        private var loaded: GitIndex?

        init(gitDirectory: String?) { self.gitDirectory = gitDirectory }

        var index: GitIndex {
            if let loaded { return loaded }
            let index = gitDirectory.map { GitIndex.load(gitDirectory: $0) } ?? GitIndex()
            loaded = index
            return index
        }
    }

    private struct Entry {
        var name: [UInt8]
        var type: UInt8
    }

    /// - Parameter underIgnored: the folder is ignored but holds tracked files: only those are listed.
    private func walk(root: String, relative: [UInt8], display: String, ignores: IgnoreStack, underIgnored: Bool,
                      tracked: Tracked, depth: Int, into listing: inout Listing, sink: Sink) {
        guard depth < Self.maximumDepth else {
            listing.unreadable.append("\(display): nested too deep")
            return
        }
        let directory = relative.isEmpty ? root : root + "/" + String(decoding: relative, as: UTF8.self)
        let absolute: [UInt8] = Array(root.utf8) + (relative.isEmpty ? [] : [UInt8(ascii: "/")] + relative)
        guard let entries = Self.list(absolute) else {
            listing.unreadable.append(display.isEmpty ? "." : display)
            return
        }
        if depth > 0, entries.contains(where: { Self.environmentMarkers.contains($0.name) }) {
            return
        }
        var ignores = ignores
        if entries.contains(where: { $0.name == Self.gitignoreName }),
           let text = Self.readSmallText(directory + "/.gitignore") {
            ignores = ignores.pushing(IgnoreFile(base: display.isEmpty ? "" : display + "/", text: text))
        }
        let folderRoles = roles?.folderVerdicts(display)
        for entry in entries {
            let name = String(decoding: entry.name, as: UTF8.self)
            let path = display.isEmpty ? name : display + "/" + name
            let raw = relative.isEmpty ? entry.name : relative + [UInt8(ascii: "/")] + entry.name
            var type = entry.type
            if type == UInt8(DT_UNKNOWN) { type = Self.lstatType(absolute + [UInt8(ascii: "/")] + entry.name) }
            if depth == 0, name == ".git" {
                // Version control is evidence too, though git's own files are never searched.
                if type == UInt8(DT_DIR), Self.lstatType(absolute + Array("/.git/HEAD".utf8)) == UInt8(DT_REG) {
                    listing.files.append(RepositoryFile(path: ".git/HEAD", rawPath: Array(".git/HEAD".utf8)))
                } else if type == UInt8(DT_REG) {
                    listing.files.append(RepositoryFile(path: ".git", rawPath: raw))
                }
                continue
            }
            switch type {
            case UInt8(DT_DIR):
                if Self.skippedFolders.contains(name) { continue }
                // An ignored folder is still entered for the files git tracks in it.
                let ignored = underIgnored || ignores.isIgnored(path: path, name: name, isDirectory: true)
                if ignored, !tracked.index.holds(folder: raw) { continue }
                walk(root: root, relative: raw, display: path, ignores: ignores, underIgnored: ignored, tracked: tracked,
                     depth: depth + 1, into: &listing, sink: sink)
            case UInt8(DT_REG):
                if underIgnored || ignores.isIgnored(path: path, name: name, isDirectory: false), !tracked.index.tracks(file: raw) {
                    continue
                }
                if let roles, let role = roles.role(of: TemplatePath.logical(path), absolute: absolute + [UInt8(ascii: "/")] + entry.name,
                                                           folder: folderRoles) {
                    listing.data[role, default: 0] += 1
                    continue
                }
                listing.files.append(RepositoryFile(path: path, rawPath: raw))
                if listing.files.count - sink.sent >= Sink.size { sink.flush(listing.files) }
            default:
                continue // symbolic links, FIFOs, sockets, devices: never followed or read
            }
        }
    }

    private static func list(_ path: [UInt8]) -> [Entry]? {
        guard let dir = (path + [0]).withUnsafeBufferPointer({ buffer in
            buffer.withMemoryRebound(to: CChar.self) { opendir($0.baseAddress!) }
        }) else { return nil }
        defer { closedir(dir) }
        var entries: [Entry] = []
        while let pointer = readdir(dir) {
            let name: [UInt8] = withUnsafeBytes(of: pointer.pointee.d_name) { raw in
                Array(raw.prefix(while: { $0 != 0 }))
            }
            if name == [46] || name == [46, 46] { continue }
            entries.append(Entry(name: name, type: pointer.pointee.d_type))
        }
        entries.sort { $0.name.lexicographicallyPrecedes($1.name) }
        return entries
    }

    private static func lstatType(_ path: [UInt8]) -> UInt8 {
        var info = stat()
        let result = (path + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { lstat($0.baseAddress!, &info) }
        }
        guard result == 0 else { return UInt8(DT_UNKNOWN) }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return UInt8(DT_DIR)
        case S_IFREG: return UInt8(DT_REG)
        default: return UInt8(DT_UNKNOWN)
        }
    }

    /// Reads an ignore file of at most 1 MiB; anything else (missing, a FIFO, huge) counts as absent.
    static func readSmallText(_ path: String) -> String? {
        guard case let .text(bytes) = FileReader.read(Array(path.utf8), limit: 1 << 20) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}
