import ArgumentParser
import Foundation
import RipenKit

extension Ripen {
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate setup files: environments, a tracking server, a devcontainer, EC2, CI, the fleet audit.",
            discussion: """
            STACKS
              env              environment.yml, requirements.txt
              local            setup-local.sh: conda or a venv, the environment, a tracking server
              tracking-server  MLflow: Compose stack and a no-Docker start script
              devcontainer     Codespaces: devcontainer.json and post-create.sh
              ec2              EC2: user-data, setup.sh, CloudFormation template
              ci               GitHub Actions: tests and ripen audit --fail-under
              fleet            GitHub Actions (--target github-actions): the organisation's
                               audit, sharded across a matrix (--set shards=N), merged
              all              every stack that fits --target

            Regenerating never loses your edits: a file you changed is kept and
            the new version goes beside it as FILE.new (unless --force); a
            generated file you deleted stays deleted. What ripen wrote is
            recorded in OUT/.ripen/manifest.json.

            EXIT CODES
              0  written (or nothing to do)
              1  --check: something would change
              2  usage error or invalid input (malformed data, unsafe path)
              3  written, but files you changed were kept (see FILE.new)
            """)

        @Argument(help: ArgumentHelp("What to generate: \(Stack.allCases.map(\.rawValue).joined(separator: ", ")), or all.", valueName: "stack"))
        var stacks: [String]

        @Option(help: "Where it will run: \(Target.allCases.map(\.rawValue).joined(separator: ", ")).")
        var target: Target = .local

        @Option(name: .customLong("env"), help: ArgumentHelp("The environment to set up (ripen list environments).", valueName: "name"))
        var environment = "exp-tracking"

        @Option(help: ArgumentHelp("The output directory.", valueName: "dir"))
        var out = "."

        @Flag(name: .customLong("public"), help: "Publish the tracking server beyond 127.0.0.1, with MLflow's basic auth on (EC2: open its port to AllowedCidr only).")
        var publicAccess = false

        @Option(name: .customLong("allowed-host"), help: ArgumentHelp("A host name the tracking server is reached by (MLflow's --allowed-hosts; repeatable).", valueName: "name"))
        var allowedHosts: [String] = []

        @Option(name: .customLong("set"), help: ArgumentHelp("A playbook option, e.g. conda=anaconda (repeatable).", valueName: "key=value"))
        var settings: [String] = []

        @Option(name: .customLong("fail-under"), help: ArgumentHelp("The level the generated CI audit must reach.", valueName: "level"))
        var failUnder = 1

        @Flag(help: "Overwrite files you changed (their old content is lost).")
        var force = false

        @Flag(name: .customLong("dry-run"), help: "Write nothing; print a unified diff of what would change.")
        var dryRun = false

        @Flag(help: "Write nothing; exit 1 when anything would change (drift detection in CI).")
        var check = false

        @OptionGroup(title: "Data") var data: ProvisioningOptions

        func run() throws {
            let parsedSettings = try ProvisioningOptions.parse(settings)
            var chosen: [Stack] = []
            for name in stacks {
                if name == "all" {
                    chosen += Generation.stacks(for: target)
                } else if let stack = Stack(rawValue: name) {
                    chosen.append(stack)
                } else {
                    throw fail("unknown stack '\(name)' (stacks: \(Stack.allCases.map(\.rawValue).joined(separator: ", ")), all)")
                }
            }
            guard (1...4).contains(failUnder) else { throw fail("--fail-under must be 1 to 4") }
            let catalog = try data.catalog()
            let files: [GeneratedFile]
            do {
                let options = GenerationOptions(target: target, environment: environment, publicAccess: publicAccess,
                                                allowedHosts: allowedHosts, settings: parsedSettings, failUnder: failUnder)
                files = try Generation.files(chosen, context: try GenerationContext(catalog: catalog, options: options))
            } catch {
                throw fail(error)
            }
            let writer = GenerationWriter(output: URL(fileURLWithPath: out).standardizedFileURL, force: force)
            do {
                if dryRun || check {
                    let changes = try writer.plan(files)
                    let pending = changes.filter { ![.unchanged, .keptSecret].contains($0.action) }
                    for change in changes where dryRun && !change.diff.isEmpty { print(change.diff, terminator: "") }
                    for change in pending { writeError("would \(describe(change.action)): \(change.path)") }
                    if pending.isEmpty { writeError("ripen: up to date (\(files.count) files)") }
                    if check, !pending.isEmpty { throw ExitCode(1) }
                    return
                }
                let changes = try writer.write(files)
                for change in changes {
                    let line: String
                    switch change.action {
                    case .keptUserChanges: line = "kept     \(change.path) (you changed it; the new version is \(change.path).new)"
                    case .keptDeleted: line = "kept     \(change.path) deleted (you deleted it; --force writes it again)"
                    default:
                        let label = change.action.rawValue
                        line = label.padding(toLength: max(9, label.count + 1), withPad: " ", startingAt: 0) + change.path
                    }
                    print(line)
                }
                if changes.contains(where: { $0.action == .keptUserChanges }) { throw ExitCode(3) }
            } catch let error as GenerationError {
                throw fail(error)
            }
        }

        private func describe(_ action: GenerationWriter.Action) -> String {
            switch action {
            case .create: "create"
            case .update: "update"
            case .overwrite: "overwrite (--force)"
            case .keptUserChanges: "write .new beside your changed file"
            case .keptDeleted: "keep deleted"
            case .unchanged, .keptSecret: "keep"
            }
        }
    }
}
