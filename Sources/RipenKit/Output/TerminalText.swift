/// Text bound for a terminal, made inert: what an audited repository, a checklist or a server wrote
/// (file names, evidence lines, titles, answers) must not move the cursor, clear the screen, set the
/// window title or write the clipboard (OSC 52), even through a pipe with colour off.
public enum TerminalText {
    /// Control characters (C0 except newline and tab, DEL, C1) and the invisible characters that reorder
    /// or break lines (bidi overrides and isolates, U+2028/2029) become visible escapes such as `\x1B`.
    /// With `keepingColor`, the plain colour codes ripen itself writes (`ESC [ digits ; m`) stay.
    /// With `keepingCRLF`, a carriage return that ends a line before its newline stays (CSV's records).
    public static func safe(_ text: String, keepingColor: Bool = false, keepingCRLF: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if keepingColor, scalar == "\u{1B}", let end = colourCodeEnd(scalars, from: index) {
                out.append(contentsOf: scalars[index...end])
                index = end + 1
                continue
            }
            if keepingCRLF, scalar == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" {
                out.append(scalar)
                index += 1
                continue
            }
            if isUnsafe(scalar) {
                out.append(contentsOf: visible(scalar).unicodeScalars)
            } else {
                out.append(scalar)
            }
            index += 1
        }
        return String(out)
    }

    /// One line of a report: a newline inside a value (a file name may hold one) is escaped too.
    public static func inline(_ text: String) -> String {
        safe(text).replacingOccurrences(of: "\n", with: "\\n")
    }

    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: false
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
        default: false
        }
    }

    private static func visible(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x0D: return "\\r"
        case 0x00...0xFF:
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "\\x" + (hex.count < 2 ? "0" + hex : hex)
        default:
            return "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        }
    }

    /// `ESC [ 0 ; 1 ; 3 1 m`: the end index of a select-graphic-rendition code, or nil.
    private static func colourCodeEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        guard start + 2 < scalars.count, scalars[start + 1] == "[" else { return nil }
        var index = start + 2
        while index < scalars.count, ("0"..."9").contains(scalars[index]) || scalars[index] == ";" { index += 1 }
        guard index < scalars.count, scalars[index] == "m", index - start <= 16 else { return nil }
        return index
    }
}
