/// A tox configuration (`tox.ini`, or `[tox:…]` sections of `setup.cfg`): each environment's commands,
/// with their line numbers, and the environments `tox` runs when none is named.
struct ToxConfig {
    /// Commands by environment name; "" holds `[testenv]`'s, which every environment inherits.
    private(set) var commands: [String: [(line: Int, text: String)]] = [:]
    private(set) var envlist: [String] = []

    init(_ text: String) {
        var section = ""
        var key = ""
        var lineNumber = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = String(raw)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
            if trimmed.hasPrefix("[") && trimmed.hasSuffix("]") {
                section = String(trimmed.dropFirst().dropLast())
                key = ""
                continue
            }
            // An indented line continues the key above it.
            let continued = line.first == " " || line.first == "\t"
            var value = trimmed
            if !continued {
                guard let equals = trimmed.firstIndex(of: "=") else { key = ""; continue }
                key = trimmed[..<equals].trimmingCharacters(in: .whitespaces)
                value = trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            }
            if value.isEmpty { continue }
            switch (Self.environment(of: section), key) {
            case (nil, "envlist") where section == "tox" || section == "tox:tox":
                envlist += value.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
            case let (environment?, "commands"):
                // `- cmd` ignores the command's failure: it still runs.
                let command = value.hasPrefix("- ") ? String(value.dropFirst(2)) : value
                if command.hasSuffix("\\") {
                    commands[environment, default: []].append((lineNumber, String(command.dropLast())))
                } else if continued, let last = commands[environment]?.last, last.text.hasSuffix(" ") {
                    commands[environment]![commands[environment]!.count - 1].text += command
                } else {
                    commands[environment, default: []].append((lineNumber, command))
                }
            default:
                continue
            }
        }
    }

    /// `testenv` → "", `testenv:lint` → "lint" (also `tox:testenv…` in setup.cfg); nil for other sections.
    private static func environment(of section: String) -> String? {
        let name = section.hasPrefix("tox:") ? String(section.dropFirst(4)) : section
        if name == "testenv" { return "" }
        guard name.hasPrefix("testenv:") else { return nil }
        return String(name.dropFirst(8))
    }

    /// What `tox -e NAMES` (or plain `tox`) runs: each environment's own commands, or `[testenv]`'s.
    func commands(for environments: [String]) -> [(line: Int, text: String)] {
        let names = environments.isEmpty ? (envlist.isEmpty ? [""] : envlist) : environments
        return names.flatMap { commands[$0] ?? commands[""] ?? [] }
    }
}
