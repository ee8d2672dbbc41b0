/// A line where a content or YAML signal matched, or a path a files signal matched.
struct LineMatch: Sendable, Hashable, Comparable {
    var path: String
    var cell: Int?
    /// nil for a path match.
    var line: Int?
    var text: String

    static func < (lhs: LineMatch, rhs: LineMatch) -> Bool {
        (lhs.path, lhs.cell ?? 0, lhs.line ?? 0) < (rhs.path, rhs.cell ?? 0, rhs.line ?? 0)
    }

    var evidence: Evidence { Evidence(path: path, line: line, cell: cell, text: text) }

    /// Evidence text: the line trimmed, and cut short so reports stay readable.
    static func excerpt(_ line: Substring) -> String {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return trimmed.count > 160 ? String(trimmed.prefix(157)) + "..." : trimmed
    }
}

import Foundation
