/// Markdown built from text ripen did not write (evidence lines, file names, titles and commands from
/// checklists a repository may supply): it must render as that text, never as a heading, link, image or
/// raw HTML, and never end a table cell. One escaper for every Markdown ripen writes.
public enum MarkdownText {
    /// Plain text: line breaks become spaces, HTML is entity-escaped, and the characters that make
    /// CommonMark or GFM markup inside a line are backslash-escaped.
    public static func text(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text.oneLine {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            // Without brackets there is no link or image, without `<` no HTML or autolink; lines never
            // start here (they are joined), so `#`, `-` and digits stay as they are.
            case "\\", "`", "*", "_", "[", "]", "|", "~":
                out += "\\" + String(character)
            default: out.append(character)
            }
        }
        return out
    }

    /// A code span that holds `text` whatever backticks it contains: the fence is one longer than its
    /// longest run of backticks, padded when the text starts or ends with one. Pipes are escaped, which
    /// GFM honours inside code spans in tables.
    public static func code(_ text: String) -> String {
        let body = text.oneLine.replacingOccurrences(of: "|", with: "\\|")
        var longest = 0
        var run = 0
        for character in body {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = body.hasPrefix("`") || body.hasSuffix("`") || body.isEmpty ? " " : ""
        return fence + pad + body + pad + fence
    }
}
