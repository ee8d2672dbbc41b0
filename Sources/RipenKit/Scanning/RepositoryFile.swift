/// A regular file found by the walk, with its path relative to the repository root.
public struct RepositoryFile: Sendable, Hashable {
    init(path: String, rawPath: [UInt8], note: String? = nil) {
        self.path = path
        self.rawPath = rawPath
        self.note = note
    }

    /// `/`-separated, for matching and reports; names that are not UTF-8 show replacement characters.
    public let path: String
    /// The exact bytes of the relative path, to open files whose names are not UTF-8.
    let rawPath: [UInt8]
    /// What the file stands for when it is not simply present (the enclosing git work tree).
    var note: String?

    var name: Substring { path[(path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex)...] }
    var isNotebook: Bool { path.hasSuffix(".ipynb") }
}
