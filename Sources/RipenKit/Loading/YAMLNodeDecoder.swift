import Foundation
import Yams

/// Decodes `Decodable` models from a composed YAML node tree, keeping every node's position.
///
/// Unlike `YAMLDecoder`, it rejects unknown keys (a misspelt key in a checklist must not be silently
/// ignored) and reports every failure with the line and column of the offending node.
struct YAMLNodeDecoder {
    var file: String

    func decode<T: Decodable>(_ type: T.Type, from node: Node, codingPath: [any CodingKey] = []) throws(SpecIssue) -> T {
        do {
            return try T(from: NodeDecoder(node: node, codingPath: codingPath))
        } catch let error as NodeDecodingError {
            let mark = error.mark ?? node.mark
            throw SpecIssue(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1,
                            message: Self.prefixed(error.codingPath, error.message))
        } catch let error as DecodingError {
            // Thrown by a model's own init(from:): find the node its coding path names.
            let (path, message) = Self.describe(error)
            let mark = NodeLocator.mark(of: Array(path.dropFirst(codingPath.count)), in: node) ?? node.mark
            throw SpecIssue(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1,
                            message: Self.prefixed(path, message))
        } catch {
            let mark = node.mark
            throw SpecIssue(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, message: "\(error)")
        }
    }

    static func prefixed(_ path: [any CodingKey], _ message: String) -> String {
        path.isEmpty ? message : "\(CodingPath.render(path)): \(message)"
    }

    static func describe(_ error: DecodingError) -> ([any CodingKey], String) {
        switch error {
        case let .dataCorrupted(context): return (context.codingPath, context.debugDescription)
        case let .keyNotFound(key, context): return (context.codingPath, "missing required key '\(key.stringValue)'")
        case let .typeMismatch(_, context), let .valueNotFound(_, context):
            return (context.codingPath, context.debugDescription)
        @unknown default: return ([], "\(error)")
        }
    }
}

/// Renders coding paths as `checks[3].signal.any[0]`.
enum CodingPath {
    static func render(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }
}

/// Finds the node a coding path names; the key's own position when the last step names a key.
enum NodeLocator {
    static func mark(of path: [any CodingKey], in root: Node) -> Mark? {
        var node = root
        for (offset, key) in path.enumerated() {
            switch node {
            case let .sequence(sequence):
                guard let index = key.intValue, sequence.indices.contains(index) else { return node.mark }
                node = sequence[index]
            case let .mapping(mapping):
                guard let pair = mapping.first(where: { $0.key.scalar?.string == key.stringValue }) else {
                    return node.mark
                }
                let isLast = offset == path.count - 1
                // Point at the key itself when the key is the problem (`UnknownKey`), or when its value is
                // an empty scalar with no useful mark of its own.
                node = isLast && (key is UnknownKey || pair.value.scalar?.string.isEmpty == true) ? pair.key : pair.value
            default:
                return node.mark
            }
        }
        return node.mark
    }
}

/// A failure that knows where it happened.
struct NodeDecodingError: Error {
    var mark: Mark?
    var codingPath: [any CodingKey]
    var message: String
}

