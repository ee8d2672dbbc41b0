import Foundation
import Testing
@testable import RipenKit

/// Environments and playbooks are data with the same located errors as checklists.
@Suite struct ProvisioningSpecTests {
    static func load(environment text: String? = nil, playbook: String? = nil) throws(SpecErrors) -> ProvisioningCatalog {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ripen-spec-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        if let text { try? text.write(to: folder.appendingPathComponent("custom.yaml"), atomically: true, encoding: .utf8) }
        if let playbook { try? playbook.write(to: folder.appendingPathComponent("custom.yaml"), atomically: true, encoding: .utf8) }
        return try ProvisioningCatalog.load(environmentDirectories: text == nil ? [] : [folder],
                                            playbookDirectories: playbook == nil ? [] : [folder])
    }

    static func message(environment: String? = nil, playbook: String? = nil) -> String {
        do {
            _ = try load(environment: environment, playbook: playbook)
            return "no error"
        } catch {
            return error.issues.map { "\(URL(fileURLWithPath: $0.file).lastPathComponent):\($0.line):\($0.column): \($0.message)" }.joined(separator: "\n")
        }
    }

    @Test func builtInsLoad() throws {
        let catalog = try ProvisioningCatalog.load()
        #expect(catalog.environments.map(\.name) == ["exp-tracking", "monitoring", "serving", "tracking-server"])
        #expect(catalog.playbooks.map(\.name) == ["codespaces", "ec2", "github-actions", "kubernetes", "local"])
        let expTracking = try catalog.environment("exp-tracking")
        for package in ["mlflow", "jupyterlab", "scikit-learn", "pandas", "pyarrow", "seaborn", "hyperopt", "xgboost", "boto3"] {
            #expect(expTracking.pipVersion(package) != nil, "\(package)")
        }
    }

    @Test func errorsNameFileLineAndColumn() {
        #expect(Self.message(environment: "name: x\ndescription: d\npython: \"3.12\"\npip:\n  - mlflow\n")
                == "custom.yaml:5:5: pip[0]: 'mlflow' is not pinned to one version (write it as mlflow==3.17.2)")
        #expect(Self.message(environment: "name: x\ndescription: d\npython: 3.12\npip: [a==1\n")
                .hasPrefix("custom.yaml:5:1: "))
        #expect(Self.message(environment: "name: x\ndescription: d\npython: \"3.12\"\npackages: []\n")
                == "custom.yaml:4:1: packages: unknown key 'packages'")
        #expect(Self.message(playbook: "name: p\ntarget: ec2\ndescription: d\nsteps:\n  - name: s\n    run: echo hi\n")
                == "custom.yaml:5:5: steps[0]: step 's' has no guard: give `creates: PATH` or `unless: COMMAND`")
        #expect(Self.message(playbook: "name: p\ntarget: mars\ndescription: d\nsteps: []\n")
                .hasPrefix("custom.yaml:2:9: target: unknown target 'mars'"))
        #expect(Self.message(playbook: """
        name: p
        target: ec2
        description: d
        steps:
          - name: s
            run: bash "$DOWNLOAD"
            creates: /x
            download: {url: "https://example.com/i.sh", sha256: "abc"}
        """).hasPrefix("custom.yaml:8:"))
    }

    @Test func aUserFolderOverridesABuiltInByName() throws {
        let catalog = try Self.load(environment: "name: exp-tracking\ndescription: ours\npython: \"3.11\"\npip: [\"mlflow==3.17.2\"]\n")
        #expect(try catalog.environment("exp-tracking").description == "ours")
        #expect(catalog.environments.count == 4)
    }

    @Test func cliReportsSpecErrorsWithExitTwo() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ripen-spec-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "name: bad\ndescription: d\npython: \"3.12\"\nconda: [numpy]\n".write(to: folder.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        let result = try RipenBinary.run(["generate", "env", "--environments", folder.path, "--out", folder.appendingPathComponent("out").path])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("bad.yaml:4:9: conda[0]: 'numpy' is not pinned to one version (write it as pip=25.2)"), "\(result.stderr)")
        let unknown = try RipenBinary.run(["generate", "devcontainer", "--target", "ec2", "--out", folder.path])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("stack 'devcontainer' is not for target 'ec2'"))
    }
}
