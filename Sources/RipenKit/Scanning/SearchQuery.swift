import Yams

/// One search of the scan: paths, a line pattern, or a YAML key path (optionally with a pattern).
enum SearchQuery: Sendable {
    /// Paths alone: no file is read for it.
    case files(PathSelector)
    /// The flag says whether comment lines count.
    case content(PathSelector, LinePattern, comments: Bool)
    case yaml(PathSelector, YAMLSignal.KeyPath, LinePattern?)

    var selector: PathSelector {
        switch self {
        case let .files(selector), let .content(selector, _, _), let .yaml(selector, _, _): selector
        }
    }

    /// Groups of literals: a file can match only if every group has a hit (any literal of the group).
    var literalGroups: [[String]] {
        switch self {
        case .files:
            return []
        case let .content(_, pattern, _):
            return pattern.literals.isEmpty ? [] : [pattern.literals]
        case let .yaml(_, key, pattern):
            var groups: [[String]] = []
            // Every named key of the path must appear in the file.
            for segment in key.segments where segment != "*" && segment != "**" && segment.utf8.count >= 3 {
                groups.append([segment.lowercased()])
            }
            if let pattern, !pattern.literals.isEmpty { groups.append(pattern.literals) }
            return groups
        }
    }
}

/// Evaluates a YAML key path on composed documents.
enum YAMLPathMatcher {
    /// The nodes the key path selects.
    static func select(_ segments: ArraySlice<String>, in node: Node) -> [Node] {
        guard let segment = segments.first else { return [node] }
        let rest = segments.dropFirst()
        switch segment {
        case "**":
            return select(rest, in: node) + children(of: node).flatMap { select(segments, in: $0) }
        case "*":
            return children(of: node).flatMap { select(rest, in: $0) }
        default:
            guard case let .mapping(mapping) = node else { return [] }
            return mapping.filter { $0.key.scalar?.string == segment }.flatMap { select(rest, in: $0.value) }
        }
    }

    private static func children(of node: Node) -> [Node] {
        switch node {
        case let .mapping(mapping): Array(mapping.values)
        case let .sequence(sequence): Array(sequence)
        default: []
        }
    }

    /// The texts a pattern is tested against, each with its 1-based line in the file:
    /// a scalar's lines, a sequence's scalar items, a mapping's keys.
    static func texts(of node: Node) -> [(line: Int, text: String)] {
        switch node {
        case let .scalar(scalar):
            let start = scalar.mark?.line ?? 1
            // Block scalars (`|`, `>`) begin on the line after their indicator.
            let first = scalar.style == .literal || scalar.style == .folded ? start + 1 : start
            return scalar.string.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                .map { (first + $0.offset, String($0.element)) }
        case let .sequence(sequence):
            return sequence.flatMap { item -> [(line: Int, text: String)] in
                if case .scalar = item { return texts(of: item) }
                return []
            }
        case let .mapping(mapping):
            return mapping.keys.compactMap { key in
                key.scalar.map { ($0.mark?.line ?? 1, $0.string) }
            }
        case .alias:
            return []
        }
    }
}
