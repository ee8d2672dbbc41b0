import Foundation

/// The YAML files of a user's spec folder (checklists, environments, playbooks), parsed, in name order.
enum SpecDirectory {
    /// Every `*.yaml` / `*.yml` document of `directory`; problems are collected, not thrown one by one.
    /// - Parameters:
    ///   - displayPrefix: how the folder is named in messages (default: its path).
    ///   - kind: what the folder holds, for "… directory not found".
    static func documents(_ directory: URL, displayPrefix: String? = nil, kind: String) -> (documents: [YAMLDocument], issues: [SpecIssue]) {
        let prefix = displayPrefix ?? directory.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return ([], [SpecIssue(file: prefix, line: 1, column: 1, message: "\(kind) directory not found")])
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            return ([], [SpecIssue(file: prefix, line: 1, column: 1, message: "cannot list directory: \(error.localizedDescription)")])
        }
        var documents: [YAMLDocument] = []
        var issues: [SpecIssue] = []
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            do {
                documents.append(try YAMLDocument(contentsOf: directory.appendingPathComponent(name),
                                                  displayPath: (prefix as NSString).appendingPathComponent(name)))
            } catch {
                issues.append(error)
            }
        }
        return (documents, issues)
    }
}
