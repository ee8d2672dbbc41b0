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
    let roles: [FileRole]
    let exclude: [Glob]
    /// `exclude`, then each role's globs, in order: what `FolderVerdicts` answers for.
    private let globs: [Glob]

    init(roles: [FileRole], exclude: [Glob]) {
        self.roles = roles
        self.exclude = exclude
        globs = exclude + roles.flatMap(\.paths)
    }

    static let sniffLimit = 64 << 10

    /// The answers of the globs that look only at a file's folder (`**/fixtures/**`), for one folder:
    /// every file of a folder gets the same, so the walk asks once per folder, not once per file.
    struct FolderVerdicts {
        /// One per glob, `exclude` first, then each role's in order; nil for a glob that reads the name.
        fileprivate var verdicts: [Bool?]
    }

    /// - Parameter folder: the folder's path relative to the root ("" for the root).
    func folderVerdicts(_ folder: String) -> FolderVerdicts {
        // Any name stands for the folder's files: a glob ending in `/**` takes them all or none.
        let probe = TemplatePath.logical(folder.isEmpty ? "f" : folder + "/f")
        let bytes = Array(probe.utf8)
        return FolderVerdicts(verdicts: globs.map { glob in
            glob.readsOnlyFolder ? glob.mayMatch(bytes) && glob.matches(probe) : nil
        })
    }

    /// The id of the role that claims the file (`exclude` for `.ripen.yaml`), or nil for practice.
    func role(of path: String, absolute: [UInt8], folder: FolderVerdicts? = nil) -> String? {
        // Every file of the tree meets these globs: a literal test first, the matcher only when it passes.
        let bytes = Array(path.utf8)
        func hit(_ glob: Glob, _ index: Int) -> Bool {
            if let known = folder?.verdicts[index] { return known }
            return glob.mayMatch(bytes) && glob.matches(path)
        }
        if exclude.indices.contains(where: { hit(exclude[$0], $0) }) { return "exclude" }
        var first = exclude.count
        for role in roles {
            let start = first
            first += role.paths.count
            guard role.paths.indices.contains(where: { hit(role.paths[$0], start + $0) }) else { continue }
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
