import Foundation
import Testing
@testable import RipenKit

/// F9: the audited repository named checklists in its `.ripen.yaml` that redefined the ladder, so a
/// one-file repository reported level 4 and passed `--fail-under 4`. A repository's own checklists may
/// add checks; they may not redefine levels, capabilities, command classes or roles, nor override a
/// built-in check, unless the person running ripen allows it; every format says what they brought.
@Suite struct RepositoryLadderTests {
    static let ladder = """
        levels:
          - {level: 1, name: "DevOps but no MLOps", requires: []}
          - {level: 2, name: "Automated Training", requires: []}
          - {level: 3, name: "Automated Deployment", requires: []}
          - {level: 4, name: "Full MLOps Automated Operations", requires: []}

        """

    @Test func aRepositoryCannotRedefineTheLadder() throws {
        let repo = try TemporaryRepository([".ripen.yaml": "checklists: [ops]\n", "a.py": "print(1)\n", "ops/l.yaml": Self.ladder])
        let gated = try RipenBinary.run(["audit", repo.path, "--fail-under", "4"])
        #expect(gated.status == 2, "\(gated.stdout)")
        #expect(gated.stderr.contains("ops/l.yaml:1:1: 'levels' redefines the maturity ladder"), "\(gated.stderr)")
        #expect(gated.stderr.contains("--trust-repository-checklists"))

        // Allowed by the person running it: the report says which rules came from the repository.
        let trusted = try RipenBinary.run(["audit", repo.path, "--trust-repository-checklists", "--no-color"])
        #expect(trusted.status == 0, "\(trusted.stderr)")
        #expect(trusted.stdout.contains("rules from the repository's own checklists: level 1, level 2, level 3, level 4"), "\(trusted.stdout)")
    }

    @Test func aRepositoryCannotOverrideABuiltInCheckOrCommandClass() throws {
        let override = """
            checks:
              - id: ci-pipeline
                level: 1
                capability: ci
                title: Anything is CI
                why: Because.
                remedy: {text: None.}
                signal: {files: ["a.py"]}
            commands:
              - id: test
                title: tests
                command: ['^echo\\b']

            """
        let repo = try TemporaryRepository([".ripen.yaml": "checklists: [ops]\n", "a.py": "print(1)\n", "ops/c.yaml": override])
        let output = try RipenBinary.run(["audit", repo.path])
        #expect(output.status == 2)
        #expect(output.stderr.contains("check 'ci-pipeline' overrides a built-in check"), "\(output.stderr)")
        #expect(output.stderr.contains("command class 'test' redefines a built-in class"), "\(output.stderr)")
    }

    @Test func aRepositoryMayAddChecksAndEveryFormatSaysSo() throws {
        let added = """
            checks:
              - id: team-model-card
                level: 2
                capability: model-registry
                title: The team writes a model card
                why: Reviewers read it.
                remedy: {text: Write MODEL_CARD.md.}
                signal: {files: ["MODEL_CARD.md"]}

            """
        let repo = try TemporaryRepository([".ripen.yaml": "checklists: [ops]\n", "MODEL_CARD.md": "# Card\n", "ops/c.yaml": added])
        let json = try RipenBinary.run(["audit", repo.path, "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(document?["repositoryRules"] as? [String] == ["team-model-card"])
        let markdown = try RipenBinary.run(["audit", repo.path, "--format", "markdown"])
        #expect(markdown.stdout.contains("Rules from the repository's own checklists: `team-model-card`"), "\(markdown.stdout)")
        let text = try RipenBinary.run(["audit", repo.path, "--no-color"])
        #expect(text.stdout.contains("rules from the repository's own checklists: team-model-card"), "\(text.stdout)")
    }
}
