import Foundation

/// Renders a playbook as one bash script. The same script is `ec2/setup.sh` (an SSH session),
/// `.devcontainer/post-create.sh` and `setup-local.sh`; cloud-init writes it to the instance and runs its
/// steps one by one. `bash SCRIPT` runs every step; `bash SCRIPT N` runs step N. A step whose guard holds
/// is skipped, so a second run changes nothing.
enum PlaybookScript {
    /// - Parameter ripenDirectory: a shell expression for the folder holding the generated files.
    static func render(_ context: GenerationContext, source: String, scriptPath: String, ripenDirectory: String) -> String {
        let playbook = context.playbook
        let (selected, steps) = playbook.selected(context.optionValues)
        // The first definition of a name wins; the others are options not chosen.
        var seen: Set<String> = ["RIPEN_DIR", "ENV_NAME"]
        let variables = selected.filter { seen.insert($0.name).inserted }
        let names = ["RIPEN_DIR", "ENV_NAME"] + variables.map(\.name)
        let preserved = (names + ["DOWNLOAD"]).joined(separator: ",")

        var out = "#!/usr/bin/env bash\n"
        out += context.header("#", source: source)
        out += "# \(playbook.description).\n"
        let choices = context.optionValues.keys.sorted().map { "\($0)=\(context.optionValues[$0]!)" }
        if !choices.isEmpty { out += "# Options: \(choices.joined(separator: ", ")).\n" }
        out += """
        #
        # Usage: bash \(scriptPath) [STEP]
        #   Without STEP every step runs in order; a step is skipped when its guard says it is done, so
        #   running the script again changes nothing. Variables below can be overridden from the environment.
        #
        # Step commands are single-quoted on purpose: they run in a child bash (as root or as the user) and
        # expand the exported variables there.
        # shellcheck disable=SC2016
        set -euo pipefail

        RIPEN_DIR="${RIPEN_DIR:-\(ripenDirectory)}"
        ENV_NAME="${ENV_NAME:-\(context.environment.name)}"

        """
        for variable in variables {
            if let description = variable.description { out += "# \(description)\n" }
            out += "\(variable.name)=\"${\(variable.name):-\(variable.value)}\"\n"
        }
        out += "DOWNLOAD=\"\"\n"
        out += "export \(names.joined(separator: " ")) DOWNLOAD\n\n"
        out += """
        as_root() {
          if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo --preserve-env=\(preserved) "$@"; fi
        }

        as_user() {
          if [ "$(id -u)" -eq 0 ] && [ "$TARGET_USER" != root ]; then
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
        let total = steps.count
        for (offset, step) in steps.enumerated() {
            let number = offset + 1
            let runner = step.root ? "as_root" : "as_user"
            let label = "[\(number)/\(total)] \(step.name)"
            out += "step_\(number)() {\n"
            let guardCommand = step.creates.map { "test -e \"\($0)\"" } ?? step.unless!
            out += "  if \(runner) bash -c \(Quote.shell(guardCommand)); then\n"
            out += "    echo \(Quote.shell("ripen: \(label): already done"))\n"
            out += "    return 0\n  fi\n"
            out += "  echo \(Quote.shell("ripen: \(label)"))\n"
            if let download = step.download {
                out += "  DOWNLOAD=\"$(fetch \(Quote.shell(download.url)) \(download.sha256))\"\n"
            }
            out += "  \(runner) bash -euo pipefail -c \(Quote.shell(step.run.trimmingCharacters(in: .newlines)))\n"
            if step.download != nil { out += "  rm -rf \"$(dirname \"$DOWNLOAD\")\"\n" }
            if let verify = step.verify {
                out += "  if ! \(runner) bash -c \(Quote.shell(verify)); then\n"
                out += "    echo \(Quote.shell("ripen: step \(number) ran, but its check failed: \(verify)")) >&2\n"
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
