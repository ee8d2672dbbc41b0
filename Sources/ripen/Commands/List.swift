import ArgumentParser
import Foundation
import RipenKit

extension Ripen {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List what ripen knows: checks, capabilities, levels, environments, playbooks, targets, stacks.")

        enum Kind: String, ExpressibleByArgument, CaseIterable {
            case checks, capabilities, levels, environments, playbooks, targets, stacks
        }

        @Argument(help: "What to list: \(Kind.allCases.map(\.rawValue).joined(separator: ", ")).")
        var kind: Kind

        @Flag(help: "Print JSON.")
        var json = false

        @OptionGroup(title: "Checklists") var checklists: ChecklistOptions
        @OptionGroup(title: "Provisioning data") var provisioning: ProvisioningOptions

        func run() throws {
            if [.environments, .playbooks, .targets, .stacks].contains(kind) { return try listProvisioning() }
            let catalogue = try checklists.catalogue()
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                let data: Data
                switch kind {
                case .checks: data = try encoder.encode(catalogue.checks.map { CheckSummary($0, catalogue) })
                case .capabilities: data = try encoder.encode(catalogue.capabilities.map {
                    ["id": $0.id, "level": "\($0.level)", "title": $0.title, "required": "\(catalogue.isRequired(capability: $0.id))"]
                })
                case .levels: data = try encoder.encode(catalogue.levels.map {
                    ["level": "\($0.level)", "name": $0.name, "requires": $0.requires.map { $0.capabilities.joined(separator: "|") }.joined(separator: ", ")]
                })
                default: return
                }
                print(String(decoding: data, as: UTF8.self))
                return
            }
            switch kind {
            case .checks:
                for check in catalogue.checks {
                    print("\(check.id)  [level \(check.level) · \(check.capability)]  \(check.title)")
                }
            case .capabilities:
                for capability in catalogue.capabilities {
                    let tag = catalogue.isRequired(capability: capability.id) ? "required" : "recommended"
                    print("\(capability.id)  [level \(capability.level) · \(tag)]  \(capability.title)")
                }
            case .levels:
                for level in catalogue.levels {
                    let requires = level.requires.map { $0.capabilities.joined(separator: " or ") }.joined(separator: ", ")
                    print("\(level.level)  \(level.name)" + (requires.isEmpty ? "" : "  requires: \(requires)"))
                }
            default:
                break
            }
        }
    }
}

extension Ripen.List {
    /// Environments, playbooks, targets and stacks, one per line (or JSON).
    func listProvisioning() throws {
        var rows: [[String: String]] = []
        switch kind {
        case .environments:
            for spec in try provisioning.catalog().environments {
                rows.append(["name": spec.name, "python": spec.python, "packages": "\(spec.conda.count + spec.pip.count)",
                             "description": spec.description, "file": spec.file])
            }
        case .playbooks:
            for playbook in try provisioning.catalog().playbooks {
                rows.append(["name": playbook.name, "target": playbook.target.rawValue, "steps": "\(playbook.steps.count)",
                             "description": playbook.description, "file": playbook.file])
            }
        case .targets:
            for target in Target.allCases {
                rows.append(["name": target.rawValue,
                             "stacks": Generation.stacks(for: target).map(\.rawValue).joined(separator: ", ")])
            }
        default:
            for stack in Stack.allCases {
                rows.append(["name": stack.rawValue, "description": stack.summary,
                             "targets": stack.targets.map(\.rawValue).joined(separator: ", ")])
            }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(rows), as: UTF8.self))
            return
        }
        for row in rows {
            let details = row.keys.filter { $0 != "name" && $0 != "description" && $0 != "file" }.sorted()
                .map { "\($0): \(row[$0]!)" }.joined(separator: " · ")
            print("\(row["name"]!)  [\(details)]" + (row["description"].map { "  \($0)" } ?? ""))
        }
    }
}

/// A check as `list checks --json` shows it, with the patterns it searches for (the benchmark reads them).
struct CheckSummary: Encodable {
    var id: String
    var level: Int
    var capability: String
    var title: String
    var required: Bool
    var source: String
    var patterns: [String]
    /// Per pattern, the literals that let files skip the regex (empty: the regex runs on every line).
    var literals: [[String]]
    var globs: [String]

    init(_ check: Check, _ catalogue: Catalogue) {
        id = check.id
        level = check.level
        capability = check.capability
        title = check.title
        required = catalogue.isRequired(capability: check.capability)
        source = check.location.description
        var patterns: [String] = []
        var literals: [[String]] = []
        var globs: [String] = []
        for leaf in check.signal.leaves {
            switch leaf {
            case let .content(content):
                patterns += content.patterns.map(\.source)
                literals += content.patterns.map(\.literals)
                globs += content.paths.map(\.source)
            case let .yaml(yaml):
                globs += yaml.paths.map(\.source)
            case let .files(files):
                globs += files.paths.map(\.source)
            case let .pipeline(pipeline):
                // The command classes it asks about: a baseline must search for them too.
                for kind in catalogue.commandClasses where pipeline.runs.contains(kind.id) {
                    let all = kind.command + kind.hosted + kind.uses + kind.code
                    patterns += all.map(\.source)
                    literals += all.map(\.literals)
                }
            default: break
            }
        }
        self.patterns = patterns
        self.literals = literals
        self.globs = globs
    }
}
