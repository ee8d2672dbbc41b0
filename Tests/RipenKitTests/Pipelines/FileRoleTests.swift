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
        #expect(RoleExampleRunner.run(role).isEmpty, "\(RoleExampleRunner.run(role))")
    }

    /// The runner is not vacuous: a role whose paths claim nothing fails on its own examples.
    @Test func aRoleThatClaimsNothingFails() throws {
        var role = try #require(Self.catalogue.roles.first { $0.id == "golden-files" })
        role.paths = [try Glob("nothing/**")]
        #expect(!RoleExampleRunner.run(role).isEmpty)
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
