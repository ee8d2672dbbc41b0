import Foundation

/// `.ripen.yaml` in the audited repository: the team's own say on what applies.
public struct RepositoryConfiguration: Sendable, Decodable, Equatable {
    public static let fileName = ".ripen.yaml"

    /// Extra checklist directories, relative to the repository root.
    public var checklists: [String] = []
    /// Check ids to leave out.
    public var disable: [String] = []
    /// When set, only these check ids run.
    public var only: [String]?
    /// Check or capability id to the reason it does not apply; reported, never hidden.
    public var notApplicable: [String: String] = [:]
    /// Globs of files that are data, not practice (an example project, generated reports): not evidence.
    public var exclude: [Glob] = []

    public init() {}

    public static func == (lhs: RepositoryConfiguration, rhs: RepositoryConfiguration) -> Bool {
        lhs.checklists == rhs.checklists && lhs.disable == rhs.disable && lhs.only == rhs.only
            && lhs.notApplicable == rhs.notApplicable && lhs.exclude.map(\.source) == rhs.exclude.map(\.source)
    }

    private enum CodingKeys: String, CodingKey { case checklists, disable, only, notApplicable, exclude }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        checklists = try container.decodeIfPresent([String].self, forKey: .checklists) ?? []
        disable = try container.decodeIfPresent([String].self, forKey: .disable) ?? []
        only = try container.decodeIfPresent([String].self, forKey: .only)
        notApplicable = try container.decodeIfPresent([String: String].self, forKey: .notApplicable) ?? [:]
        exclude = try container.decodeIfPresent(GlobList.self, forKey: .exclude)?.globs ?? []
        for (index, path) in checklists.enumerated() where path.hasPrefix("/") || path.split(separator: "/").contains("..") {
            throw DecodingError.dataCorrupted(.init(
                codingPath: [CodingKeys.checklists, IndexKey(index)],
                debugDescription: "checklist directory '\(path)' must stay inside the repository"))
        }
    }

    /// Reads `.ripen.yaml` from the repository root; the defaults when there is none.
    public static func load(repository: URL) throws(SpecErrors) -> RepositoryConfiguration {
        let url = repository.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return RepositoryConfiguration() }
        // A link to a file elsewhere on the auditor's machine must not be read (errors would echo its keys).
        guard Confinement.isInside(url, repository) else {
            throw SpecErrors([SpecIssue(file: url.path, line: 1, column: 1, message: "resolves outside the repository; refused")])
        }
        do {
            let document = try YAMLDocument(contentsOf: url, displayPath: url.path)
            return try document.decode(RepositoryConfiguration.self, from: document.root)
        } catch {
            throw SpecErrors([error])
        }
    }

    /// Names that match no check or capability: almost always a typo, so they are errors.
    func unknownIDs(in catalogue: Catalogue) -> [String] {
        let known = Set(catalogue.checks.map(\.id) + catalogue.capabilities.map(\.id))
        let named = disable + (only ?? []) + notApplicable.keys.sorted()
        return named.filter { !known.contains($0) }
    }
}
