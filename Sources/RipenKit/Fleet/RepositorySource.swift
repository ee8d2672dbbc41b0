import Foundation

/// One repository of a fleet: a directory to audit where it is, or a git URL to clone first.
public struct RepositorySource: Sendable, Equatable {
    public enum Location: Sendable, Equatable {
        case directory(String)
        case git(String)
    }

    /// Position in the fleet's list: shards keep it, so a merged report is in the list's order.
    public var index: Int
    public var location: Location

    /// How reports name it: the path as given, or the URL without credentials.
    public var name: String {
        switch location {
        case let .directory(path): path
        case let .git(url): Redaction.scrub(url)
        }
    }

    public init(index: Int, _ text: String) {
        self.index = index
        location = Self.isGitURL(text) ? .git(text) : .directory(text)
    }

    /// `scheme://…` (https, ssh, git, file) or scp-like `user@host:path`.
    static func isGitURL(_ text: String) -> Bool {
        if text.contains("://") { return true }
        guard let at = text.firstIndex(of: "@"), let colon = text.firstIndex(of: ":") else { return false }
        return at < colon && !text.hasPrefix("/") && !text.hasPrefix(".")
    }

    /// Why a repository list could not be read; printed as is.
    public struct ListError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The lines of a `--repos` file: one path or URL per line; blank lines and `#` comments are skipped.
    public static func list(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    public static func load(_ file: URL) throws(ListError) -> [String] {
        do {
            return list(try String(contentsOf: file, encoding: .utf8))
        } catch {
            throw ListError(description: "\(file.path): cannot read the repository list: \(error.localizedDescription)")
        }
    }

    /// The sources of one shard (`shard` of `count`, from 1): every `count`-th entry, so shards stay even
    /// however the list is sorted. Indices are the positions in the whole list.
    public static func sources(_ entries: [String], shard: (index: Int, count: Int)? = nil) -> [RepositorySource] {
        entries.enumerated().compactMap { position, text in
            if let shard, position % shard.count != shard.index - 1 { return nil }
            return RepositorySource(index: position, text)
        }
    }
}
