import Foundation
import Testing
@testable import RipenKit

/// The audited repository is untrusted: what its `.ripen.yaml` names may not lead ripen outside it.
@Suite struct UntrustedRepositoryTests {
    /// A folder elsewhere on the auditor's machine holding YAML whose keys must never be echoed.
    static func secretFolder() throws -> URL {
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("ripen-secret-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("password: hunter2\n".utf8).write(to: outside.appendingPathComponent("secret.yaml"))
        return outside
    }

    /// Audits the repository, expecting the refusal `message` and no trace of the secret file's keys.
    static func expectRefused(_ repo: TemporaryRepository, _ message: String, what: String) {
        do {
            _ = try repo.audit()
            Issue.record("\(what) outside the repository was read")
        } catch {
            #expect("\(error)".contains(message), "\(error)")
            #expect(!"\(error)".contains("password"))
        }
    }

    /// Links `path` in the repository to `target` in the secret folder (the folder itself when nil).
    static func link(_ repo: TemporaryRepository, _ path: String, to outside: URL, _ target: String? = nil) throws {
        try FileManager.default.createSymbolicLink(at: repo.url.appendingPathComponent(path),
                                                   withDestinationURL: target.map { outside.appendingPathComponent($0) } ?? outside)
    }

    @Test func checklistFolderLinkedOutsideIsRefused() throws {
        let outside = try Self.secretFolder()
        defer { try? FileManager.default.removeItem(at: outside) }
        let repo = try TemporaryRepository([".ripen.yaml": "checklists: [ops]\n"], git: true)
        try Self.link(repo, "ops", to: outside)
        Self.expectRefused(repo, "/ops:1:1: checklist directory resolves outside the repository; refused",
                           what: "a checklist folder")
    }

    @Test func checklistFileLinkedOutsideIsRefused() throws {
        let outside = try Self.secretFolder()
        defer { try? FileManager.default.removeItem(at: outside) }
        let repo = try TemporaryRepository([".ripen.yaml": "checklists: [ops]\n", "ops/.keep": ""], git: true)
        try Self.link(repo, "ops/team.yaml", to: outside, "secret.yaml")
        Self.expectRefused(repo, "ops/team.yaml:1:1: resolves outside the repository; refused", what: "a checklist file")
    }

    @Test func configurationLinkedOutsideIsRefused() throws {
        let outside = try Self.secretFolder()
        defer { try? FileManager.default.removeItem(at: outside) }
        let repo = try TemporaryRepository(["train.py": "print(1)\n"], git: true)
        try Self.link(repo, ".ripen.yaml", to: outside, "secret.yaml")
        Self.expectRefused(repo, ".ripen.yaml:1:1: resolves outside the repository; refused", what: "a .ripen.yaml")
    }

    /// A link that stays inside the repository is the team's own business.
    @Test func linkInsideTheRepositoryIsFollowed() throws {
        var files = LevelFixtures.level1GitHub
        files[".ripen.yaml"] = "checklists: [ops]\n"
        files["platform/checks/extra.yaml"] = """
            checks:
              - id: team-makefile
                level: 1
                capability: automated-build
                title: A Makefile
                why: Team rule.
                remedy: {text: Add a Makefile.}
                signal: {files: [Makefile]}
            """
        let repo = try TemporaryRepository(files, git: true)
        try FileManager.default.createSymbolicLink(atPath: repo.url.appendingPathComponent("ops").path,
                                                   withDestinationPath: "platform/checks")
        let result = try repo.audit()
        #expect(result.check("team-makefile") != nil)
    }
}
