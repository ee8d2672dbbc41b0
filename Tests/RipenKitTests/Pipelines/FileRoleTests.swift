import Foundation
import Testing
@testable import RipenKit

/// Every role of the built-in checklists claims its `data` examples and none of its `practice` ones,
/// judged the way the walk judges them (by path, and by content for roles with `contains`).
@Suite struct FileRoleTests {
    static let catalogue = try! Catalogue.load()

    @Test(arguments: catalogue.roles.map(\.id))
    func roleClaimsItsDataAndLeavesPractice(_ id: String) throws {
        let role = try #require(Self.catalogue.roles.first { $0.id == id })
        let examples = try #require(role.examples, "role '\(id)' has no examples")
        #expect(!examples.data.isEmpty && !examples.practice.isEmpty)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ripen-role-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for (path, text) in examples.data.merging(examples.practice, uniquingKeysWith: { first, _ in first }) {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let filter = FileRoleFilter(roles: [role], exclude: [])
        for path in examples.data.keys.sorted() {
            #expect(filter.role(of: path, absolute: Array((root.path + "/" + path).utf8)) == id, "\(id) should claim \(path)")
        }
        for path in examples.practice.keys.sorted() {
            #expect(filter.role(of: path, absolute: Array((root.path + "/" + path).utf8)) == nil, "\(id) should leave \(path)")
        }
    }

    @Test func ripenYAMLExcludeLeavesFilesOut() throws {
        let repo = try TemporaryRepository([
            ".ripen.yaml": "exclude: [\"examples/**\"]\n",
            "examples/demo/train.py": "import mlflow\nwith mlflow.start_run():\n    mlflow.log_metric('rmse', 1.0)\n",
        ], git: true)
        #expect(try repo.audit().capabilityStatus("experiment-tracking") != .pass)
        try repo.write(".ripen.yaml", "exclude: [\"generated/**\"]\n")
        #expect(try repo.audit().capabilityStatus("experiment-tracking") == .pass)
    }
}
