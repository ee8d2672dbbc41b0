import Foundation
import Testing
@testable import RipenKit

@Suite struct ConfigurationTests {
    @Test func disableAndOnlySelectChecks() throws {
        var files = LevelFixtures.level1GitHub
        files[".ripen.yaml"] = "disable: [ci-builds-image, pinned-dependencies]\n"
        let repo = try TemporaryRepository(files, git: true)
        let result = try repo.audit()
        #expect(result.check("ci-builds-image") == nil)
        #expect(result.capabilityStatus("pinned-dependencies") == nil)

        try repo.write(".ripen.yaml", "only: [git-repository, ci-pipeline, ci-runs-tests]\n")
        let only = try repo.audit()
        #expect(only.checks.map(\.check.id) == ["git-repository", "ci-pipeline", "ci-runs-tests"])
        #expect(only.level == 1)
    }

    @Test func unknownIDsAndBadShapesAreErrors() throws {
        let repo = try TemporaryRepository([".ripen.yaml": "disable: [no-such-check]\n"])
        #expect(throws: AuditError.self) { try repo.audit() }
        do {
            _ = try repo.audit()
        } catch {
            #expect("\(error)".hasSuffix(".ripen.yaml:1:1: 'no-such-check' names no check or capability"))
        }
        try repo.write(".ripen.yaml", "notApplicable:\n  - model-serving\n")
        do {
            _ = try repo.audit()
            Issue.record("a list where a mapping belongs was accepted")
        } catch {
            #expect("\(error)".hasSuffix(".ripen.yaml:2:3: notApplicable: expected a mapping, found a sequence"))
        }
        try repo.write(".ripen.yaml", "checklists: [../elsewhere]\n")
        #expect(throws: AuditError.self) { try repo.audit() }
    }

    /// A platform team's checklist, named by the repository, adds a check; replacing a built-in check
    /// by id needs the auditor's consent (--trust-repository-checklists), since a repository must not
    /// rewrite the rules it is scored by.
    @Test func repositoryChecklistsOverrideAndExtend() throws {
        var files = LevelFixtures.level1GitHub
        files[".ripen.yaml"] = "checklists: [ops/checks]\n"
        files["ops/checks/team.yaml"] = """
            checks:
              - id: ci-pipeline
                level: 1
                capability: ci
                title: Our CI runs on pull requests only
                why: Team rule.
                remedy: {text: Trigger on pull_request.}
                signal:
                  yaml: {paths: [".github/workflows/*.yml"], key: on.pull_request}
              - id: team-codeowners
                level: 1
                capability: version-control
                title: CODEOWNERS names reviewers
                why: Every change is reviewed.
                remedy: {text: Add .github/CODEOWNERS.}
                signal: {files: [".github/CODEOWNERS"]}
            """.dedented
        let repo = try TemporaryRepository(files, git: true)
        #expect(throws: AuditError.self) { try repo.audit() }
        let result = try Auditor.run(AuditOptions(repository: repo.url, trustRepositoryChecklists: true))
        #expect(result.repositoryRules == ["ci-pipeline", "team-codeowners"])
        #expect(result.check("ci-pipeline")?.check.title == "Our CI runs on pull requests only")
        #expect(result.check("ci-pipeline")?.evidence == [Evidence(path: ".github/workflows/ci.yml", line: 5, text: "pull_request:")])
        #expect(result.status("team-codeowners") == .fail)
        #expect(result.capabilityStatus("version-control") == .pass)
    }

    @Test func probeAndAnswerSignalsAreNotAssessedWithTheWayToAssessThem() throws {
        let folder = try TemporaryRepository([
            "live.yaml": """
                checks:
                  - id: live-server
                    level: 2
                    capability: central-tracking
                    title: The tracking server answers
                    why: Central tracking.
                    remedy: {text: Run one.}
                    signal: {probe: mlflow-server-reachable}
                  - id: release-owner
                    level: 3
                    capability: continuous-deployment
                    title: A pipeline, not a person, owns releases
                    why: Microsoft's model, level 3 model release.
                    remedy: {text: Let CI/CD release.}
                    signal:
                      answer: {id: release-managed-by-pipeline, question: Is each model release managed by a CI/CD pipeline?}
                """.dedented,
        ])
        let repo = try TemporaryRepository(LevelFixtures.level1GitHub, git: true)
        let result = try repo.audit(checklists: [folder.url])
        #expect(result.status("live-server") == .notAssessed)
        #expect(result.check("live-server")?.reason == "probe 'mlflow-server-reachable' not run: pass --tracking-uri URL (or MLFLOW_TRACKING_URI)")
        #expect(result.status("release-owner") == .notAssessed)
        #expect(result.check("release-owner")?.attested == false, "nothing was attested yet")
        #expect(result.capabilityStatus("central-tracking") == .notAssessed)
    }

    @Test func commitIsReadFromGitWithoutRunningIt() throws {
        let hash = String(repeating: "0123456789", count: 4)
        let repo = try TemporaryRepository(["x.py": "", ".git/HEAD": "ref: refs/heads/dev\n",
                                            ".git/packed-refs": "# pack-refs with: peeled\n\(hash) refs/heads/dev\n"])
        #expect(GitInfo.headCommit(repository: repo.url) == hash)
        try repo.write(".git/HEAD", "fedcba9876fedcba9876fedcba9876fedcba9876\n")
        #expect(GitInfo.headCommit(repository: repo.url) == "fedcba9876fedcba9876fedcba9876fedcba9876")
    }
}
