import Foundation
import Yams

/// Small, total accessors over a YAML node tree, for reading CI files of unknown shape.
extension Node {
    /// The value under `key` of a mapping (merge keys `<<` included), or nil.
    subscript(key key: String) -> Node? {
        guard case let .mapping(mapping) = self else { return nil }
        for (name, value) in mapping where name.scalar?.string == key { return value }
        for (name, value) in mapping where name.scalar?.string == "<<" {
            if let found = value[key: key] { return found }
            if case let .sequence(items) = value {
                for item in items { if let found = item[key: key] { return found } }
            }
        }
        return nil
    }

    /// A mapping's entries in order (merged entries after the mapping's own), keys as strings.
    var entries: [(key: String, value: Node, line: Int)] {
        guard case let .mapping(mapping) = self else { return [] }
        var result: [(key: String, value: Node, line: Int)] = []
        var merged: [Node] = []
        for (name, value) in mapping {
            guard let key = name.scalar?.string else { continue }
            if key == "<<" {
                if case let .sequence(items) = value { merged += items } else { merged.append(value) }
                continue
            }
            result.append((key, value, name.mark?.line ?? 1))
        }
        let own = Set(result.map(\.key))
        for node in merged {
            for entry in node.entries where !own.contains(entry.key) { result.append(entry) }
        }
        return result
    }

    var items: [Node] {
        if case let .sequence(sequence) = self { return Array(sequence) }
        return []
    }

    var text: String? {
        guard case let .scalar(scalar) = self, !scalar.isNull else { return nil }
        return scalar.string
    }

    /// The keys of a mapping, the items of a sequence or the scalar itself, as strings (an `on:` list).
    var names: [String] {
        switch self {
        case let .scalar(scalar): scalar.isNull ? [] : [scalar.string]
        case .sequence: items.compactMap(\.text)
        case .mapping: entries.map(\.key)
        default: []
        }
    }

    /// The 1-based line where a scalar's text starts (the line after `|` or `>` for block scalars).
    var textLine: Int {
        let line = mark?.line ?? 1
        if case let .scalar(scalar) = self, scalar.style == .literal || scalar.style == .folded { return line + 1 }
        return line
    }

    /// A script written as a scalar or a list of scalars (items joined by newlines), with its first line.
    var script: (text: String, line: Int)? {
        switch self {
        case .scalar:
            guard let text else { return nil }
            return (text, textLine)
        case .sequence:
            let parts = items.compactMap { item -> String? in
                if let text = item.text { return text }
                // GitLab and others accept nested lists of commands (from anchors).
                return item.script?.text
            }
            guard !parts.isEmpty else { return nil }
            return (parts.joined(separator: "\n"), items.first?.textLine ?? mark?.line ?? 1)
        default:
            return nil
        }
    }
}

/// Reads one CI file's YAML, or says where it does not parse.
enum PipelineYAML {
    /// Nodes visited past this are not read: a file of aliases must not expand without bound.
    static let nodeBudget = 100_000

    static func documents(_ text: String) -> Result<[Node], PipelineParseError> {
        let strict = parse(text)
        guard case .failure = strict, let repaired = reindented(text) else { return strict }
        // Lines of a block scalar written at column 0 (code pasted into `run: |`) end the block for a strict
        // reader; reviewers read them as part of the step, and so does the model.
        if case let .success(nodes) = parse(repaired) { return .success(nodes) }
        return strict
    }

    /// The text with every column-0 line that is not a key, comment or document marker indented like
    /// the line before it; nil when there is none.
    static func reindented(_ text: String) -> String? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var changed = false
        var indent = ""
        for index in lines.indices {
            let line = lines[index]
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let leading = String(line.prefix { $0 == " " })
            if leading.isEmpty, !indent.isEmpty,
               line.range(of: #"^([A-Za-z0-9_."'-][^:#]*:(\s|$)|#|---|\.\.\.)"#, options: .regularExpression) == nil {
                lines[index] = indent + "  " + line
                changed = true
                continue
            }
            indent = leading
        }
        return changed ? lines.joined(separator: "\n") : nil
    }

    private static func parse(_ text: String) -> Result<[Node], PipelineParseError> {
        do {
            var nodes: [Node] = []
            var sequence = try Yams.compose_all(yaml: text)
            while let node = sequence.next() { nodes.append(node) }
            if let error = sequence.error { throw error }
            return .success(nodes)
        } catch let error as YamlError {
            let issue = YAMLDocument.issue(for: error, file: "")
            return .failure(PipelineParseError(line: issue.line, column: issue.column, message: issue.message))
        } catch {
            return .failure(PipelineParseError(line: 1, column: 1, message: "cannot parse YAML: \(error)"))
        }
    }

    /// The number of nodes a tree holds, counted up to `limit` (aliases count each time they are reached).
    static func size(_ node: Node, limit: Int = nodeBudget) -> Int {
        var count = 0
        var stack = [node]
        while let next = stack.popLast(), count <= limit {
            count += 1
            switch next {
            case let .mapping(mapping): for (key, value) in mapping { stack.append(key); stack.append(value) }
            case let .sequence(sequence): stack.append(contentsOf: sequence)
            default: break
            }
        }
        return count
    }
}

/// Where a CI file does not parse; the audit reports it and goes on.
public struct PipelineParseError: Error, Sendable, Equatable {
    public var line: Int
    public var column: Int
    public var message: String
}
