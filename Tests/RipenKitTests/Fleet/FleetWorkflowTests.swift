import Foundation
import Testing
import Yams
@testable import RipenKit

/// The fleet workflow (`ripen generate fleet --target github-actions`), run as the runner would: each matrix
/// job's audit script, the artifacts gathered as download-artifact merges them, then the report job's
/// merge script. What comes out is the organisation report a single fleet audit gives.
@Suite(.serialized) struct FleetWorkflowTests {
    /// The `run:` script of the step named `name` in `job`.
    static func script(_ workflow: Node, job: String, step name: String) throws -> String {
        let steps = try #require(workflow["jobs"]?[job]?["steps"]?.sequence)
        let step = try #require(steps.first { $0["name"]?.string == name }, "no step '\(name)' in \(job)")
        return try #require(step["run"]?.string)
    }

    @Test func theMatrixAndTheMergeRebuildTheOrganisationReport() throws {
        let org = try FleetTests.Organisation()
        let tree = try GeneratedTree([.fleet], options: GenerationOptions(target: .githubActions, settings: ["shards": "4"]))
        let workflow = try #require(try Yams.compose(yaml: try tree.text(".github/workflows/ripen-fleet.yml")))
        #expect(workflow["jobs"]?["audit"]?["strategy"]?["matrix"]?["shard"]?.sequence?.compactMap(\.int) == [1, 2, 3, 4])
        #expect(workflow["jobs"]?["report"]?["needs"]?.string == "audit")
        let audit = try Self.script(workflow, job: "audit", step: "Audit this shard of the repositories")
        let merge = try Self.script(workflow, job: "report", step: "Merge the shards")

        // The runner: the checkout holds ripen-repos.txt; ripen is where the build step puts it.
        let runner = org.scratch.appendingPathComponent("runner")
        let release = runner.appendingPathComponent("temp/ripen/.build/release")
        try FileManager.default.createDirectory(at: release, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: release.appendingPathComponent("ripen"), withDestinationURL: RipenBinary.url)
        let workspace = runner.appendingPathComponent("workspace")
        try FileManager.default.createDirectory(at: workspace.appendingPathComponent("shards"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: try org.listFile(), to: workspace.appendingPathComponent("ripen-repos.txt"))
        let bash = try Tool.path("bash")
        let environment = ["RUNNER_TEMP": runner.appendingPathComponent("temp").path, "TMPDIR": org.scratch.path]
        for shard in 1...4 {
            let output = try RipenBinary.run(["-e", "-c", audit], executable: bash,
                                             environment: environment.merging(["SHARD": "\(shard)"]) { $1 }, directory: workspace)
            #expect(output.status == 0, "shard \(shard): an unreadable repository must not fail the job: \(output.stderr)")
            // download-artifact with merge-multiple puts every shard's file in one folder.
            try FileManager.default.moveItem(at: workspace.appendingPathComponent("fleet-\(shard).json"),
                                             to: workspace.appendingPathComponent("shards/fleet-\(shard).json"))
        }
        let merged = try RipenBinary.run(["-e", "-c", merge], executable: bash, environment: environment, directory: workspace)
        #expect(merged.status == 2, "the report job fails when a repository could not be audited: \(merged.stderr)")
        let report = workspace.appendingPathComponent("report")
        let names = try FileManager.default.contentsOfDirectory(atPath: report.path).sorted()
        #expect(names == ["ripen-fleet.csv", "ripen-fleet.html", "ripen-fleet.json", "ripen-fleet.md"])
        let whole = try org.ripen(["audit", "--repos", try org.listFile().path, "--format", "json"])
        #expect(try String(contentsOf: report.appendingPathComponent("ripen-fleet.json"), encoding: .utf8) == whole.stdout)
    }

    @Test func optionsShapeTheWorkflowAndItIsGolden() throws {
        let tree = try GeneratedTree([.fleet], options: GenerationOptions(target: .githubActions))
        try Golden.check(try tree.text(".github/workflows/ripen-fleet.yml"), "generate/github-actions/ripen-fleet.yml")
        let daily = try GeneratedTree([.fleet], options: GenerationOptions(target: .githubActions,
                                                                           settings: ["shards": "16", "schedule": "none"]))
        let workflow = try #require(try Yams.compose(yaml: try daily.text(".github/workflows/ripen-fleet.yml")))
        #expect(workflow["jobs"]?["audit"]?["strategy"]?["matrix"]?["shard"]?.sequence?.count == 16)
        #expect(workflow["on"]?["schedule"] == nil && workflow["on"]?.mapping?.keys.contains("workflow_dispatch") == true)
        // Every action pinned by commit; the token only from a secret.
        let text = try daily.text(".github/workflows/ripen-fleet.yml")
        for line in text.split(separator: "\n") where line.contains("uses:") {
            #expect(line.range(of: "@[0-9a-f]{40}  # v", options: .regularExpression) != nil, "\(line)")
        }
        #expect(text.contains("RIPEN_GIT_TOKEN: ${{ secrets.RIPEN_FLEET_TOKEN }}"))
        #expect(throws: GenerationError.self) {
            _ = try GeneratedTree([.fleet], options: GenerationOptions(target: .local))
        }
    }
}
