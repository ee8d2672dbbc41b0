/// One problem in a spec file, printed the way compilers print diagnostics: `PATH:LINE:COLUMN: message`.
public struct SpecIssue: Error, Sendable, Hashable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(file):\(line):\(column): \(message)" }

    public static func < (lhs: SpecIssue, rhs: SpecIssue) -> Bool {
        (lhs.file, lhs.line, lhs.column, lhs.message) < (rhs.file, rhs.line, rhs.column, rhs.message)
    }
}

/// Every problem found while loading specs, so a platform team fixes them in one pass (XcodeGen's aggregate).
public struct SpecErrors: Error, Sendable, CustomStringConvertible {
    public var issues: [SpecIssue]

    public init(_ issues: [SpecIssue]) { self.issues = issues.sorted() }

    public var description: String { issues.map(\.description).joined(separator: "\n") }
}
