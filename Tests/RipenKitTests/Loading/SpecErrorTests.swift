import Foundation
import Testing
@testable import RipenKit

/// Each malformed checklist under Fixtures/specs/invalid names, in its first line, the one error it must give.
@Suite struct SpecErrorTests {
    static let directory = PackagePaths.fixtures.appendingPathComponent("specs/invalid")
    static let fixtures: [String] = (try? FileManager.default.contentsOfDirectory(atPath: directory.path))?
        .filter { $0.hasSuffix(".yaml") }.sorted() ?? []

    struct Case {
        let folder: URL
        let file: String
        let expected: String
    }

    /// Copies the fixture alone into a folder, and reads the message it expects.
    static func prepare(_ name: String) throws -> Case {
        let source = directory.appendingPathComponent(name)
        let text = try String(contentsOf: source, encoding: .utf8)
        let header = try #require(text.split(separator: "\n").first)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ripen-spec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(name).path
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let expected = file + ":" + header.dropFirst("# expect: ".count).replacingOccurrences(of: "${FILE}", with: file)
        return Case(folder: folder, file: file, expected: expected)
    }

    @Test func thereAreFixtures() { #expect(Self.fixtures.count >= 10) }

    @Test(arguments: SpecErrorTests.fixtures)
    func loaderReportsPathLineColumn(_ name: String) throws {
        let fixture = try Self.prepare(name)
        defer { try? FileManager.default.removeItem(at: fixture.folder) }
        do {
            _ = try Catalogue.load(extraDirectories: [fixture.folder])
            Issue.record("\(name) loaded without error")
        } catch {
            #expect(error.issues.map(\.description) == [fixture.expected])
        }
    }

    @Test(arguments: SpecErrorTests.fixtures)
    func cliExitsTwoWithTheMessageAndNothingOnStdout(_ name: String) throws {
        let fixture = try Self.prepare(name)
        defer { try? FileManager.default.removeItem(at: fixture.folder) }
        let repository = try TemporaryRepository(["train.py": "print(1)\n"])
        let output = try RipenBinary.run(["audit", repository.path, "--checklists", fixture.folder.path])
        #expect(output.status == 2)
        #expect(output.stdout.isEmpty)
        #expect(output.stderr == fixture.expected + "\n")
    }

    @Test func validateReportsEveryProblemAtOnce() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ripen-spec-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["wrong-type.yaml", "invalid-regex.yaml", "unknown-key.yaml"] {
            try FileManager.default.copyItem(at: Self.directory.appendingPathComponent(name),
                                             to: folder.appendingPathComponent(name))
        }
        let output = try RipenBinary.run(["validate", folder.path])
        #expect(output.status == 2)
        let lines = output.stderr.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.contains { $0.hasSuffix("invalid-regex.yaml:11:18: checks[0].signal.content.pattern: invalid regular expression 'mlflow\\.(log_'") })
    }

    @Test func yamlOfTheWrongShapeAtTheTop() throws {
        #expect(throws: SpecErrors.self) { try ChecklistLoader.parse(text: "- just\n- a list\n", file: "x.yaml") }
        do {
            _ = try ChecklistLoader.parse(text: "- just\n- a list\n", file: "x.yaml")
        } catch {
            #expect(error.description == "x.yaml:1:1: expected a mapping at the top level, found a sequence")
        }
    }
}
