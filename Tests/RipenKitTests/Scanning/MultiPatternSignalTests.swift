import Foundation
import Testing
@testable import RipenKit

/// Signals that span lines: every pattern must match within one scope, and each match is evidence.
@Suite struct MultiPatternSignalTests {
    static func checklist(_ signal: String) -> String {
        """
        checks:
          - id: drift-retrains
            level: 4
            capability: automated-retraining
            title: Drift triggers retraining
            why: Test.
            remedy: {text: Test.}
            signal:
        \(signal.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n"))
        """
    }

    func audit(_ files: [String: String], signal: String) throws -> CheckResult? {
        var files = files
        files["ops/checks/test.yaml"] = Self.checklist(signal)
        files[".ripen.yaml"] = "checklists: [ops/checks]\nonly: [drift-retrains]\n"
        return try TemporaryRepository(files).audit().check("drift-retrains")
    }

    @Test func fileScopeNeedsEveryPatternInTheSameFile() throws {
        let signal = "content:\n  paths: ['**/*.py']\n  patterns: ['detect_drift\\(', 'trigger_training\\(']"
        let together = try audit([
            "monitor.py": "import x\nscore = detect_drift(ref, cur)\nif score > 0.3:\n    trigger_training()\n",
        ], signal: signal)
        #expect(together?.status == .pass)
        #expect(together?.evidence == [
            Evidence(path: "monitor.py", line: 2, text: "score = detect_drift(ref, cur)"),
            Evidence(path: "monitor.py", line: 4, text: "trigger_training()"),
        ])
        let apart = try audit([
            "monitor.py": "score = detect_drift(ref, cur)\n",
            "train.py": "def go():\n    trigger_training()\n",
        ], signal: signal)
        #expect(apart?.status == .fail)
        #expect(apart?.reason?.contains("no file has lines matching all of /detect_drift\\(/, /trigger_training\\(/ in 2 files") == true)
    }

    @Test func yamlScopeNeedsEveryPatternInOneNode() throws {
        let signal = "content:\n  paths: ['.github/workflows/*.yml']\n  within: {yaml: 'jobs.*'}\n  patterns: ['drift', 'python train\\.py']"
        let oneJob = try audit([".github/workflows/loop.yml": """
            on: {schedule: [{cron: "0 6 * * *"}]}
            jobs:
              lint:
                steps:
                  - run: ruff check .
              retrain:
                steps:
                  - run: python check_drift.py
                  - run: python train.py
            """], signal: signal)
        #expect(oneJob?.status == .pass)
        #expect(oneJob?.evidence.map(\.line) == [8, 9])
        let twoJobs = try audit([".github/workflows/loop.yml": """
            on: push
            jobs:
              monitor:
                steps:
                  - run: python check_drift.py
              train:
                steps:
                  - run: python train.py
            """], signal: signal)
        #expect(twoJobs?.status == .fail)
        #expect(twoJobs?.reason?.contains("no YAML node 'jobs.*' has lines matching all of") == true)
    }

    @Test func cellScopeNeedsEveryPatternInOneCell() throws {
        let signal = "content:\n  paths: ['**/*.ipynb']\n  within: cell\n  patterns: ['detect_drift\\(', 'trigger_training\\(']"
        func notebook(_ cells: [String]) -> String {
            let items = cells.map { "{\"cell_type\": \"code\", \"source\": [\(String(reflecting: $0))]}" }
            return "{\"cells\": [\(items.joined(separator: ", "))], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}"
        }
        let one = try audit(["loop.ipynb": notebook(["d = detect_drift(a, b)\nif d: trigger_training()\n"])], signal: signal)
        #expect(one?.status == .pass)
        #expect(one?.evidence.map(\.cell) == [1, 1])
        let split = try audit(["loop.ipynb": notebook(["d = detect_drift(a, b)\n", "trigger_training()\n"])], signal: signal)
        #expect(split?.status == .fail)
        // The file scope accepts the same notebook: the patterns meet across cells.
        let fileSignal = "content:\n  paths: ['**/*.ipynb']\n  patterns: ['detect_drift\\(', 'trigger_training\\(']"
        let across = try audit(["loop.ipynb": notebook(["d = detect_drift(a, b)\n", "trigger_training()\n"])], signal: fileSignal)
        #expect(across?.evidence.map(\.cell) == [1, 2])
    }

    /// A literal that occurs more often than the prefilter records must not hide a later match.
    @Test func manyOccurrencesBeforeTheMatchStillFindIt() throws {
        let signal = "content:\n  paths: ['**/*.py']\n  pattern: '^mlflow\\.log_metric\\(\"rmse\"'"
        // Each noise line holds the required literal but does not match (the pattern is anchored).
        let noise = String(repeating: "x = mlflow.log_metric(\"rmse\", 1)\n", count: 80)
        let result = try audit(["train.py": noise + "mlflow.log_metric(\"rmse\", 5.0)\n"], signal: signal)
        #expect(result?.status == .pass)
        #expect(result?.evidence.first?.line == 81)
    }

    @Test func patternAndPatternsAreExclusive() throws {
        let text = Self.checklist("content:\n  paths: ['**/*.py']\n  pattern: 'a'\n  patterns: ['b']")
        #expect(throws: SpecErrors.self) { _ = try ChecklistLoader.parse(text: text, file: "x.yaml") }
        let scope = Self.checklist("content:\n  paths: ['**/*.py']\n  within: job\n  patterns: ['a', 'b']")
        do {
            _ = try ChecklistLoader.parse(text: scope, file: "x.yaml")
            Issue.record("an unknown scope was accepted")
        } catch {
            #expect("\(error)".contains("unknown scope 'job' (expected file, cell or {yaml: KEY.PATH})"))
        }
    }
}
