import Foundation
import Testing
@testable import RipenKit

/// Regenerating never loses a user's work, and says what it did; through the CLI, as a user runs it.
@Suite struct RegenerationTests {
    final class Output {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ripen-regenerate-\(UUID().uuidString)")
        var path: String { url.path }
        func file(_ relative: String) -> String { url.appendingPathComponent(relative).path }
        func read(_ relative: String) throws -> String { try String(contentsOfFile: file(relative), encoding: .utf8) }
        func write(_ relative: String, _ text: String) throws { try text.write(toFile: file(relative), atomically: true, encoding: .utf8) }
        deinit { try? FileManager.default.removeItem(at: url) }
    }

    /// An environments folder that overrides the built-in exp-tracking with one changed pin.
    static func changedEnvironments() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ripen-envs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let original = try String(contentsOf: PackagePaths.root.appendingPathComponent("environments/exp-tracking.yaml"), encoding: .utf8)
        try original.replacingOccurrences(of: "seaborn==0.13.2", with: "seaborn==0.13.1")
            .write(to: folder.appendingPathComponent("exp-tracking.yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test func regenerationUpdatesKeepsAndReports() throws {
        let out = Output()
        let first = try RipenBinary.run(["generate", "env", "tracking-server", "--out", out.path])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("create   environment.yml"))
        #expect(FileManager.default.fileExists(atPath: out.file(".ripen/manifest.json")))
        let secret = try out.read("tracking-server/.env")

        // Same inputs again: nothing changes, not even the secrets.
        let again = try RipenBinary.run(["generate", "env", "tracking-server", "--out", out.path])
        #expect(again.status == 0)
        #expect(again.stdout.contains("unchanged environment.yml"))
        #expect(again.stdout.contains("kept-secret tracking-server/.env"))
        #expect(try out.read("tracking-server/.env") == secret)

        // The user edits one file and deletes another; the environment's source changes.
        try out.write("requirements.txt", try out.read("requirements.txt") + "my-own-package==1.0\n")
        try FileManager.default.removeItem(atPath: out.file("tracking-server/Dockerfile"))
        let environments = try Self.changedEnvironments()
        defer { try? FileManager.default.removeItem(at: environments) }
        let arguments = ["generate", "env", "tracking-server", "--out", out.path, "--environments", environments.path]

        // --dry-run shows the diff and writes nothing.
        let before = try out.read("environment.yml")
        let dry = try RipenBinary.run(arguments + ["--dry-run"])
        #expect(dry.status == 0)
        #expect(dry.stdout.contains("--- a/environment.yml\n+++ b/environment.yml\n"))
        #expect(dry.stdout.contains("-      - \"seaborn==0.13.2\"\n+      - \"seaborn==0.13.1\"\n"))
        #expect(dry.stderr.contains("would update: environment.yml"))
        #expect(dry.stderr.contains("would write .new beside your changed file: requirements.txt"))
        #expect(dry.stderr.contains("would keep deleted: tracking-server/Dockerfile"))
        #expect(try out.read("environment.yml") == before)
        #expect(!FileManager.default.fileExists(atPath: out.file("requirements.txt.new")))

        // --check: drift is exit 1; after writing, the only pending items are the user's own.
        let check = try RipenBinary.run(arguments + ["--check"])
        #expect(check.status == 1)

        let second = try RipenBinary.run(arguments)
        #expect(second.status == 3, "user-changed files kept: exit 3\n\(second.stdout)\(second.stderr)")
        #expect(second.stdout.contains("update   environment.yml"))
        #expect(try out.read("environment.yml").contains("seaborn==0.13.1"))
        #expect(second.stdout.contains("kept     requirements.txt (you changed it; the new version is requirements.txt.new)"))
        #expect(try out.read("requirements.txt").contains("my-own-package==1.0"))
        #expect(try out.read("requirements.txt.new").contains("seaborn==0.13.1"))
        #expect(second.stdout.contains("kept     tracking-server/Dockerfile deleted"))
        #expect(!FileManager.default.fileExists(atPath: out.file("tracking-server/Dockerfile")))

        // The user's change is still seen as theirs on the next run; --force takes over.
        let third = try RipenBinary.run(arguments)
        #expect(third.status == 3)
        let forced = try RipenBinary.run(arguments + ["--force"])
        #expect(forced.status == 0)
        #expect(forced.stdout.contains("overwrite requirements.txt"))
        #expect(!(try out.read("requirements.txt")).contains("my-own-package"))
        #expect(FileManager.default.fileExists(atPath: out.file("tracking-server/Dockerfile")))
        #expect(try RipenBinary.run(arguments + ["--check"]).status == 0)
    }

    @Test func aFileThatWasNeverRipensIsNotOverwritten() throws {
        let out = Output()
        try FileManager.default.createDirectory(at: out.url, withIntermediateDirectories: true)
        try out.write("requirements.txt", "flask==3.0.0\n")
        let result = try RipenBinary.run(["generate", "env", "--out", out.path])
        #expect(result.status == 3)
        #expect(try out.read("requirements.txt") == "flask==3.0.0\n")
        #expect(FileManager.default.fileExists(atPath: out.file("requirements.txt.new")))
    }

    @Test func pathsNeverEscapeTheOutputDirectory() throws {
        let out = Output()
        try FileManager.default.createDirectory(at: out.url, withIntermediateDirectories: true)
        let writer = GenerationWriter(output: out.url)
        for path in ["../outside.txt", "/etc/passwd", "a/../../b", "", "a//b", "./a"] {
            #expect(throws: GenerationError.unsafePath(path)) { try writer.write([GeneratedFile(path, "x\n")]) }
        }
        // Nor through a symbolic link inside it.
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("ripen-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }
        try FileManager.default.createSymbolicLink(atPath: out.file("linked"), withDestinationPath: outside.path)
        #expect(throws: GenerationError.unsafePath("linked/file.txt")) { try writer.write([GeneratedFile("linked/file.txt", "x\n")]) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty)
    }

    @Test func sameInputsGiveByteIdenticalFiles() throws {
        for options in Configurations.all {
            let context = try GenerationContext(catalog: ProvisioningCatalog.load(), options: options)
            let one = try Generation.files(Generation.stacks(for: options.target), context: context).filter { !$0.secret }
            let two = try Generation.files(Generation.stacks(for: options.target), context: context).filter { !$0.secret }
            #expect(one == two)
            let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
            for file in one {
                #expect(!file.contents.contains(today), "a timestamp in \(file.path)")
            }
        }
    }

    /// Golden files for one full configuration (EC2, exp-tracking); `RIPEN_RECORD=1` rewrites them.
    @Test(arguments: ["ec2/setup.sh", "ec2/user-data.yaml", "ec2/cloudformation.yaml", "tracking-server/docker-compose.yml",
                      "tracking-server/Dockerfile", "tracking-server/start-tracking-server.sh", "environment.yml",
                      ".github/workflows/ripen.yml", "tracking-server/client.env"])
    func generatedFilesMatchGolden(_ path: String) throws {
        let context = try GenerationContext(catalog: ProvisioningCatalog.load(), options: GenerationOptions(target: .ec2))
        let file = try #require(try Generation.files(Generation.stacks(for: .ec2), context: context).first { $0.path == path })
        try Golden.check(file.contents, "generate/ec2/\(path)")
    }
}
