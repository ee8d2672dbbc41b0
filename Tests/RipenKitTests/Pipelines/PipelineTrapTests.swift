import Foundation
import Testing
@testable import RipenKit

/// The precision traps a line-by-line view cannot avoid, each judged right by the model.
@Suite struct PipelineTrapTests {
    /// A scheduled lint workflow and a manually run training workflow are not scheduled training.
    @Test func conditionsMeetInOneJobNotAcrossTheRepository() throws {
        let repo = try TemporaryRepository([
            ".github/workflows/lint.yml": "on:\n  schedule:\n    - cron: '0 3 * * *'\njobs:\n  lint:\n    steps:\n      - run: ruff check .\n",
            ".github/workflows/train.yml": "on: workflow_dispatch\njobs:\n  train:\n    steps:\n      - run: python train.py\n",
            "train.py": "from sklearn.linear_model import Ridge\nRidge().fit(X, y)\n",
        ], git: true)
        let result = try repo.audit()
        #expect(result.status("scheduled-training") == .fail)
        #expect(result.status("training-in-ci") == .pass)
    }

    /// A command list that prints after it tests still tests.
    @Test func echoAfterTheTestsIsStillCI() throws {
        let repo = try TemporaryRepository([
            ".github/workflows/ci.yml": "on: [push]\njobs:\n  t:\n    steps:\n      - run: pytest && echo ok\n",
        ], git: true)
        let result = try repo.audit()
        #expect(result.status("ci-pipeline") == .pass)
        #expect(result.status("ci-runs-tests") == .pass)
        #expect(result.check("ci-runs-tests")?.evidence.first?.text == "test (job 't', on push): pytest")
    }

    /// A script named like the tests that only prints does not run them.
    @Test func aScriptIsJudgedByWhatItDoes() throws {
        let repo = try TemporaryRepository([
            ".github/workflows/ci.yml": "on: [push]\njobs:\n  t:\n    steps:\n      - run: ./run_tests.sh\n",
            "run_tests.sh": "#!/bin/sh\necho \"all tests pass\"\n",
        ], git: true)
        let result = try repo.audit()
        #expect(result.status("ci-runs-tests") == .fail)
        #expect(result.check("ci-runs-tests")?.reason?.contains(".github/workflows/ci.yml: 1 job, runs nothing recognised, on push") == true)
    }

    /// A workflow that runs only on version tags is a release, not CI.
    @Test func aTagOnlyReleaseIsNotCI() throws {
        let repo = try TemporaryRepository([
            ".github/workflows/release.yml": "on:\n  push:\n    tags: ['v*']\njobs:\n  release:\n    steps:\n      - run: pytest\n      - run: docker build -t app .\n",
        ], git: true)
        let result = try repo.audit()
        #expect(result.status("ci-pipeline") == .fail)
        #expect(result.check("ci-pipeline")?.reason?.contains("on tag") == true)
    }

    /// Fixtures, golden files and a checklist's examples are data: they show other teams' practice.
    @Test func dataFilesAreNotEvidence() throws {
        let repo = try TemporaryRepository([
            "Tests/Fixtures/team/.github/workflows/ci.yml": "on: push\njobs:\n  t:\n    steps:\n      - run: pytest\n",
            "Tests/Fixtures/team/train.py": "import mlflow\nwith mlflow.start_run():\n    mlflow.log_metric('rmse', 1.0)\n",
            "Tests/Golden/report.json": "{\"evidence\": \"mlflow.register_model(uri, 'churn')\"}\n",
            "rules/level-2.yaml": "checks:\n  - id: tracking\n    examples:\n      pass:\n        - files:\n            train.py: |\n              import mlflow\n              mlflow.log_metric('a', 1)\n",
            "Sources/tool.swift": "print(1)\n",
        ], git: true)
        let result = try repo.audit()
        #expect(result.capabilityStatus("experiment-tracking") != .pass)
        #expect(result.status("ci-pipeline") == .fail)
        #expect(result.level == 0)
    }

    /// ripen's own repository: a Swift tool with a tag-only release workflow, fixtures, goldens and
    /// checklists full of other teams' examples. A reviewer gives it level 0.
    @Test func ripenOnItsOwnRepository() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let output = try RipenBinary.run(["audit", root.path, "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(report["level"] as? Int == 0, "\(output.stderr)")
        let checks = try #require(report["checks"] as? [[String: Any]])
        let ci = try #require(checks.first { $0["id"] as? String == "ci-pipeline" })
        #expect(ci["status"] as? String == "fail")
        #expect((ci["reason"] as? String)?.contains(".github/workflows/release.yml") == true)
    }
}
