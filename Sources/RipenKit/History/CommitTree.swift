import Foundation

/// A commit's files written into a scratch folder from git's objects (`ls-tree`, `cat-file`), never by a
/// checkout: the user's work tree, index and HEAD are not touched. Moving to another commit rewrites only
/// the files whose content differs. Symbolic links and submodules are left out; files over the audit's
/// size limit become sparse files of the same size (listed, never searched, as in a normal audit).
final class CommitTree {
    let root: URL
    private let git: SafeGit
    private let repository: URL
    private let maxFileSize: Int
    /// Path → blob hash of what is on disk now.
    private var current: [String: String] = [:]

    init(repository: URL, git: SafeGit, maxFileSize: Int) throws {
        self.repository = repository
        self.git = git
        self.maxFileSize = maxFileSize
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("ripen-history-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }

    /// Makes the folder hold exactly the files of `commit` (a full hash).
    func checkout(_ commit: String) throws {
        // `<mode> <type> <hash> <size>\t<path>`, NUL-terminated.
        let listing = try git.run(["ls-tree", "-r", "-l", "-z", "--full-tree", commit], in: repository)
        var wanted: [String: (hash: String, size: Int)] = [:]
        for record in listing.split(separator: 0) {
            guard let tab = record.firstIndex(of: UInt8(ascii: "\t")) else { continue }
            let fields = String(decoding: record[record.startIndex..<tab], as: UTF8.self).split(separator: " ", omittingEmptySubsequences: true)
            let path = String(decoding: record[(tab + 1)...], as: UTF8.self)
            guard fields.count == 4, fields[1] == "blob", fields[0] != "120000", Self.isSafe(path) else { continue }
            // git prints no size for an object it does not have (a partial clone): that commit cannot be read
            // as it was, and nothing may be fetched to fill the gap.
            guard let size = Int(fields[3]) else {
                throw SafeGit.Failure(description: "\(path): object \(fields[2]) is missing from the repository (a partial clone?); not fetched")
            }
            wanted[path] = (String(fields[2]), size)
        }
        let fileManager = FileManager.default
        for (path, hash) in current where wanted[path]?.hash != hash {
            try? fileManager.removeItem(at: root.appendingPathComponent(path))
            current[path] = nil
        }
        var small: [String: [String]] = [:]
        for (path, blob) in wanted.sorted(by: { $0.key < $1.key }) where current[path] != blob.hash {
            let url = root.appendingPathComponent(path)
            try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            if blob.size > maxFileSize {
                guard fileManager.createFile(atPath: url.path, contents: nil), truncate(url.path, off_t(blob.size)) == 0 else {
                    throw SafeGit.Failure(description: "cannot write \(url.path)")
                }
                current[path] = blob.hash
            } else {
                small[blob.hash, default: []].append(path)
            }
        }
        // A detached HEAD naming the commit: the audit sees a git repository at that commit, as it was.
        let head = root.appendingPathComponent(".git", isDirectory: true)
        try fileManager.createDirectory(at: head, withIntermediateDirectories: true)
        guard fileManager.createFile(atPath: head.appendingPathComponent("HEAD").path, contents: Data((commit + "\n").utf8)) else {
            throw SafeGit.Failure(description: "cannot write \(head.path)/HEAD")
        }
        try git.blobs(small.keys.sorted(), in: repository) { hash, bytes in
            for path in small[hash] ?? [] {
                let url = root.appendingPathComponent(path)
                guard fileManager.createFile(atPath: url.path, contents: Data(bytes)) else {
                    throw SafeGit.Failure(description: "cannot write \(url.path)")
                }
                current[path] = hash
            }
        }
    }

    /// A tree entry's path must stay inside the folder: git refuses such trees, but a crafted one may not.
    static func isSafe(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/")
            && !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0.isEmpty || $0 == "." || $0 == ".." || $0 == ".git" }
    }
}
