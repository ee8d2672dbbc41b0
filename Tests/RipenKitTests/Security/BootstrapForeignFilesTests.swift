import Foundation
import Testing
@testable import RipenKit

/// F3: `ripen bootstrap` run inside a repository (the default `--out` is `.`) kept the repository's
/// own `requirements.txt` and `tracking-server/start-tracking-server.sh` as "yours" and then installed
/// and ran them. Bootstrap runs what ripen wrote, or stops and shows the difference.
@Suite struct BootstrapForeignFilesTests {
    @Test func aRepositorysOwnSetupFilesStopBootstrapWithTheirDifference() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ripen-f3-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let repo = scratch.appendingPathComponent("repo")
        let marker = scratch.appendingPathComponent("ran")
        try FileManager.default.createDirectory(at: repo.appendingPathComponent("tracking-server"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: scratch.appendingPathComponent("home"), withIntermediateDirectories: true)
        try "./evil-0.1-py3-none-any.whl\n".write(to: repo.appendingPathComponent("requirements.txt"), atomically: true, encoding: .utf8)
        try "#!/bin/sh\necho ran > \(marker.path)\n".write(to: repo.appendingPathComponent("tracking-server/start-tracking-server.sh"),
                                                       atomically: true, encoding: .utf8)
        let output = try RipenBinary.run(["bootstrap", "--yes"], environment: ["HOME": scratch.appendingPathComponent("home").path],
                                         directory: repo)
        #expect(output.status == 2, "\(output.stdout)\n\(output.stderr)")
        #expect(output.stderr.contains("requirements.txt, tracking-server/start-tracking-server.sh in \(repo.path) differ"), "\(output.stderr)")
        #expect(output.stderr.contains("--use-existing"))
        #expect(output.stderr.contains("-./evil-0.1-py3-none-any.whl"), "the difference is shown: \(output.stderr)")
        // Nothing ran and nothing was written beside the repository's files.
        #expect(!FileManager.default.fileExists(atPath: marker.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: repo.path).sorted() == ["requirements.txt", "tracking-server"])
        #expect(!output.stdout.contains("[1/"), "no step started: \(output.stdout)")
    }
}
