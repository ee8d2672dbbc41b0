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
}

/// Reads checklist files: the built-in ones compiled into the binary, and directories of the user's.
public enum ChecklistLoader {
    static let topLevelKeys = ["capabilities", "levels", "checks"]

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

        let checks = document.decodeEach(Check.self, key: "checks", in: top["checks"])
        issues += checks.issues
        for (check, node) in checks.items {
            var check = check
            let mark = node.mark
            check.location = SourceLocation(file: document.file, line: mark?.line ?? 1, column: mark?.column ?? 1)
            checklist.checks.append(check)
        }
        guard issues.isEmpty else { throw SpecErrors(issues) }
        return checklist
    }

    /// The checklists compiled into ripen, in file order.
    public static func builtIn() throws(SpecErrors) -> [Checklist] {
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
    public static func load(directory: URL, displayPrefix: String? = nil) throws(SpecErrors) -> [Checklist] {
        let prefix = displayPrefix ?? directory.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SpecErrors([SpecIssue(file: prefix, line: 1, column: 1, message: "checklist directory not found")])
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw SpecErrors([SpecIssue(file: prefix, line: 1, column: 1, message: "cannot list directory: \(error.localizedDescription)")])
        }
        var result: [Checklist] = []
        var issues: [SpecIssue] = []
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            let display = (prefix as NSString).appendingPathComponent(name)
            do {
                let document = try YAMLDocument(contentsOf: directory.appendingPathComponent(name), displayPath: display)
                result.append(try parse(document))
            } catch let error as SpecIssue {
                issues.append(error)
            } catch let error as SpecErrors {
                issues += error.issues
            } catch {
                issues.append(SpecIssue(file: display, line: 1, column: 1, message: "\(error)"))
            }
        }
        guard issues.isEmpty else { throw SpecErrors(issues) }
        return result
    }
}
