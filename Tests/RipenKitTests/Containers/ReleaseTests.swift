import Foundation
import Testing
@testable import RipenKit

/// The release a user downloads: `scripts/release` builds it, the archive is reproducible, and the binary
/// runs in a bare Debian container with no Swift, unpacked and as the container image. Runs in the
/// container pass of ./scripts/test (it builds ripen in release mode and starts a Docker daemon).
@Suite(.serialized) struct ReleaseTests {
    @Test func theReleaseRunsWithoutSwiftAndIsReproducible() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("ripen-release-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let start = Date()
        let release = try RipenBinary.run([RipenVersion.current, output.path],
                                          executable: PackagePaths.root.appendingPathComponent("scripts/release"),
                                          directory: PackagePaths.root)
        #expect(release.status == 0, "\(release.stderr.suffix(3000))")
        print("release: scripts/release in \(String(format: "%.0f", Date().timeIntervalSince(start))) s: \(release.stdout)")
        let arch = try RipenBinary.run(["-m"], executable: URL(fileURLWithPath: "/usr/bin/uname")).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let name = "ripen-\(RipenVersion.current)-linux-\(arch == "aarch64" ? "aarch64" : "x86_64")"
        let archive = output.appendingPathComponent("\(name).tar.gz")
        let checksum = try String(contentsOf: output.appendingPathComponent("\(name).tar.gz.sha256"), encoding: .utf8)
        let verified = try RipenBinary.run(["--check", "--strict", "\(name).tar.gz.sha256"], executable: try Tool.path("sha256sum"),
                                           directory: output)
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")

        // Again: the same bytes.
        let again = try RipenBinary.run([RipenVersion.current, output.path],
                                        executable: PackagePaths.root.appendingPathComponent("scripts/release"),
                                        directory: PackagePaths.root)
        #expect(again.status == 0)
        #expect(try String(contentsOf: output.appendingPathComponent("\(name).tar.gz.sha256"), encoding: .utf8) == checksum,
                "the archive is reproducible")

        // What is inside, and that the completions and man page parse.
        let unpacked = output.appendingPathComponent("unpacked")
        try FileManager.default.createDirectory(at: unpacked, withIntermediateDirectories: true)
        _ = try Tool.run("tar", ["-xzf", archive.path, "-C", unpacked.path])
        let root = unpacked.appendingPathComponent(name)
        let listing = try Tool.run("tar", ["-tvzf", archive.path]).stdout
        #expect(!listing.contains("root/root") && listing.split(separator: "\n").allSatisfy { $0.contains("0/0") }, "numeric owners only")
        for (shell, file) in [("bash", "share/bash-completion/completions/ripen"), ("zsh", "share/zsh/site-functions/_ripen"),
                              ("fish", "share/fish/vendor_completions.d/ripen.fish")] {
            let checked = try Tool.run(shell, ["-n", root.appendingPathComponent(file).path])
            #expect(checked.status == 0, "\(shell) -n \(file): \(checked.stderr)")
        }
        let manual = try String(contentsOf: root.appendingPathComponent("share/man/man1/ripen.1"), encoding: .utf8)
        #expect(manual.hasPrefix(".TH RIPEN 1") && manual.contains(".SH RIPEN AUDIT"))
        let size = try FileManager.default.attributesOfItem(atPath: archive.path)[.size] as? Int ?? 0
        print("release: \(name).tar.gz is \(size / 1_000_000) MB")