struct IndexKey: CodingKey {
    var intValue: Int?
    var stringValue: String { "\(intValue ?? 0)" }
    init(_ index: Int) { intValue = index }
    init?(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { nil }
}

/// A coding key that accepts any name: for models that read their keys dynamically.
struct AnyKey: CodingKey, Hashable {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// Names a key that should not be there; messages point at the key rather than its value.
struct UnknownKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// Lets a model's `init(from:)` see the YAML node behind its decoder (to accept several shapes).
protocol YAMLNodeDecoding: Decoder {
    var node: Node { get }
}

extension Node {
    var kindName: String {
        switch self {
        case .scalar(let scalar): return scalar.isNull ? "null" : "a scalar"
        case .mapping: return "a mapping"
        case .sequence: return "a sequence"
        case .alias: return "an alias"
        }
    }
}

extension Node.Scalar {
    var isNull: Bool {
        style == .plain && ["", "~", "null", "Null", "NULL"].contains(string)
    }
}

private struct NodeDecoder: YAMLNodeDecoding {
    let node: Node
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func fail(_ message: String, at mark: Mark? = nil, path: [any CodingKey]? = nil) -> NodeDecodingError {
        NodeDecodingError(mark: mark ?? node.mark, codingPath: path ?? codingPath, message: message)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case let .mapping(mapping) = node else {
            throw fail("expected a mapping, found \(node.kindName)")
        }
        var values: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard let name = keyNode.scalar?.string else {
                throw fail("mapping keys must be strings", at: keyNode.mark)
            }
            guard Key(stringValue: name) != nil else {
                throw fail("unknown key '\(name)'", at: keyNode.mark, path: codingPath + [AnyKey(name)])
            }
            values[name] = value
        }
        return KeyedDecodingContainer(KeyedNodeContainer<Key>(decoder: self, values: values))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case let .sequence(sequence) = node else {
            throw fail("expected a sequence, found \(node.kindName)")
        }
        return UnkeyedNodeContainer(decoder: self, nodes: Array(sequence))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleNodeContainer(decoder: self) }

    func child(_ node: Node, _ key: any CodingKey) -> NodeDecoder {
        NodeDecoder(node: node, codingPath: codingPath + [key])
    }

    func scalar<T>(_ type: T.Type, _ what: String, _ parse: (Node.Scalar) -> T?) throws -> T {
        guard case let .scalar(scalar) = node, !scalar.isNull || T.self == String.self else {
            throw fail("expected \(what), found \(node.kindName)")
        }
        guard let value = parse(scalar) else { throw fail("expected \(what), found '\(scalar.string)'") }
        return value
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        switch type {
        case is String.Type:
            guard case let .scalar(scalar) = node, !scalar.isNull else {
                throw fail("expected a string, found \(node.kindName)")
            }
            return scalar.string as! T
        case is Bool.Type: return try scalar(Bool.self, "true or false") { Bool.construct(from: $0) } as! T
        case is Int.Type: return try scalar(Int.self, "an integer") { Int.construct(from: $0) } as! T
        case is Double.Type: return try scalar(Double.self, "a number") { Double.construct(from: $0) } as! T
        default: return try T(from: self)
        }
    }
}

private struct KeyedNodeContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: NodeDecoder
    let values: [String: Node]
    var codingPath: [any CodingKey] { decoder.codingPath }
    var allKeys: [Key] { values.keys.sorted().compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { values[key.stringValue] != nil }

    func value(_ key: Key) throws -> Node {
        guard let node = values[key.stringValue] else {
            throw decoder.fail("missing required key '\(key.stringValue)'")
        }
        return node
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        guard case let .scalar(scalar)? = values[key.stringValue] else { return values[key.stringValue] == nil }
        return scalar.isNull
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decoder.child(try value(key), key).decode(type)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey> {
        try decoder.child(try value(key), key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try decoder.child(try value(key), key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { decoder }
    func superDecoder(forKey key: Key) throws -> any Decoder { decoder.child(try value(key), key) }
}

private struct UnkeyedNodeContainer: UnkeyedDecodingContainer {
    let decoder: NodeDecoder
    let nodes: [Node]
    var currentIndex = 0
    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { nodes.count }
    var isAtEnd: Bool { currentIndex >= nodes.count }

    init(decoder: NodeDecoder, nodes: [Node]) {
        self.decoder = decoder
        self.nodes = nodes
    }

    mutating func next() throws -> NodeDecoder {
        guard !isAtEnd else { throw decoder.fail("expected more items") }
        defer { currentIndex += 1 }
        return decoder.child(nodes[currentIndex], IndexKey(currentIndex))
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, case let .scalar(scalar) = nodes[currentIndex], scalar.isNull else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next().decode(type) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey> {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }
    mutating func superDecoder() throws -> any Decoder { try next() }
}

private struct SingleNodeContainer: SingleValueDecodingContainer {
    let decoder: NodeDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool {
        if case let .scalar(scalar) = decoder.node { return scalar.isNull }
        return false
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decode(type) }
}
