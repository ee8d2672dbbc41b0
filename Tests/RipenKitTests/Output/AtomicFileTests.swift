import Foundation
import Testing
@testable import RipenKit

/// `--output` to something that is not a plain file: a device or a FIFO is written in place (a rename
/// over `/dev/null` would replace the device with a file for every program on the machine), and a
/// symbolic link keeps pointing where it pointed.
@Suite struct AtomicFileTests {
    @Test func aFIFOIsWrittenThroughNotReplaced() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ripen-atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("pipe")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let received = folder.appendingPathComponent("received")
        // A reader on the other end, as a shell's `ripen audit -o >(…)` or a log collector would be.
        let reader = Process()
        reader.executableURL = try Tool.path("sh")
        reader.arguments = ["-c", "cat \"$1\" > \"$2\"", "sh", fifo.path, received.path]
        try reader.run()
        try AtomicFile.write(Data("report\n".utf8), to: fifo)
        reader.waitUntilExit()
        var info = stat()
        #expect(lstat(fifo.path, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO, "still a FIFO")
        #expect(try String(contentsOf: received, encoding: .utf8) == "report\n")
    }

    @Test func aSymbolicLinkKeepsPointingAtItsTarget() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ripen-atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("reports/latest.json")
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("old\n".utf8).write(to: target)
        let link = folder.appendingPathComponent("report.json")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        try AtomicFile.write(Data("new\n".utf8), to: link)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == target.path)
        #expect(try String(contentsOf: target, encoding: .utf8) == "new\n")
    }

    @Test func devNullStaysADevice() throws {
        let output = try RipenBinary.run(["audit", PackagePaths.root.appendingPathComponent("examples/taxi-duration").path,
                                          "--format", "json", "--output", "/dev/null"])
        #expect(output.status == 0, "\(output.stderr)")
        var info = stat()
        #expect(lstat("/dev/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR, "/dev/null is still a character device")
    }
}
