import Foundation

/// Files whose role is data, not the team's practice: test fixtures, golden files, specifications with
/// embedded examples, vendored code. The audit does not take them as evidence. Roles are data
/// (`roles:` in the checklists), each with files it must and must not claim.
public struct FileRole: Sendable, Decodable {
    public var id: String
    public var title: String
    public var paths: [Glob]
    /// When set, a file under `paths` has the role only if each pattern matches a line of its first 64 KB.
    public var contains: [LinePattern]
    public var examples: RoleExamples?
    public var location = SourceLocation(file: "", line: 1, column: 1)

    private enum CodingKeys: String, CodingKey { case id, title, paths, contains, examples }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        title = try container.decode(String.self, forKey: .title)
        paths = try container.decode(GlobList.self, forKey: .paths).globs
        contains = try container.decodeIfPresent([LinePattern].self, forKey: .contains) ?? []
        examples = try container.decodeIfPresent(RoleExamples.self, forKey: .examples)
    }
}

/// Files a role must claim (`data`) and must leave alone (`practice`), by path and content.
public struct RoleExamples: Sendable, Decodable {
    public var data: [String: String]
    public var practice: [String: String]
}

/// Decides, during the walk, which files are data: by a role, or by `.ripen.yaml`'s `exclude:`.
struct FileRoleFilter: Sendable {
    var roles: [FileRole]
    var exclude: [Glob]

    static let sniffLimit = 64 << 10

    /// The id of the role that claims the file (`exclude` for `.ripen.yaml`), or nil for practice.
    func role(of path: String, absolute: [UInt8]) -> String? {
        // Every file of the tree meets these globs: a literal test first, the matcher only when it passes.
        let bytes = Array(path.utf8)
        func hit(_ glob: Glob) -> Bool { glob.mayMatch(bytes) && glob.matches(path) }
        if exclude.contains(where: hit) { return "exclude" }
        for role in roles where role.paths.contains(where: hit) {
            if role.contains.isEmpty { return role.id }
            // A specification with examples is small; a large file is not sniffed.
            guard case let .text(bytes) = FileReader.read(absolute, limit: Self.sniffLimit) else { continue }
            let text = String(decoding: bytes, as: UTF8.self)
            if role.contains.allSatisfy({ matches($0, text) }) { return role.id }
        }
        return nil
    }

    private func matches(_ pattern: LinePattern, _ text: String) -> Bool {
        text.split(separator: "\n", omittingEmptySubsequences: false).contains { pattern.firstMatch(in: String($0)) != nil }
    }
}
