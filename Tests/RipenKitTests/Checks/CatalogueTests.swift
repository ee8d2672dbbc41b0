import Foundation
import Testing
@testable import RipenKit

@Suite struct CatalogueTests {
    static let catalogue = try! Catalogue.load()

    @Test func builtInCatalogueCoversEveryLevel() throws {
        let catalogue = Self.catalogue
        #expect(catalogue.checks.count >= 40)
        #expect(catalogue.levels.map(\.level) == [0, 1, 2, 3, 4])
        for level in 1...4 {
            let definition = try #require(catalogue.level(level))
            #expect(!definition.requires.isEmpty, "level \(level) has no required capability")
            for id in definition.requiredCapabilities {
                #expect(catalogue.checks.contains { $0.capability == id }, "required capability \(id) has no check")
            }
        }
        // Level-0 warning signs from the issue.
        for id in ["no-committed-model-binaries", "no-committed-mlruns", "not-notebook-only"] {
            #expect(catalogue.check(id)?.level == 0)
        }
    }

    @Test func everyCapabilityOfTheDesignHasAChecks() {
        let expected = [
            "version-control", "ci", "tests-in-ci", "unit-tests", "pinned-dependencies", "modular-code", "automated-build",
            "experiment-tracking", "central-tracking", "training-pipeline", "model-registry", "reproducible-environment",
            "continuous-deployment", "model-serving", "model-tests", "serving-container", "integration-tests",
            "infrastructure-as-code", "registry-promotion", "data-versioning", "progressive-rollout",
            "model-monitoring", "automated-retraining", "centralised-metrics", "alerting", "zero-downtime",
        ]
        for id in expected {
            #expect(Self.catalogue.checks.contains { $0.capability == id }, "no check evidences \(id)")
        }
    }

    @Test func levelTwoNeedsTrackingAndEitherPipelineOrRegistry() throws {
        let level = try #require(Self.catalogue.level(2))
        #expect(level.requires == [.capability("experiment-tracking"), .anyOf(["training-pipeline", "model-registry"])])
    }

    @Test func everyCheckHasBothKindsOfExample() {
        for check in Self.catalogue.checks {
            #expect(ExampleRunner.problems(check).isEmpty, "\(check.id): \(ExampleRunner.problems(check))")
        }
    }

    @Test func checklistHashIsStable() throws {
        let again = try Catalogue.load()
        #expect(again.sha256 == Self.catalogue.sha256)
        #expect(Self.catalogue.sha256.count == 64)
    }

    /// Every example of every shipped check, audited for real on a written-out tree.
    @Test(arguments: CatalogueTests.catalogue.checks.map(\.id))
    func examplesHold(_ id: String) throws {
        let check = try #require(Self.catalogue.check(id))
        let failures = ExampleRunner.run(check, in: Self.catalogue)
        #expect(failures.isEmpty, "\(failures.map(\.description).joined(separator: "\n"))")
    }

    /// Live and attested checks' examples pass only because they declare the probe or the answer; without
    /// them the same check must say "not assessed", never pass or fail on the files alone.
    @Test func probeAndAnswerChecksAreNotAssessedWithoutTheirAnswers() throws {
        let live = Self.catalogue.checks.filter { check in
            check.signal.leaves.allSatisfy { leaf in
                switch leaf {
                case .probe, .answer: true
                default: false
                }
            }
        }
        #expect(live.count >= 10)
        for check in live {
            let single = Self.catalogue.filtered { $0.id == check.id }
            let bare = try ExampleRunner.evaluate(Example(files: ["README.md": "mlflow server, prometheus, docker\n"]),
                                                  catalogue: single)
            #expect(bare?.status == .notAssessed, "\(check.id) decided without its probe or answer")
        }
    }
}
