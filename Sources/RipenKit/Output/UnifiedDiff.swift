/// A unified diff (`diff -u` style, 3 lines of context) between two texts, for `--dry-run`.
enum UnifiedDiff {
    static func render(old: String, new: String, oldLabel: String, newLabel: String, context: Int = 3) -> String {
        let a = lines(old)
        let b = lines(new)
        // Edit script from the longest common subsequence (files here are small).
        let n = a.count, m = b.count
        var lcs = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        enum Op { case same(String), delete(String), insert(String) }
        var ops: [Op] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, a[i] == b[j] { ops.append(.same(a[i])); i += 1; j += 1 }
            // Deletions before insertions, as diff -u shows a changed line.
            else if i < n, j == m || lcs[i + 1][j] >= lcs[i][j + 1] { ops.append(.delete(a[i])); i += 1 }
            else { ops.append(.insert(b[j])); j += 1 }
        }
        let changed = ops.indices.filter { if case .same = ops[$0] { false } else { true } }
        guard !changed.isEmpty else { return "" }
        // Group changes whose context overlaps into hunks.
        var hunks: [(Int, Int)] = []
        for index in changed {
            let start = max(0, index - context), end = min(ops.count, index + context + 1)
            if let last = hunks.last, start <= last.1 { hunks[hunks.count - 1].1 = max(last.1, end) } else { hunks.append((start, end)) }
        }
        var out = "--- \(oldLabel)\n+++ \(newLabel)\n"
        for (start, end) in hunks {
            var oldLine = 1, newLine = 1
            for op in ops[..<start] {
                switch op {
                case .same: oldLine += 1; newLine += 1
                case .delete: oldLine += 1
                case .insert: newLine += 1
                }
            }
            var body = "", oldCount = 0, newCount = 0
            for op in ops[start..<end] {
                switch op {
                case let .same(line): body += " \(line)\n"; oldCount += 1; newCount += 1
                case let .delete(line): body += "-\(line)\n"; oldCount += 1
                case let .insert(line): body += "+\(line)\n"; newCount += 1
                }
            }
            out += "@@ -\(oldCount == 0 ? oldLine - 1 : oldLine),\(oldCount) +\(newCount == 0 ? newLine - 1 : newLine),\(newCount) @@\n" + body
        }
        return out
    }

    private static func lines(_ text: String) -> [String] {
        var parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if parts.last == "" { parts.removeLast() }
        return parts
    }
}