        // In a bare Debian container: no Swift, only what the base has.
        let docker = try DockerHarness()
        defer { docker.stop() }
        try docker.baseImage()
        try """
            FROM ripen-test/debian:bookworm
            COPY \(name) /opt/ripen
            """.write(to: unpacked.appendingPathComponent("Dockerfile"), atomically: true, encoding: .utf8)
        try docker.build("ripen-test/unpacked", context: unpacked)
        // A repository of its own (an example inside ripen's checkout would borrow ripen's .git).
        let fixture = try TemporaryRepository(LevelFixtures.level2, git: true)
        let example = fixture.path
        let noSwift = try docker.docker(["run", "--rm", "--network", "none", "ripen-test/unpacked", "sh", "-c", "command -v swift || echo none"])
        #expect(noSwift.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "none")
        let version = try docker.docker(["run", "--rm", "--network", "none", "ripen-test/unpacked", "/opt/ripen/bin/ripen", "--version"])
        #expect(version.stdout.hasPrefix("\(RipenVersion.current) (checklists sha256 "), "\(version.stdout)\(version.stderr)")
        let audit = try docker.docker(["run", "--rm", "--network", "none", "-v", "\(example):/repo:ro", "ripen-test/unpacked",
                                       "/opt/ripen/bin/ripen", "audit", "/repo", "--format", "json"])
        #expect(audit.status == 0, "\(audit.stderr)")
        let local = try RipenBinary.run(["audit", example, "--format", "json"])
        #expect(Self.level(audit.stdout) == 2 && Self.level(local.stdout) == 2, "\(audit.stdout.prefix(300))")
        let generated = try docker.docker(["run", "--rm", "--network", "none", "ripen-test/unpacked", "sh", "-c",
                                           "/opt/ripen/bin/ripen generate all --target local --out /tmp/out && ls /tmp/out/tracking-server"])
        #expect(generated.status == 0 && generated.stdout.contains("docker-compose.yml"), "\(generated.stdout)\(generated.stderr)")

        // The container image, from the release and scripts/container/Dockerfile, on the stand-in base.
        let context = output.appendingPathComponent("image")
        try FileManager.default.copyItem(at: root, to: context)
        try docker.must(try docker.docker(["build", "--quiet", "--network", "none", "--build-arg", "BASE=ripen-test/debian:bookworm",
                                           "--file", PackagePaths.root.appendingPathComponent("scripts/container/Dockerfile").path,
                                           "--tag", "ripen-test/ripen", context.path], environment: ["DOCKER_BUILDKIT": "0"]), "image build")
        let image = try docker.docker(["run", "--rm", "--network", "none", "-v", "\(example):/repo:ro", "ripen-test/ripen", "audit", "/repo", "--format", "json"])
        #expect(image.status == 0 && Self.level(image.stdout) == Self.level(local.stdout), "\(image.stderr)")
        let user = try docker.docker(["run", "--rm", "--entrypoint", "id", "ripen-test/ripen", "-u"])
        #expect(user.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "10001", "runs as a non-root user")
    }

    static func level(_ json: String) -> Int? {
        (try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])?["level"] as? Int
    }
}

/// The action and the release workflow match GitHub's schemas.
@Suite struct ReleaseMetadataTests {
    @Test func actionAndReleaseWorkflowMatchGitHubsSchemas() throws {
        let action = try Tool.run("check-jsonschema", ["--builtin-schema", "vendor.github-actions",
                                                       PackagePaths.root.appendingPathComponent("action.yml").path])
        #expect(action.status == 0, "\(action.stdout)\(action.stderr)")
        let workflow = try Tool.run("check-jsonschema", ["--builtin-schema", "vendor.github-workflows",
                                                         PackagePaths.root.appendingPathComponent(".github/workflows/release.yml").path])
        #expect(workflow.status == 0, "\(workflow.stdout)\(workflow.stderr)")
        let text = try String(contentsOf: PackagePaths.root.appendingPathComponent(".github/workflows/release.yml"), encoding: .utf8)
        for line in text.split(separator: "\n") where line.contains("uses:") {
            #expect(line.range(of: "@[0-9a-f]{40}  # v", options: .regularExpression) != nil, "pinned by commit: \(line)")
        }
        let dockerfile = try Tool.run("hadolint", [PackagePaths.root.appendingPathComponent("scripts/container/Dockerfile").path])
        #expect(dockerfile.status == 0, "\(dockerfile.stdout)")
    }
}
