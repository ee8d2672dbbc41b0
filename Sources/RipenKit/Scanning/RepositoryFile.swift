/// A regular file found by the walk, with its path relative to the repository root.
public struct RepositoryFile: Sendable, Hashable {
    /// `/`-separated, for matching and reports; names that are not UTF-8 show replacement characters.
    public let path: String
    /// The exact bytes of the relative path, to open files whose names are not UTF-8.
    let rawPath: [UInt8]

    var name: Substring { path[(path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex)...] }
    var isNotebook: Bool { path.hasSuffix(".ipynb") }
}
