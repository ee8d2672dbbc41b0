import Foundation
import Testing
@testable import RipenKit

/// `ripen plan`: exactly the gaps and the next level's missing capabilities, in an order that puts first
/// what others need, and generators that, once applied, are credited by the audit.
@Suite(.serialized) struct PlanTests {
    static let fixtures: [(String, [String: String], Bool)] = [
        ("level0", LevelFixtures.level0, false), ("level1", LevelFixtures.level1GitHub, true),
        ("level2", LevelFixtures.level2, true), ("level3", LevelFixtures.level3, true), ("level4", LevelFixtures.level4, true),
    ]

    @Test func planListsTheGapsAndTheNextLevelsMissingCapabilities() throws {
        let catalogue = try Catalogue.load()
        for (name, files, git) in Self.fixtures {
            let repo = try TemporaryRepository(files, git: git)
            let result = try repo.audit()
            let plan = Planner.plan(result, catalogue: catalogue)
            let missing = result.capabilities.filter { $0.capability.level == result.level + 1 && !$0.holds }.map(\.capability.id)
            let expected = Set(result.gaps.map(\.capability)).union(missing)
            #expect(Set(plan.steps.map(\.capability)) == expected, "\(name)")
            #expect(plan.steps.filter { $0.kind == .gap }.map(\.checkID) == result.gaps.map(\.checkID), "\(name): every gap, in order")
            // What a step needs comes first.
            for (index, step) in plan.steps.enumerated() {
                for before in catalogue.capability(step.capability)?.after ?? [] {
                    if let other = plan.steps.firstIndex(where: { $0.capability == before }) {
                        #expect(other < index, "\(name): \(before) before \(step.capability)")
                    }
                }
            }
            #expect(plan.steps == plan.steps.sorted { $0.level < $1.level } || plan.steps.map(\.level) == plan.steps.map(\.level).sorted(),
                    "\(name): level by level")
            // The CLI prints the same plan.
            let json = try RipenBinary.run(["plan", repo.path, "--format", "json"])
            let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            let steps = document["steps"] as? [[String: Any]] ?? []
            #expect(steps.map { $0["check"] as? String } == plan.steps.map(\.checkID))
        }
    }

    @Test func aFurtherTargetPlansEveryLevelOnTheWay() throws {
        let repo = try TemporaryRepository(LevelFixtures.level1GitHub, git: true)
        let result = try repo.audit()
        let plan = Planner.plan(result, catalogue: try Catalogue.load(), to: 4)
        #expect(Set(plan.steps.filter { $0.kind == .next }.map(\.level)) == [2, 3, 4])
        let serving = try #require(plan.steps.firstIndex { $0.capability == "model-serving" })
        let deployment = try #require(plan.steps.firstIndex { $0.capability == "continuous-deployment" })
        #expect(serving < deployment, "serving before the release that deploys it")
    }

    @Test func everyGeneratorItNamesRunsAndTheAuditCreditsWhatItWrote() throws {
        for (name, files, git) in Self.fixtures {
            let repo = try TemporaryRepository(files, git: git)
            let before = try repo.audit()
            let plan = Planner.plan(before, catalogue: try Catalogue.load(), to: 4)
            for stack in plan.stacks {
                let target = stack.targets.contains(.local) ? "local" : stack.targets[0].rawValue
                let out = repo.url.appendingPathComponent(".scratch-\(stack.rawValue)").path
                let generated = try RipenBinary.run(["generate", stack.rawValue, "--target", target, "--out", out])
                #expect(generated.status == 0, "\(name): ripen generate \(stack.rawValue): \(generated.stderr)")
                try FileManager.default.removeItem(atPath: out)
            }
            // The fixture's own files that a generator would write stay the user's (FILE.new beside them):
            // here they go first, so everything the plan names is generated and can be credited.
            let context = try GenerationContext(catalog: ProvisioningCatalog.load(), options: GenerationOptions(target: .local))
            for file in try Generation.files(plan.stacks.filter { $0.targets.contains(.local) }, context: context) {
                try? FileManager.default.removeItem(at: repo.url.appendingPathComponent(file.path))
            }
            let applied = try RipenBinary.run(["plan", repo.path, "--to", "4", "--apply"])
            #expect(applied.status == 0, "\(name): \(applied.stderr)")
            let after = try repo.audit()
            for step in plan.steps where step.command != nil && Stack(command: step.command!)?.targets.contains(.local) == true {
                let check = try #require(after.check(step.checkID))
                guard check.check.signal.leaves.allSatisfy({ if case .probe = $0 { false } else { true } }) else { continue }
                #expect(check.status == .pass, "\(name): after --apply, \(step.checkID) (\(step.command!)) still \(check.status)")
            }
        }
    }

    @Test func applyKeepsTheUsersFiles() throws {
        let repo = try TemporaryRepository(LevelFixtures.level0, git: false)
        try repo.write("environment.yml", "name: mine\n")
        let applied = try RipenBinary.run(["plan", repo.path, "--to", "2", "--apply"])
        #expect([0, 3].contains(applied.status), "\(applied.stderr)")
        #expect(try String(contentsOf: repo.url.appendingPathComponent("environment.yml"), encoding: .utf8) == "name: mine\n")
        let refused = try RipenBinary.run(["plan", repo.path, "--out", "x"])
        #expect(refused.status == 2 && refused.stderr.contains("--apply"))
    }
}
