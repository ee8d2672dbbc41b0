extension StringProtocol {
    /// Whether `part` occurs, compared byte by byte: for hot paths, where Foundation's `contains`
    /// (a locale-aware search through NSString) costs more than the work it guards.
    func containsBytes(_ part: String) -> Bool {
        let needle = Array(part.utf8)
        guard let first = needle.first else { return true }
        let haystack = utf8
        var index = haystack.startIndex
        while let found = haystack[index...].firstIndex(of: first) {
            if haystack[found...].starts(with: needle) { return true }
            index = haystack.index(after: found)
        }
        return false
    }
}

extension String {
    /// The text on one line: every line break (CR, LF, CRLF, U+2028/2029, …) becomes a space. For values
    /// written where a line break would end a comment, a table cell or a Markdown block.
    var oneLine: String { String(map { $0.isNewline ? " " : $0 }) }
}
