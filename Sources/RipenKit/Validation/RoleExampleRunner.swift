import Foundation

/// Runs a file role's examples the way the walk judges files: each `data` file must be claimed by the
/// role, no `practice` file may be.
public enum RoleExampleRunner {
    public static func run(_ role: FileRole) -> [String] {
        guard let examples = role.examples, !examples.data.isEmpty, !examples.practice.isEmpty else {
            return ["\(role.location): role '\(role.id)' needs examples of data and of practice"]
        }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ripen-role-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        var failures: [String] = []
        for (path, text) in examples.data.merging(examples.practice, uniquingKeysWith: { first, _ in first }) {
            guard ExampleRunner.isSafe(path) else {
                failures.append("\(role.location): role '\(role.id)': example path '\(path)' must be relative and stay inside the example")
                continue
            }
            let url = root.appendingPathComponent(path)
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            } catch {
                failures.append("\(role.location): role '\(role.id)': cannot write example '\(path)': \(error.localizedDescription)")
            }
        }
        let filter = FileRoleFilter(roles: [role], exclude: [])
        func claimed(_ path: String) -> Bool { filter.role(of: path, absolute: Array((root.path + "/" + path).utf8)) == role.id }
        for path in examples.data.keys.sorted() where !claimed(path) {
            failures.append("\(role.location): role '\(role.id)' should claim '\(path)' as data")
        }
        for path in examples.practice.keys.sorted() where claimed(path) {
            failures.append("\(role.location): role '\(role.id)' should leave '\(path)' as practice")
        }
        return failures
    }
}
