import Foundation
import Yams

/// A parsed YAML spec file: its node tree plus the file name every message is reported against.
///
/// The one YAML entry point for checklists, environments, playbooks and `.ripen.yaml`.
struct YAMLDocument {
    let file: String
    let text: String
    let root: Node

    init(file: String, text: String) throws(SpecIssue) {
        self.file = file
        self.text = text
        do {
            root = try Yams.compose(yaml: text) ?? Node.mapping(.init([]))
        } catch let error as YamlError {
            throw Self.issue(for: error, file: file)
        } catch {
            throw SpecIssue(file: file, line: 1, column: 1, message: "cannot parse YAML: \(error)")
        }
        // Aliases expand on decoding: nested ones make a few hundred bytes gigabytes.
        if PipelineYAML.size(root, limit: Self.nodeBudget) > Self.nodeBudget {
            throw SpecIssue(file: file, line: 1, column: 1,
                            message: "more than \(Self.nodeBudget) YAML nodes once aliases are expanded: not read")
        }
    }

    static let nodeBudget = 200_000
    /// Spec files are small; a larger one is refused before it is read.
    static let sizeLimit = 4 << 20

    init(contentsOf url: URL, displayPath: String) throws(SpecIssue) {
        let data: Data
        do {
            let size = (try FileManager.default.attributesOfItem(atPath: url.resolvingSymlinksInPath().path)[.size] as? NSNumber)?.intValue ?? 0
            guard size <= Self.sizeLimit else {
                throw SpecIssue(file: displayPath, line: 1, column: 1,
                                message: "file is \(size) bytes, more than a spec file's \(Self.sizeLimit): not read")
            }
            data = try Data(contentsOf: url)
        } catch let issue as SpecIssue {
            throw issue
        } catch {
            throw SpecIssue(file: displayPath, line: 1, column: 1, message: "cannot read file: \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SpecIssue(file: displayPath, line: 1, column: 1, message: "file is not UTF-8 text")
        }
        try self.init(file: displayPath, text: text)
    }

    func issue(_ message: String, at node: Node?) -> SpecIssue {
        let mark = node?.mark
        return SpecIssue(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, message: message)
    }

    func decode<T: Decodable>(_ type: T.Type, from node: Node, path: [any CodingKey] = []) throws(SpecIssue) -> T {
        try YAMLNodeDecoder(file: file).decode(type, from: node, codingPath: path)
    }

    /// The top-level mapping, rejecting keys other than `allowed`.
    func topLevel(allowed: [String]) throws(SpecErrors) -> [String: Node] {
        guard case let .mapping(mapping) = root else {
            throw SpecErrors([issue("expected a mapping at the top level, found \(root.kindName)", at: root)])
        }
        var result: [String: Node] = [:]
        var issues: [SpecIssue] = []
        for (key, value) in mapping {
            // `x-` keys hold YAML anchors shared by the entries below (as in Compose files).
            if let name = key.scalar?.string, name.hasPrefix("x-") { continue }
            guard let name = key.scalar?.string, allowed.contains(name) else {
                issues.append(issue("unknown key '\(key.scalar?.string ?? "?")' (expected one of: \(allowed.joined(separator: ", ")))", at: key))
                continue
            }
            result[name] = value
        }
        guard issues.isEmpty else { throw SpecErrors(issues) }
        return result
    }

    /// Decodes each item of a top-level sequence on its own, so one bad item does not hide the next.
    func decodeEach<T: Decodable>(_ type: T.Type, key: String, in node: Node?) -> (items: [(T, Node)], issues: [SpecIssue]) {
        guard let node else { return ([], []) }
        guard case let .sequence(sequence) = node else {
            return ([], [issue("\(key): expected a sequence, found \(node.kindName)", at: node)])
        }
        var items: [(T, Node)] = []
        var issues: [SpecIssue] = []
        for (index, item) in sequence.enumerated() {
            do {
                items.append((try decode(type, from: item, path: [AnyKey(key), IndexKey(index)]), item))
            } catch {
                issues.append(error)
            }
        }
        return (items, issues)
    }

    static func issue(for error: YamlError, file: String) -> SpecIssue {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let detail = context.map { " (\($0.text) at \($0.mark.line):\($0.mark.column))" } ?? ""
            return SpecIssue(file: file, line: mark.line, column: mark.column, message: "YAML syntax error: \(problem)\(detail)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return SpecIssue(file: file, line: context.mark.line, column: context.mark.column,
                             message: "duplicate key '\(duplicates.joined(separator: "', '"))' in mapping")
        case let .reader(problem, offset, _, yaml):
            let (line, column) = position(ofCharacter: offset ?? 0, in: yaml)
            return SpecIssue(file: file, line: line, column: column, message: "cannot read YAML: \(problem)")
        default:
            return SpecIssue(file: file, line: 1, column: 1, message: "YAML error: \(error)")
        }
    }

    private static func position(ofCharacter offset: Int, in text: String) -> (Int, Int) {
        var line = 1
        var column = 1
        for char in text.prefix(offset) {
            if char == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }
}
