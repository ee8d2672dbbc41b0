import Foundation

/// Runs a check's examples: each is written out as a small repository and audited for real.
public enum ExampleRunner {
    public struct Failure: Sendable, CustomStringConvertible {
        public var check: Check
        public var kind: String
        public var index: Int
        public var expected: Status
        public var actual: Status
        public var reason: String?

        public var description: String {
            let detail = reason.map { " (\($0))" } ?? ""
            return "\(check.location): check '\(check.id)': example \(kind)[\(index)] should \(expected == .pass ? "pass" : "fail") but got \(actual.rawValue)\(detail)"
        }
    }

    /// Problems with the examples themselves: missing ones, unsafe paths.
    public static func problems(_ check: Check) -> [SpecIssue] {
        var issues: [SpecIssue] = []
        let examples = check.examples ?? Examples(pass: [], fail: [])
        if examples.pass.isEmpty { issues.append(check.location.issue("check '\(check.id)' has no passing example")) }
        if examples.fail.isEmpty { issues.append(check.location.issue("check '\(check.id)' has no failing example")) }
        for example in examples.pass + examples.fail {
            for path in example.files.keys.sorted() where !isSafe(path) {
                issues.append(check.location.issue("check '\(check.id)': example path '\(path)' must be relative and stay inside the example"))
            }
        }
        return issues
    }

    /// Runs every example of `check` against `catalogue`; returns those that did not turn out as declared.
    public static func run(_ check: Check, in catalogue: Catalogue) -> [Failure] {
        guard let examples = check.examples else { return [] }
        let single = catalogue.filtered { $0.id == check.id }
        var failures: [Failure] = []
        for (kind, expected, list) in [("pass", Status.pass, examples.pass), ("fail", Status.fail, examples.fail)] {
            for (index, example) in list.enumerated() {
                let actual = (try? evaluate(example, catalogue: single)) ?? nil
                if actual?.status != expected {
                    failures.append(Failure(check: check, kind: kind, index: index, expected: expected,
                                            actual: actual?.status ?? .notAssessed, reason: actual?.reason))
                }
            }
        }
        return failures
    }

    static func evaluate(_ example: Example, catalogue: Catalogue) throws -> CheckResult? {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("ripen-example-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try materialize(example, at: root)
        let listing = RepositoryWalker(roles: FileRoleFilter(roles: catalogue.roles.filter(\.contains.isEmpty), exclude: []))
            .walk(root: root.path)
        let result = Auditor.evaluate(catalogue, configuration: RepositoryConfiguration(), listing: listing,
                                      root: root, maxFileSize: 2 << 20, probes: example.probeOutcomes,
                                      answers: Answers(example.answers, source: "example"))
        return result.checks.first
    }

    /// Writes an example's files under `root`.
    public static func materialize(_ example: Example, at root: URL) throws {
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for (path, text) in example.files.sorted(by: { $0.key < $1.key }) where isSafe(path) {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    static func isSafe(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.split(separator: "/").contains("..")
    }
}
