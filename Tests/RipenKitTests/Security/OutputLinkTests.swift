import Foundation
import Testing
@testable import RipenKit

/// F2: a repository (or any output folder) can plant symbolic links where ripen writes: `FILE.new`,
/// `.ripen/`, `.ripen/manifest.json`, `.ripen/bootstrap.log`. None of them may be written through.
@Suite struct OutputLinkTests {
    let scratch: URL

    init() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ripen-f2-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    func victim() throws -> URL {
        let url = scratch.appendingPathComponent("victim.txt")
        try "precious user file\n".write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func aPlantedNewFileLinkIsNotWrittenThrough() throws {
        defer { try? FileManager.default.removeItem(at: scratch) }
        let victim = try victim()
        let out = scratch.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        // The user's own environment.yml (a "change"), and environment.yml.new pointing at the victim.
        try "name: mine\n".write(to: out.appendingPathComponent("environment.yml"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(at: out.appendingPathComponent("environment.yml.new"), withDestinationURL: victim)
        let output = try RipenBinary.run(["generate", "env", "--target", "local", "--out", out.path])
        #expect(try String(contentsOf: victim, encoding: .utf8) == "precious user file\n")
        #expect(output.status != 0, "the link is reported, not silently skipped: \(output.stdout)")
        #expect(output.stderr.contains("environment.yml.new"), "\(output.stderr)")
    }

    @Test func aRipenFolderLinkKeepsTheManifestInside() throws {
        defer { try? FileManager.default.removeItem(at: scratch) }
        let elsewhere = scratch.appendingPathComponent("elsewhere")
        let out = scratch.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: out.appendingPathComponent(".ripen"), withDestinationURL: elsewhere)
        let output = try RipenBinary.run(["generate", "env", "--target", "local", "--out", out.path])
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty, "the manifest went through the link")
        #expect(output.status != 0)
    }

    @Test func aDanglingManifestLinkIsAnErrorNotACrash() throws {
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out.appendingPathComponent(".ripen"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent(".ripen/manifest.json").path,
                                                   withDestinationPath: scratch.appendingPathComponent("nowhere").path)
        let output = try RipenBinary.run(["generate", "env", "--target", "local", "--out", out.path])
        #expect(output.status == 2, "\(output.status) \(output.stderr)")
    }

    /// F10: `-o` inside a checkout the repository controls (the action writes fixed names there).
    @Test func outputRefusesALinkTheRepositoryShips() throws {
        defer { try? FileManager.default.removeItem(at: scratch) }
        let victim = try victim()
        let report = scratch.appendingPathComponent("ripen-report.md")
        try FileManager.default.createSymbolicLink(at: report, withDestinationURL: victim)
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let output = try RipenBinary.run(["audit", root.appendingPathComponent("examples/taxi-duration").path,
                                          "--format", "markdown", "--output", report.path])
        #expect(output.status == 2, "\(output.stderr)")
        #expect(output.stderr.contains("symbolic link"))
        #expect(try String(contentsOf: victim, encoding: .utf8) == "precious user file\n")
    }

    @Test func theBootstrapLogIsNeverAppendedThroughALink() throws {
        defer { try? FileManager.default.removeItem(at: scratch) }
        let victim = try victim()
        let folder = scratch.appendingPathComponent("boot/.ripen")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let log = folder.appendingPathComponent("bootstrap.log")
        try FileManager.default.createSymbolicLink(at: log, withDestinationURL: victim)
        #expect(throws: BootstrapError.self) { try BootstrapLog(url: log) }
        // The folder itself as a link.
        let linked = scratch.appendingPathComponent("boot2")
        try FileManager.default.createDirectory(at: linked, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: linked.appendingPathComponent(".ripen"), withDestinationURL: scratch)
        #expect(throws: BootstrapError.self) { try BootstrapLog(url: linked.appendingPathComponent(".ripen/bootstrap.log")) }
        #expect(try String(contentsOf: victim, encoding: .utf8) == "precious user file\n")
    }
}
