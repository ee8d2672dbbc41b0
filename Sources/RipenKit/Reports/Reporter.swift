/// Renders an audit result. One type per format, registered in `Reporters`.
public protocol Reporter: Sendable {
    static var identifier: String { get }
    static func render(_ result: AuditResult, style: ReportStyle) -> String
}

/// How the reader sees the report.
public struct ReportStyle: Sendable {
    /// ANSI colour (only on a terminal, never with NO_COLOR).
    public var color: Bool
    /// Also show why failing checks failed.
    public var verbose: Bool
    public var toolVersion: String

    public init(color: Bool = false, verbose: Bool = false, toolVersion: String = RipenVersion.current) {
        self.color = color
        self.verbose = verbose
        self.toolVersion = toolVersion
    }
}

/// Every reporter, looked up by identifier (SwiftLint's `reportersList`): a new format is one type and one line here.
public enum Reporters {
    public static let all: [any Reporter.Type] = [TextReporter.self, JSONReporter.self, MarkdownReporter.self,
                                                  SARIFReporter.self, BadgeReporter.self, HTMLReporter.self]

    /// The identifiers, in registration order (for help texts).
    public static var identifiers: [String] { all.map { $0.identifier } }

    public static func named(_ identifier: String) -> (any Reporter.Type)? {
        all.first { $0.identifier == identifier }
    }
}

public enum RipenVersion {
    public static let current = "0.1.0"

    /// `0.1.0 (checklists sha256 3f2a…)`: which rules a binary audits with, for `ripen --version`.
    public static var withChecklists: String {
        guard let catalogue = try? Catalogue.load() else { return current }
        return "\(current) (checklists sha256 \(catalogue.sha256))"
    }
}

extension Status {
    var mark: String {
        switch self {
        case .pass: "✓"
        case .fail: "✗"
        case .notAssessed: "?"
        case .notApplicable: "–"
        }
    }
}

extension AuditResult {
    /// `Level 2 · Automated Training · 2.6`
    public var headline: String {
        "Level \(level) · \(levelName) · \(String(format: "%.1f", score))"
    }

    func checks(of capability: CapabilityResult) -> [CheckResult] {
        checks.filter { $0.check.capability == capability.capability.id }
    }

    var shortCommit: String? { repository.commit.map { String($0.prefix(12)) } }
}

import Foundation
