import Yams

/// One search of the scan: paths, line patterns, or a YAML key path (optionally with a pattern).
enum SearchQuery: Sendable, Equatable {
    /// Paths alone: no file is read for it.
    case files(PathSelector)
    case content(PathSelector, ContentSearch)
    case yaml(PathSelector, YAMLSignal.KeyPath, LinePattern?)

    /// Line patterns that must all match within one scope of a file.
    struct ContentSearch: Sendable, Equatable {
        var patterns: [LinePattern]
        var within: ContentSignal.Scope = .file
        /// Whether comment lines count.
        var comments = false
    }

    var selector: PathSelector {
        switch self {
        case let .files(selector), let .content(selector, _), let .yaml(selector, _, _): selector
        }
    }

    /// Groups of literals: a file can match only if every group has a hit (any literal of the group).
    var literalGroups: [[String]] {
        switch self {
        case .files:
            return []
        case let .content(_, search):
            // Every pattern must match somewhere in the file, so each contributes its own group.
            return search.patterns.map(\.literals).filter { !$0.isEmpty }
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

    /// The lines a node spans: from its own mark to the last line of its deepest last child.
    static func lineSpan(of node: Node) -> ClosedRange<Int> {
        let start = node.mark?.line ?? 1
        var end = start
        func visit(_ node: Node) {
            switch node {
            case let .scalar(scalar):
                let first = scalar.mark?.line ?? start
                let lines = scalar.string.split(separator: "\n", omittingEmptySubsequences: false).count
                let block = scalar.style == .literal || scalar.style == .folded
                end = max(end, first + (block ? lines : max(lines - 1, 0)))
            case let .mapping(mapping):
                for (key, value) in mapping {
                    visit(key)
                    visit(value)
                }
            case let .sequence(sequence):
                sequence.forEach(visit)
            case .alias:
                break
            }
        }
        visit(node)
        return start...end
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
