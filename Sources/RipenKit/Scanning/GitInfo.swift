import Foundation

/// Reads the checked-out commit straight from `.git`, without running git: git's config in an
/// audited repository can run commands (`core.fsmonitor`), and the audit never executes its code.
enum GitInfo {
    /// The nearest folder above `path` that holds a `.git`, if any.
    static func enclosingWorkTree(of path: String) -> String? {
        var url = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent()
        while url.path != "/" && !url.path.isEmpty {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent(".git").path) { return url.path }
            url = url.deletingLastPathComponent()
        }
        return nil
    }

    static func headCommit(repository: URL) -> String? {
        let repository = FileManager.default.fileExists(atPath: repository.appendingPathComponent(".git").path)
            ? repository : enclosingWorkTree(of: repository.path).map { URL(fileURLWithPath: $0) } ?? repository
        guard let gitDirectory = gitDirectory(repository) else { return nil }
        guard let head = firstLine(gitDirectory.appendingPathComponent("HEAD")) else { return nil }
        guard head.hasPrefix("ref: ") else { return isHash(head) ? head : nil }
        let ref = String(head.dropFirst(5))
        guard !ref.contains(".."), !ref.hasPrefix("/") else { return nil }
        // A loose ref, reached through no link (a `refs` link could lead anywhere).
        let looseURL = gitDirectory.appendingPathComponent(ref)
        if looseURL.resolvingSymlinksInPath().path.hasPrefix(gitDirectory.resolvingSymlinksInPath().path + "/"),
           let loose = firstLine(looseURL), isHash(loose) { return loose }
        // Packed refs, possibly in the common dir of a worktree.
        let common = firstLine(gitDirectory.appendingPathComponent("commondir"))
            .map { URL(fileURLWithPath: $0, relativeTo: gitDirectory).standardizedFileURL }
            .flatMap { isGitFolder($0) ? $0 : nil } ?? gitDirectory
        for directory in [gitDirectory, common] {
            // Bounded: a 1 GiB packed-refs took gigabytes to split. Beyond the limit the commit is unknown.
            guard case let .text(bytes) = FileReader.read(Array(directory.appendingPathComponent("packed-refs").path.utf8),
                                                          limit: 64 << 20) else { continue }
            let packed = String(decoding: bytes, as: UTF8.self)
            for line in packed.split(separator: "\n") where line.hasSuffix(" " + ref) {
                let hash = String(line.prefix { $0 != " " })
                if isHash(hash) { return hash }
            }
        }
        return nil
    }

    /// The repository's git folder: `.git` itself (a real folder, never a link), or for a worktree or
    /// submodule the folder its `gitdir:` line names, which must be a git folder (`…/.git`,
    /// `…/.git/worktrees/NAME`, `…/.git/modules/NAME`): a repository cannot point ripen at any file.
    private static func gitDirectory(_ repository: URL) -> URL? {
        let dotGit = repository.appendingPathComponent(".git")
        var info = stat()
        guard lstat(dotGit.path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return dotGit
        case S_IFREG: break
        default: return nil
        }
        guard let line = firstLine(dotGit), line.hasPrefix("gitdir: ") else { return nil }
        let target = URL(fileURLWithPath: String(line.dropFirst(8)), relativeTo: repository).standardizedFileURL
        return isGitFolder(target) ? target : nil
    }

    /// `…/.git`, or a folder inside one (worktrees, modules), reached without symbolic links.
    static func isGitFolder(_ url: URL) -> Bool {
        let components = url.standardizedFileURL.pathComponents
        guard components.contains(".git") else { return false }
        return url.resolvingSymlinksInPath().standardizedFileURL.path == url.standardizedFileURL.path
    }

    private static func firstLine(_ url: URL) -> String? {
        guard case let .text(bytes) = FileReader.read(Array(url.path.utf8), limit: 1 << 16) else { return nil }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").first
            .map { $0.trimmingCharacters(in: .whitespaces) }
    }

    private static func isHash(_ text: String) -> Bool {
        (text.count == 40 || text.count == 64) && text.allSatisfy(\.isHexDigit)
    }
}
