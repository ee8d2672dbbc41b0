import Foundation
import Yams

/// The contents of one checklist file.
public struct Checklist: Sendable {
    public var file: String
    /// SHA-256 of the file's text, for the checklist hash in reports.
    public var sha256: String
    public var capabilities: [Capability] = []
    public var levels: [LevelDefinition] = []
    public var checks: [Check] = []
    /// Command classes the pipeline model sorts steps into (`commands:`).
    public var commandClasses: [CommandClass] = []
    /// Roles of files that are data, not practice (`roles:`).
    public var roles: [FileRole] = []
}

/// A checklist entry that knows where it was written.
protocol LocatedSpec {
    var location: SourceLocation { get set }
}

extension Check: LocatedSpec {}
extension FileRole: LocatedSpec {}
extension CommandClass: LocatedSpec {}

/// Reads checklist files: the built-in ones compiled into the binary, and directories of the user's.
public enum ChecklistLoader {
    static let topLevelKeys = ["capabilities", "levels", "checks", "commands", "roles"]

    /// Parses one checklist file, collecting every problem in it.
    public static func parse(text: String, file: String) throws(SpecErrors) -> Checklist {
        let document: YAMLDocument
        do {
            document = try YAMLDocument(file: file, text: text)
        } catch {
            throw SpecErrors([error])
        }
        return try parse(document)
    }

    static func parse(_ document: YAMLDocument) throws(SpecErrors) -> Checklist {
        let top = try document.topLevel(allowed: topLevelKeys)
        var checklist = Checklist(file: document.file, sha256: SHA256.hex(document.text))
        var issues: [SpecIssue] = []

        let capabilities = document.decodeEach(Capability.self, key: "capabilities", in: top["capabilities"])
        checklist.capabilities = capabilities.items.map(\.0)
        issues += capabilities.issues

        let levels = document.decodeEach(LevelDefinition.self, key: "levels", in: top["levels"])
        checklist.levels = levels.items.map(\.0)
        issues += levels.issues

        checklist.checks = decodeLocated(Check.self, key: "checks", in: document, top, issues: &issues)
        checklist.roles = decodeLocated(FileRole.self, key: "roles", in: document, top, issues: &issues)
        checklist.commandClasses = decodeLocated(CommandClass.self, key: "commands", in: document, top, issues: &issues)
        guard issues.isEmpty else { throw SpecErrors(issues) }
        return checklist
    }

    /// Each item of a top-level list, with the place it was written (errors and `ripen validate` point there).
    private static func decodeLocated<T: Decodable & LocatedSpec>(_ type: T.Type, key: String, in document: YAMLDocument,
                                                                  _ top: [String: Node], issues: inout [SpecIssue]) -> [T] {
        let decoded = document.decodeEach(type, key: key, in: top[key])
        issues += decoded.issues
        return decoded.items.map { item, node in
            var item = item
            item.location = SourceLocation(file: document.file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
            return item
        }
    }

    /// The checklists compiled into ripen, in file order; parsed once per process (a fleet audit asks often).
    public static func builtIn() throws(SpecErrors) -> [Checklist] {
        try parsedBuiltIn.get()
    }

    private static let parsedBuiltIn = Result { () throws(SpecErrors) in try parseBuiltIn() }

    private static func parseBuiltIn() throws(SpecErrors) -> [Checklist] {
        var result: [Checklist] = []
        var issues: [SpecIssue] = []
        for (path, text) in BundledData.files where path.hasPrefix("checklists/") {
            do {
                result.append(try parse(text: text, file: path))
            } catch {
                issues += error.issues
            }
        }
        guard issues.isEmpty else { throw SpecErrors(issues) }
        return result
    }

    /// Every `*.yaml` / `*.yml` file of a directory, in name order.
    /// - Parameter root: when set, the directory and its files must resolve inside it (see `SpecDirectory`).
    public static func load(directory: URL, displayPrefix: String? = nil,
                            confinedTo root: URL? = nil) throws(SpecErrors) -> [Checklist] {
        var (documents, issues) = SpecDirectory.documents(directory, displayPrefix: displayPrefix, kind: "checklist",
                                                          confinedTo: root)
        var result: [Checklist] = []
        for document in documents {
            do {
                result.append(try parse(document))
            } catch {
                issues += error.issues
            }
        }
        guard issues.isEmpty else { throw SpecErrors(issues) }
        return result
    }
}
