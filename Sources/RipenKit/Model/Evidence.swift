/// What a verdict rests on: a file and line with the text found there, or a probe's or answer's word.
public struct Evidence: Sendable, Hashable, Codable {
    public var path: String?
    public var line: Int?
    /// 1-based index of the notebook cell, for evidence found in a notebook (`line` is then within the cell).
    public var cell: Int?
    public var text: String
    /// Observed in the repository, answered by a live system, or attested by people.
    public var source: Source

    public enum Source: String, Sendable, Hashable, Codable {
        case repository, probe, answer
    }

    public init(path: String? = nil, line: Int? = nil, cell: Int? = nil, text: String, source: Source = .repository) {
        self.path = path
        self.line = line
        self.cell = cell
        self.text = text
        self.source = source
    }

    /// `src/train.py:12`, `notebooks/eda.ipynb:cell 3:2`.
    public var location: String? {
        guard let path else { return nil }
        var text = path
        if let cell { text += ":cell \(cell)" }
        if let line { text += ":\(line)" }
        return text
    }
}

/// The verdict of a check or a capability.
public enum Status: String, Sendable, Codable, CaseIterable {
    case pass
    case fail
    case notAssessed = "not-assessed"
    case notApplicable = "not-applicable"
}

extension Status {
    /// Held for the ladder: passing, or declared not applicable.
    var holds: Bool { self == .pass || self == .notApplicable }
}
