import Foundation

/// The YAML files of a user's spec folder (checklists, environments, playbooks), parsed, in name order.
enum SpecDirectory {
    /// Every `*.yaml` / `*.yml` document of `directory`; problems are collected, not thrown one by one.
    /// - Parameters:
    ///   - displayPrefix: how the folder is named in messages (default: its path).
    ///   - kind: what the folder holds, for "… directory not found".
    ///   - confinedTo: a folder the directory and every file read from it must resolve inside (symbolic links
    ///     followed): an audited repository's `.ripen.yaml` may name only its own folders.
    static func documents(_ directory: URL, displayPrefix: String? = nil, kind: String,
                          confinedTo root: URL? = nil) -> (documents: [YAMLDocument], issues: [SpecIssue]) {
        let prefix = displayPrefix ?? directory.path
        if let root, !Confinement.isInside(directory, root) {
            return ([], [SpecIssue(file: prefix, line: 1, column: 1,
                                   message: "\(kind) directory resolves outside the repository; refused")])
        }
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
            let display = (prefix as NSString).appendingPathComponent(name)
            if let root, !Confinement.isInside(directory.appendingPathComponent(name), root) {
                issues.append(SpecIssue(file: display, line: 1, column: 1, message: "resolves outside the repository; refused"))
                continue
            }
            do {
                documents.append(try YAMLDocument(contentsOf: directory.appendingPathComponent(name),
                                                  displayPath: display))
            } catch {
                issues.append(error)
            }
        }
        return (documents, issues)
    }
}

/// Whether a path, with every symbolic link resolved, stays inside a folder.
enum Confinement {
    static func isInside(_ url: URL, _ root: URL) -> Bool {
        guard let path = resolved(url.path), let base = resolved(root.path) else { return false }
        return path == base || path.hasPrefix(base.hasSuffix("/") ? base : base + "/")
    }

    /// The canonical path (realpath(3)); nil when it does not exist.
    static func resolved(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}
