import Foundation

/// Writes generated files into an output directory without ever losing a user's work.
///
/// A manifest (`.ripen/manifest.json`) records the sha256 of each file ripen wrote. On regeneration a
/// file is left alone when unchanged, updated when ripen wrote it and nobody touched it since, and never
/// overwritten when the user changed it (or it was theirs to begin with): the new version goes to
/// `FILE.new` beside it, unless `force`. A file the user deleted stays deleted. Every write is atomic.
public struct GenerationWriter {
    public enum Action: String, Sendable, Codable {
        case create, update, unchanged
        /// The user changed the file: the new content went to FILE.new.
        case keptUserChanges = "kept-user-changes"
        /// The user deleted a file ripen had written: left deleted.
        case keptDeleted = "kept-deleted"
        /// `force`: a changed file was overwritten.
        case overwrite
        /// A secret that exists already: never touched.
        case keptSecret = "kept-secret"
    }

    public struct Change: Sendable {
        public var path: String
        public var action: Action
        /// Unified diff against what is on disk (for --dry-run).
        public var diff: String
    }

    public struct Manifest: Codable, Equatable, Sendable {
        public var version = 1
        /// path → sha256 of the content ripen last wrote there.
        public var files: [String: String] = [:]
    }

    public static let manifestPath = ".ripen/manifest.json"

    public var output: URL
    public var force = false

    public init(output: URL, force: Bool = false) {
        self.output = output
        self.force = force
    }

    /// What writing would do, without writing.
    public func plan(_ files: [GeneratedFile]) throws(GenerationError) -> [Change] {
        let manifest = try readManifest()
        var changes: [Change] = []
        for file in files {
            let url = try destination(file.path)
            let existing = FileManager.default.contents(atPath: url.path)
            let recorded = manifest.files[file.path]
            let action: Action
            switch (existing, file.secret) {
            case (.some, true): action = .keptSecret
            case (.none, true): action = .create
            case (.none, false): action = recorded == nil || force ? .create : .keptDeleted
            case let (.some(data), false):
                if data == Data(file.contents.utf8) {
                    action = .unchanged
                } else if recorded == SHA256.hex(data) {
                    action = .update
                } else {
                    action = force ? .overwrite : .keptUserChanges
                }
            }
            var diff = ""
            if !file.secret, [.create, .update, .overwrite, .keptUserChanges].contains(action) {
                let old = existing.map { String(decoding: $0, as: UTF8.self) } ?? ""
                diff = UnifiedDiff.render(old: old, new: file.contents, oldLabel: existing == nil ? "/dev/null" : "a/\(file.path)",
                                          newLabel: "b/\(file.path)")
            }
            changes.append(Change(path: file.path, action: action, diff: diff))
        }
        return changes
    }

    /// Writes what `plan` says, then the manifest.
    @discardableResult
    public func write(_ files: [GeneratedFile]) throws(GenerationError) -> [Change] {
        let changes = try plan(files)
        var manifest = try readManifest()
        for (file, change) in zip(files, changes) {
            let url = try destination(file.path)
            // Beside it, checked like any generated path: a planted FILE.new link is refused, not followed.
            let beside = change.action == .keptUserChanges ? try destination(file.path + ".new") : url
            do {
                switch change.action {
                case .create, .update, .overwrite:
                    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try AtomicFile.write(Data(file.contents.utf8), to: url,
                                         permissions: file.secret ? 0o600 : file.executable ? 0o755 : 0o644,
                                         followLinks: false)
                    if !file.secret { manifest.files[file.path] = SHA256.hex(Data(file.contents.utf8)) }
                case .keptUserChanges:
                    // The manifest keeps the old hash, so the next run still sees the user's change.
                    try AtomicFile.write(Data(file.contents.utf8), to: beside,
                                         permissions: file.executable ? 0o755 : 0o644, followLinks: false)
                case .unchanged:
                    // Adopt an identical file (e.g. after the manifest was lost).
                    manifest.files[file.path] = SHA256.hex(Data(file.contents.utf8))
                case .keptDeleted, .keptSecret:
                    break
                }
            } catch {
                throw .io("cannot write \(url.path): \(error.localizedDescription)")
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let url = try destination(Self.manifestPath)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try AtomicFile.write(try encoder.encode(manifest) + Data("\n".utf8), to: url, permissions: 0o644, followLinks: false)
        } catch {
            throw .io("cannot write the manifest: \(error.localizedDescription)")
        }
        return changes
    }

    func readManifest() throws(GenerationError) -> Manifest {
        // `.ripen` or the manifest as a link (to anywhere) is refused: it is ripen's own bookkeeping.
        let url = try destination(Self.manifestPath)
        guard let data = FileManager.default.contents(atPath: url.path) else { return Manifest() }
        do {
            return try JSONDecoder().decode(Manifest.self, from: data)
        } catch {
            throw .io("\(url.path) is not a ripen manifest (\(error.localizedDescription)); move it away to start afresh")
        }
    }

    /// The file's place inside the output directory; never outside it, never through a symbolic link.
    func destination(_ path: String) throws(GenerationError) -> URL {
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\\"), !path.contains("\0"),
              components.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else {
            throw .unsafePath(path)
        }
        var url = output
        for component in components {
            url.appendPathComponent(String(component))
            var info = stat()
            if lstat(url.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK { throw .unsafePath(path) }
        }
        return url
    }
}
