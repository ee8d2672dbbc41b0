import Foundation

/// Renders a playbook as one bash script. The same script is `ec2/setup.sh` (an SSH session),
/// `.devcontainer/post-create.sh` and `setup-local.sh`; cloud-init writes it to the instance and runs its
/// steps one by one. `bash SCRIPT` runs every step; `bash SCRIPT N` runs step N. A step whose guard holds
/// is skipped, so a second run changes nothing.
///
/// `ripen bootstrap` runs the very same pieces (the preamble, each step's guard, run and verify lines), so a
/// step added to a playbook behaves the same in both.
enum PlaybookScript {
    /// Variables every playbook has: where the generated files are, the environment's name and its Python.
    static let standardNames = ["RIPEN_DIR", "ENV_NAME", "ENV_PYTHON"]

    /// The playbook's variables that apply; the first definition of a name wins, the others belong to
    /// options not chosen.
    static func variables(_ context: GenerationContext) -> [Playbook.Variable] {
        var seen = Set(standardNames)
        return context.playbook.selected(context.optionValues).variables.filter { seen.insert($0.name).inserted }
    }

    /// Every exported name, in definition order.
    static func variableNames(_ context: GenerationContext) -> [String] {
        standardNames + variables(context).map(\.name)
    }

    /// `set -euo pipefail`, the variables (each overridable from the environment) and the helpers
    /// `as_root`, `as_user` and `fetch`.
    /// - Parameter ripenDirectory: a shell expression for the folder holding the generated files.
    static func preamble(_ context: GenerationContext, ripenDirectory: String) -> String {
        let names = variableNames(context)
        let preserved = (names + ["DOWNLOAD"]).joined(separator: ",")
        var out = """
        set -euo pipefail

        RIPEN_DIR="${RIPEN_DIR:-\(ripenDirectory)}"
        ENV_NAME="${ENV_NAME:-\(context.environment.name)}"
        ENV_PYTHON="${ENV_PYTHON:-\(context.environment.python)}"

        """
        for variable in variables(context) {
            if let description = variable.description { out += "# \(CommentLine.text(description))\n" }
            out += "\(variable.name)=\"${\(variable.name):-\(variable.value)}\"\n"
        }
        out += "DOWNLOAD=\"\"\n"
        out += "export \(names.joined(separator: " ")) DOWNLOAD\n\n"
        out += """
        as_root() {
          if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo --preserve-env=\(preserved) "$@"; fi
        }

        # A playbook names the user its steps run as (TARGET_USER); without one they run as whoever runs this.
        as_user() {
          if [ "$(id -u)" -eq 0 ] && [ -n "${TARGET_USER:-}" ] && [ "$TARGET_USER" != root ]; then
            sudo -u "$TARGET_USER" -H --preserve-env=\(preserved) "$@"
          else
            "$@"
          fi
        }

        # fetch URL SHA256: downloads over https into a fresh folder, stops unless the sha256 matches,
        # prints the file's path.
        fetch() {
          local url="$1" sha256="$2" folder file
          folder="$(mktemp -d)"
          file="$folder/${url##*/}"
          curl -fsSL --retry 3 --proto '=https' --tlsv1.2 -o "$file" "$url"
          if ! printf '%s  %s\\n' "$sha256" "$file" | sha256sum --check --status -; then
            echo "ripen: $url does not match its pinned sha256 $sha256; not running it" >&2
            rm -rf "$folder"
            return 1
          fi
          chmod 755 "$folder"
          chmod 644 "$file"
          printf '%s\\n' "$file"
        }

        """
        return out
    }

    /// The step's guard as written in the playbook.
    static func guardText(_ step: Playbook.Step) -> String {
        step.creates.map { "test -e \"\($0)\"" } ?? step.unless!
    }

    static func runner(_ step: Playbook.Step) -> String { step.root ? "as_root" : "as_user" }

    /// Succeeds when the step is done already.
    static func guardLine(_ step: Playbook.Step) -> String {
        "\(runner(step)) bash -c \(Quote.shell(guardText(step)))"
    }

    /// The download (checked against its sha256), the step's command, and the download's removal.
    static func runLines(_ step: Playbook.Step) -> [String] {
        var lines: [String] = []
        if let download = step.download {
            lines.append("DOWNLOAD=\"$(fetch \(Quote.shell(download.url)) \(download.sha256))\"")
        }
        lines.append("\(runner(step)) bash -euo pipefail -c \(Quote.shell(step.run.trimmingCharacters(in: .newlines)))")
        if step.download != nil { lines.append("rm -rf \"$(dirname \"$DOWNLOAD\")\"") }
        return lines
    }

    static func verifyLine(_ step: Playbook.Step) -> String? {
        step.verify.map { "\(runner(step)) bash -c \(Quote.shell($0))" }
    }

    /// - Parameter ripenDirectory: a shell expression for the folder holding the generated files.
    static func render(_ context: GenerationContext, source: String, scriptPath: String, ripenDirectory: String) -> String {
        let playbook = context.playbook
        let steps = playbook.selected(context.optionValues).steps

        var out = "#!/usr/bin/env bash\n"
        out += context.header("#", source: source)
        out += "# \(CommentLine.text(playbook.description)).\n"
        let choices = context.optionValues.keys.sorted().map { "\($0)=\(context.optionValues[$0]!)" }
        if !choices.isEmpty { out += "# Options: \(choices.joined(separator: ", ")).\n" }
        out += """
        #
        # Usage: bash \(scriptPath) [STEP]
        #   Without STEP every step runs in order; a step is skipped when its guard says it is done, so
        #   running the script again changes nothing. Variables below can be overridden from the environment.
        #   `ripen bootstrap --target \(playbook.target.rawValue)` runs the same steps with progress and a log.
        #
        # Step commands are single-quoted on purpose: they run in a child bash (as root or as the user) and
        # expand the exported variables there.
        # shellcheck disable=SC2016

        """
        out += preamble(context, ripenDirectory: ripenDirectory)
        out += "\n\n"
        let total = steps.count
        for (offset, step) in steps.enumerated() {
            let number = offset + 1
            let label = "[\(number)/\(total)] \(step.name)"
            out += "step_\(number)() {\n"
            out += "  if \(guardLine(step)); then\n"
            out += "    echo \(Quote.shell("ripen: \(label): already done"))\n"
            out += "    return 0\n  fi\n"
            out += "  echo \(Quote.shell("ripen: \(label)"))\n"
            for line in runLines(step) { out += "  \(line)\n" }
            if let verify = verifyLine(step), let text = step.verify {
                out += "  if ! \(verify); then\n"
                out += "    echo \(Quote.shell("ripen: step \(number) ran, but its check failed: \(text)")) >&2\n"
                out += "    return 1\n  fi\n"
            }
            out += "}\n\n"
        }
        let all = (1...max(total, 1)).map(String.init).joined(separator: " ")
        out += """
        if [ "$#" -gt 0 ]; then
          case "$1" in
            \((1...max(total, 1)).map(String.init).joined(separator: "|"))) "step_$1" ;;
            *) echo "usage: $0 [STEP]   (STEP: 1 to \(total))" >&2; exit 2 ;;
          esac
        else
          for number in \(all); do "step_$number"; done
          echo "ripen: \(playbook.name) setup complete"
        fi

        """
        return out
    }
}
