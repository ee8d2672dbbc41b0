import Foundation
import Testing
@testable import RipenKit

/// The low findings of the security review (L2, L4-L8), each through the binary where it was seen there.
@Suite struct LowFindingsTests {
    let scratch: URL

    init() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ripen-lows-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    /// L1: `.git` as a link, a `gitdir:` or `commondir` naming any folder: a hex first line of a file
    /// outside the tree was echoed as the commit.
    @Test func gitMetadataIsReadOnlyInsideGitFolders() throws {
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outside = scratch.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        let secret = String(repeating: "0123456789abcdef", count: 4).prefix(40)
        try "\(secret)\n".write(to: outside.appendingPathComponent("HEAD"), atomically: true, encoding: .utf8)
        func commit(of repo: URL) throws -> String? {
            let output = try RipenBinary.run(["audit", repo.path, "--format", "json"])
            let document = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
            return (document?["repository"] as? [String: Any])?["commit"] as? String
        }
        let viaGitdir = scratch.appendingPathComponent("a")
        try FileManager.default.createDirectory(at: viaGitdir, withIntermediateDirectories: true)
        try "gitdir: \(outside.path)\n".write(to: viaGitdir.appendingPathComponent(".git"), atomically: true, encoding: .utf8)
        #expect(try commit(of: viaGitdir) == nil)
        let viaLink = scratch.appendingPathComponent("b")
        try FileManager.default.createDirectory(at: viaLink, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: viaLink.appendingPathComponent(".git"), withDestinationURL: outside)
        #expect(try commit(of: viaLink) == nil)
        // A real one still reads.
        let real = try TemporaryRepository(["a.py": "x = 1\n"], git: true)
        #expect(try commit(of: real.url) == String(repeating: "ab", count: 20))
    }

    /// L2: a URL given where a path belongs was echoed with its password; an `@` inside a password left
    /// its tail showing.
    @Test func credentialsAreNeverPrinted() throws {
        defer { try? FileManager.default.removeItem(at: scratch) }
        for command in ["audit", "history", "plan"] {
            let output = try RipenBinary.run([command, "https://alice:S3CRET-1@127.0.0.1:1/org/repo.git"])
            #expect(output.status != 0)
            #expect(!(output.stdout + output.stderr).contains("S3CRET"), "\(command): \(output.stderr)")
        }
        #expect(Redaction.scrub("https://alice:p@ssW0RD-TAIL@host/r.git") == "https://***@host/r.git")
    }

    /// L4: SARIF took the raw path as a URI: a folder named `file:` made an absolute file URI.
    @Test func sarifURIsAreRelativeReferences() throws {
        defer { try? FileManager.default.removeItem(at: scratch) }
        let repo = try TemporaryRepository(["mlruns/0/meta.yaml": "x\n", "file:/etc/shadow#1 ?.pkl": "\0"])
        let output = try RipenBinary.run(["audit", repo.path, "--format", "sarif"])
        #expect(output.stdout.contains(#""uri" : "file%3A/etc/shadow%231%20%3F.pkl""#), "\(output.stdout)")
        #expect(!output.stdout.contains(#""uri" : "file:"#))
    }

    /// L5: a newline in an environment's description ended its comment line in environment.yml.
    @Test func aDescriptionStaysInItsComment() throws {
        defer { try? FileManager.default.removeItem(at: scratch) }
        let environments = scratch.appendingPathComponent("envs")
        try FileManager.default.createDirectory(at: environments, withIntermediateDirectories: true)
        try "name: demo\ndescription: \"Demo\\nvariables: {PIP_INDEX_URL: https://evil.example/simple}\\n#\"\npython: \"3.12\"\npip: [mlflow==3.17.2]\n"
            .write(to: environments.appendingPathComponent("demo.yaml"), atomically: true, encoding: .utf8)
        let out = scratch.appendingPathComponent("gen")
        let output = try RipenBinary.run(["generate", "env", "--env", "demo", "--environments", environments.path, "--out", out.path])
        #expect(output.status == 0, "\(output.stderr)")
        let yaml = try String(contentsOf: out.appendingPathComponent("environment.yml"), encoding: .utf8)
        #expect(!yaml.split(separator: "\n").contains { $0.hasPrefix("variables:") }, "\(yaml)")
        #expect(yaml.contains("# Demo variables: {PIP_INDEX_URL: https://evil.example/simple} #."), "\(yaml)")
    }

    /// L6: init-secrets.sh wrote the secrets through a planted `.env.tmp` link into a world-readable file.
    @Test func initSecretsWritesOnlyAFileOfItsOwn() throws {
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("ts")
        #expect(try RipenBinary.run(["generate", "tracking-server", "--out", out.path]).status == 0)
        let folder = out.appendingPathComponent("tracking-server")
        try? FileManager.default.removeItem(at: folder.appendingPathComponent(".env"))
        let leak = scratch.appendingPathComponent("leak.txt")
        FileManager.default.createFile(atPath: leak.path, contents: nil, attributes: [.posixPermissions: 0o644])
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent(".env.tmp"), withDestinationURL: leak)
        let run = try Tool.run("bash", [folder.appendingPathComponent("init-secrets.sh").path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try Data(contentsOf: leak).isEmpty)
        let env = folder.appendingPathComponent(".env")
        let attributes = try FileManager.default.attributesOfItem(atPath: env.path)
        #expect(attributes[.type] as? FileAttributeType == .typeRegular)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    /// L7: a relative PATH entry let `--infra` run a `conda` the audited folder ships.
    @Test func relativePathEntriesAreNeverSearched() throws {
        defer { try? FileManager.default.removeItem(at: scratch) }
        let repo = scratch.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
        let marker = scratch.appendingPathComponent("conda-ran")
        let conda = repo.appendingPathComponent("conda")
        try "#!/bin/sh\ntouch \(marker.path)\necho conda 1.0\n".write(to: conda, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: conda.path)
        let path = ".:" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        _ = try RipenBinary.run(["audit", ".", "--infra"], environment: ["PATH": path, "CONDA_EXE": "conda"], directory: repo)
        #expect(!FileManager.default.fileExists(atPath: marker.path))
        #expect(ExternalProcess.find("conda", path: ".:relative/bin") == nil)
    }

    /// L8: `-o` over a 0600 file left it 0644.
    @Test func replacingAFileKeepsItAsPrivateAsItWas() throws {
        defer { try? FileManager.default.removeItem(at: scratch) }
        let report = scratch.appendingPathComponent("p.json")
        FileManager.default.createFile(atPath: report.path, contents: Data("old\n".utf8), attributes: [.posixPermissions: 0o600])
        let output = try RipenBinary.run(["audit", PackagePaths.root.appendingPathComponent("examples/taxi-duration").path,
                                          "--format", "json", "-o", report.path])
        #expect(output.status == 0, "\(output.stderr)")
        let mode = try FileManager.default.attributesOfItem(atPath: report.path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        #expect(try String(contentsOf: report, encoding: .utf8).hasPrefix("{"))
    }
}
