import Foundation
import Yams

/// YAML built as Yams nodes and serialised by libyaml: keys in the order given, a string quoted exactly
/// when it would otherwise read back as a number, a boolean or null. Comments go in a header.
enum YAMLTree {
    /// A mapping in the given order; nil values are left out.
    static func map(_ pairs: [(String, Node?)], flow: Bool = false) -> Node {
        let kept = pairs.compactMap { key, value in value.map { (string(key), $0) } }
        return .mapping(Node.Mapping(kept, .implicit, flow ? .flow : .block))
    }

    static func seq(_ items: [Node], flow: Bool = false) -> Node {
        .sequence(Node.Sequence(items, .implicit, flow ? .flow : .block))
    }

    static func string(_ text: String) -> Node {
        let plain = Node.Scalar(text)
        let readsBackAsString = Resolver.default.resolveTag(of: .scalar(plain)) == .str
        // Several lines read best as a literal block (libyaml falls back to quotes where it cannot).
        let style: Node.Scalar.Style = !readsBackAsString ? .doubleQuoted : text.contains("\n") ? .literal : .any
        return .scalar(Node.Scalar(text, .implicit, style))
    }

    static func int(_ value: Int) -> Node { .scalar(Node.Scalar(String(value))) }

    static func bool(_ value: Bool) -> Node { .scalar(Node.Scalar(value ? "true" : "false")) }

    static func strings(_ items: [String], flow: Bool = false) -> Node { seq(items.map(string), flow: flow) }

    /// One or more documents, `---` between them.
    static func documents(_ nodes: [Node]) -> String {
        // Serialising nodes built here cannot fail; a failure would be a bug in this file.
        (try? Yams.serialize(nodes: nodes, indent: 2, width: -1, allowUnicode: true, explicitStart: nodes.count > 1)) ?? ""
    }
}
