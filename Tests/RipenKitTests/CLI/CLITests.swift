import Foundation
import Testing
@testable import RipenKit

/// Runs the built binary and checks stdout, stderr and the exit code separately.
@Suite struct CLITests {
    static let example = PackagePaths.root.appendingPathComponent("examples/taxi-duration").path

    @Test func helpDocumentsExitCodes() throws {
        let output = try RipenBinary.run(["--help"])
        #expect(output.status == 0)
        #expect(output.stdout.contains("EXIT CODES"))
        #expect(output.stdout.contains("2  usage error, or invalid input"))
        let audit = try RipenBinary.run(["audit", "--help"])
        #expect(audit.stdout.contains("--fail-under <LEVEL>"))
    }

    @Test func auditsTheBundledExampleByDefault() throws {
        let output = try RipenBinary.run(["audit", Self.example])
        #expect(output.status == 0)
        #expect(output.stdout.hasPrefix("Level 2 · Automated Training · 2."))
        #expect(output.stdout.contains("Next steps (toward level 3)"))
        #expect(!output.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")
        #expect(output.stderr.isEmpty)
        // The default subcommand is audit, and the default path is the current directory.
        let implicit = try RipenBinary.run([], directory: URL(fileURLWithPath: Self.example))
        #expect(implicit.stdout.hasPrefix("Level 2 · Automated Training"))
    }

    @Test func failUnderGatesTheExitCode() throws {
        let below = try RipenBinary.run(["audit", Self.example, "--fail-under", "3", "--format", "json"])
        #expect(below.status == 1)
        #expect(below.stderr == "ripen: level 2 is below --fail-under 3\n")
        #expect(below.stdout.contains("\"level\" : 2"))
        let met = try RipenBinary.run(["audit", Self.example, "--fail-under", "2"])
        #expect(met.status == 0)
        let invalid = try RipenBinary.run(["audit", Self.example, "--fail-under", "9"])
        #expect(invalid.status == 2)
        #expect(invalid.stdout.isEmpty)
        #expect(invalid.stderr.contains("--fail-under takes a level from 0 to 4"))
    }

    @Test func usageAndInputErrorsExitTwo() throws {
        let missing = try RipenBinary.run(["audit", "/nonexistent/repo"])
        #expect(missing.status == 2)
        #expect(missing.stdout.isEmpty)
        #expect(missing.stderr == "/nonexistent/repo: no such directory to audit\n")
        let unknownFlag = try RipenBinary.run(["audit", "--frobnicate"])
        #expect(unknownFlag.status == 2)
        let badFormat = try RipenBinary.run(["audit", "--format", "xml"])
        #expect(badFormat.status == 2)
    }

    @Test func colourFollowsFlagsAndNoColor() throws {
        let forced = try RipenBinary.run(["audit", Self.example, "--color"])
        #expect(forced.stdout.contains("\u{1B}[32m✓"))
        let noColor = try RipenBinary.run(["audit", Self.example], environment: ["NO_COLOR": "1"])
        #expect(!noColor.stdout.contains("\u{1B}["))
    }

    @Test func writesTheReportToAFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ripen-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("report.md")
        try "old".write(to: file, atomically: true, encoding: .utf8)
        let output = try RipenBinary.run(["audit", Self.example, "--format", "markdown", "-o", file.path])
        #expect(output.status == 0)
        #expect(output.stdout.isEmpty)
        #expect(try String(contentsOf: file, encoding: .utf8).hasPrefix("## ripen · Level 2"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["report.md"])
    }

    @Test func theBinaryAloneStillAudits() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ripen-bin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let copy = directory.appendingPathComponent("ripen")
        try FileManager.default.copyItem(at: RipenBinary.url, to: copy)
        let output = try RipenBinary.run(["audit", Self.example, "--format", "json"], executable: copy, directory: directory)
        #expect(output.status == 0)
        #expect(output.stdout.contains("\"tracking-mlflow\""))
    }

    @Test func listExplainValidate() throws {
        let list = try RipenBinary.run(["list", "checks"])
        #expect(list.status == 0)
        #expect(list.stdout.split(separator: "\n").count == CatalogueTests.catalogue.checks.count)
        let json = try RipenBinary.run(["list", "checks", "--json"])
        let decoded = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        #expect(decoded?.first { $0["id"] as? String == "tracking-mlflow" }?["patterns"] != nil)
        let levels = try RipenBinary.run(["list", "levels"])
        #expect(levels.stdout.contains("2  Automated Training  requires: experiment-tracking, training-pipeline or model-registry"))

        let explain = try RipenBinary.run(["explain", "cd-deploys-model"])
        #expect(explain.status == 0)
        #expect(explain.stdout.contains("Why it matters"))
        #expect(explain.stdout.contains("capability: continuous-deployment"))
        // The shapes it recognises, as the lines it points at in its passing examples, and the traps it rejects.
        #expect(explain.stdout.contains("Shapes it recognises"))
        #expect(explain.stdout.contains(".github/workflows/cd.yml:7  deploy (job 'deploy', on push): uses: google-github-actions/deploy-cloudrun@v2"))
        #expect(explain.stdout.contains("Traps it rejects"))
        #expect(explain.stdout.contains("./scripts/deploy_docs.sh"))
        let unknown = try RipenBinary.run(["explain", "tracking"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("did you mean: "))

        let validate = try RipenBinary.run(["validate"])
        #expect(validate.status == 0)
        let catalogue = CatalogueTests.catalogue
        let examples = catalogue.checks.reduce(0) { $0 + ($1.examples?.pass.count ?? 0) + ($1.examples?.fail.count ?? 0) }
            + catalogue.commandClasses.reduce(0) { $0 + ($1.examples?.match.count ?? 0) + ($1.examples?.miss.count ?? 0) }
            + catalogue.roles.reduce(0) { $0 + ($1.examples?.data.count ?? 0) + ($1.examples?.practice.count ?? 0) }
        #expect(validate.stdout == "\(catalogue.checks.count) checks, \(examples) examples run, 0 problems\n")
    }
}
