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

    @Test func checklistFolderLinkedOutsideIsRefused() throws {
        let outside = try Self.secretFolder()
        defer { try? FileManager.default.removeItem(at: outside) }
        let repo = try TemporaryRepository([".ripen.yaml": "checklists: [ops]\n"], git: true)
        try FileManager.default.createSymbolicLink(at: repo.url.appendingPathComponent("ops"), withDestinationURL: outside)
        do {
            _ = try repo.audit()
            Issue.record("a checklist folder outside the repository was read")
        } catch {
            let message = "\(error)"
            #expect(message.contains("/ops:1:1: checklist directory resolves outside the repository; refused"))
            #expect(!message.contains("password"))
        }
    }

    @Test func checklistFileLinkedOutsideIsRefused() throws {
        let outside = try Self.secretFolder()
        defer { try? FileManager.default.removeItem(at: outside) }
        let repo = try TemporaryRepository([".ripen.yaml": "checklists: [ops]\n", "ops/.keep": ""], git: true)
        try FileManager.default.createSymbolicLink(at: repo.url.appendingPathComponent("ops/team.yaml"),
                                                   withDestinationURL: outside.appendingPathComponent("secret.yaml"))
        do {
            _ = try repo.audit()
            Issue.record("a checklist file outside the repository was read")
        } catch {
            let message = "\(error)"
            #expect(message.contains("ops/team.yaml:1:1: resolves outside the repository; refused"))
            #expect(!message.contains("password"))
        }
    }

    @Test func configurationLinkedOutsideIsRefused() throws {
        let outside = try Self.secretFolder()
        defer { try? FileManager.default.removeItem(at: outside) }
        let repo = try TemporaryRepository(["train.py": "print(1)\n"], git: true)
        try FileManager.default.createSymbolicLink(at: repo.url.appendingPathComponent(".ripen.yaml"),
                                                   withDestinationURL: outside.appendingPathComponent("secret.yaml"))
        do {
            _ = try repo.audit()
            Issue.record("a .ripen.yaml outside the repository was read")
        } catch {
            #expect("\(error)".hasSuffix(".ripen.yaml:1:1: resolves outside the repository; refused"))
            #expect(!"\(error)".contains("password"))
        }
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
