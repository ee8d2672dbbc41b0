import Foundation
@testable import RipenKit

/// A repository written to a temporary folder from code; removed when the value is released.
final class TemporaryRepository {
    let url: URL

    init(_ files: [String: String], git: Bool = false) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("ripen-test-\(UUID().uuidString)")
        try ExampleRunner.materialize(Example(files: files), at: url)
        if git {
            try write(".git/HEAD", "ref: refs/heads/main\n")
            try write(".git/refs/heads/main", String(repeating: "ab", count: 20) + "\n")
        }
    }

    func write(_ path: String, _ text: String) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    var path: String { url.path }

    func audit(checklists: [URL] = []) throws -> AuditResult {
        try Auditor.run(AuditOptions(repository: url, checklistDirectories: checklists))
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

extension AuditResult {
    func check(_ id: String) -> CheckResult? { checks.first { $0.check.id == id } }
    func status(_ id: String) -> Status? { check(id)?.status }
    func capabilityStatus(_ id: String) -> Status? { capabilities.first { $0.capability.id == id }?.status }
    var holdingCapabilities: [String] { capabilities.filter(\.holds).map(\.capability.id) }
}

/// Where the package lives, for fixtures and golden files.
enum PackagePaths {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let tests = root.appendingPathComponent("Tests/RipenKitTests")
    static let fixtures = tests.appendingPathComponent("Fixtures")
    static let golden = tests.appendingPathComponent("Golden")
}
