import Foundation

/// Quoting for generated text, so that data from YAML can never break out of its place.
public enum Quote {
    /// A double-quoted YAML (and JSON) scalar.
    static func yaml(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += "\\u" + String(format4(scalar.value))
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func json(_ text: String) -> String { yaml(text) }

    /// A single-quoted shell word.
    public static func shell(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// A shell word as a person would type it: quoted only when it has to be.
    public static func shellWord(_ text: String) -> String {
        let plain = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./:=@%+-,")
        return !text.isEmpty && text.unicodeScalars.allSatisfy(plain.contains) ? text : shell(text)
    }

    private static func format4(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
