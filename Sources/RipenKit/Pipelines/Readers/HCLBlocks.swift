import Foundation

/// A Terraform file as nested blocks and attributes, read tolerantly line by line: enough to follow a
/// delivery pipeline (`aws_codepipeline` stages and actions, CodeBuild projects, event rules), not an
/// evaluator of HCL expressions.
struct HCLBlock {
    var type: String
    var labels: [String]
    var line: Int
    /// Attribute text as written (`"x"`, `aws_codebuild_project.p.name`, `{ … }`, `<<EOF … EOF`).
    var attributes: [String: String] = [:]
    var blocks: [HCLBlock] = []

    func attribute(_ name: String) -> String? { attributes[name] }
    func blocks(_ type: String) -> [HCLBlock] { blocks.filter { $0.type == type } }

    /// A string attribute without its quotes.
    func string(_ name: String) -> String? {
        guard let value = attributes[name]?.trimmingCharacters(in: .whitespaces) else { return nil }
        return HCLBlock.unquote(value)
    }

    static func unquote(_ value: String) -> String {
        value.count >= 2 && value.hasPrefix("\"") && value.hasSuffix("\"") ? String(value.dropFirst().dropLast()) : value
    }

    /// The entries of a map attribute (`configuration = { "ProjectName" = "x" }`), quotes removed.
    func map(_ name: String) -> [String: String] {
        guard let text = attributes[name] else { return [:] }
        var result: [String: String] = [:]
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "," }) {
            let parts = line.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let key = HCLBlock.unquote(parts[0].trimmingCharacters(in: CharacterSet(charactersIn: " {\t")))
            let value = HCLBlock.unquote(parts[1].trimmingCharacters(in: CharacterSet(charactersIn: " }\t")))
            result[key] = value
        }
        return result
    }

    /// Top-level blocks of a file.
    static func parse(_ text: String) -> [HCLBlock] {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var stack: [HCLBlock] = [HCLBlock(type: "", labels: [], line: 0)]
        var index = 0
        let open = try! NSRegularExpression(pattern: #"^\s*([A-Za-z_][\w-]*)((?:\s+"[^"]*")*)\s*\{\s*$"#)
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            index += 1
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix("//") { continue }
            if trimmed == "}" {
                if stack.count > 1 {
                    let done = stack.removeLast()
                    stack[stack.count - 1].blocks.append(done)
                }
                continue
            }
            let range = NSRange(line.startIndex..., in: line)
            if let match = open.firstMatch(in: line, range: range), let type = Range(match.range(at: 1), in: line),
               let labels = Range(match.range(at: 2), in: line) {
                let names = line[labels].split(separator: "\"").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                stack.append(HCLBlock(type: String(line[type]), labels: names, line: index))
                if stack.count > 64 { return [] }
                continue
            }
            guard let equals = trimmed.firstIndex(of: "="), !trimmed[..<equals].contains(" ") || trimmed[..<equals].hasSuffix(" ") else { continue }
            let key = HCLBlock.unquote(trimmed[..<equals].trimmingCharacters(in: .whitespaces))
            var value = trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if let marker = value.range(of: #"^<<-?([A-Za-z_]+)$"#, options: .regularExpression).map({ String(value[$0].drop { $0 == "<" || $0 == "-" }) }) {
                var body: [String] = []
                while index < lines.count, lines[index].trimmingCharacters(in: .whitespaces) != marker {
                    body.append(lines[index])
                    index += 1
                }
                index += 1
                value = body.joined(separator: "\n")
            } else {
                // A map or list that spans lines: read until its brackets balance.
                var depth = balance(value)
                while depth > 0, index < lines.count {
                    value += "\n" + lines[index]
                    depth += balance(lines[index])
                    index += 1
                }
            }
            stack[stack.count - 1].attributes[key] = value
        }
        while stack.count > 1 {
            let done = stack.removeLast()
            stack[stack.count - 1].blocks.append(done)
        }
        return stack[0].blocks
    }

    private static func balance(_ text: String) -> Int {
        var depth = 0
        var quoted = false
        for char in text {
            if char == "\"" { quoted.toggle() }
            if quoted { continue }
            if char == "{" || char == "[" || char == "(" { depth += 1 }
            if char == "}" || char == "]" || char == ")" { depth -= 1 }
        }
        return depth
    }
}
