/// The organisation's fleet audit on GitHub Actions: the repository list (`ripen-repos.txt`, a path or git
/// URL per line) is split across a matrix of `shards` jobs (`ripen audit --repos … --shard K/N`), each
/// uploading its JSON report, and a final job merges them (`ripen merge`) into one HTML, CSV and JSON
/// report, with the Markdown table in the job summary.
///
/// Clones use the token in the `RIPEN_FLEET_TOKEN` secret, if set, for private repositories on github.com
/// (`RIPEN_GIT_TOKEN`: ripen hands it to git in its environment, never on a command line or on disk, and
/// only for URLs under `RIPEN_GIT_TOKEN_URL`, https://github.com/ by default).
enum FleetWorkflowGenerator {
    static let uploadArtifact = "actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02  # v4.6.2"
    static let downloadArtifact = "actions/download-artifact@d3f86a106a0bac45b974a628896c90dbdf5c8093  # v4.3.0"

    static func files(_ context: GenerationContext) -> [GeneratedFile] {
        let shards = Int(context.optionValues["shards"] ?? "4") ?? 4
        let matrix = (1...shards).map(String.init).joined(separator: ", ")
        let ripen = "\"$RUNNER_TEMP/ripen/.build/release/ripen\""
        var triggers = "  workflow_dispatch:\n"
        switch context.optionValues["schedule"] ?? "weekly" {
        case "daily": triggers += "  schedule:\n    - cron: \"17 5 * * *\"\n"
        case "weekly": triggers += "  schedule:\n    - cron: \"17 5 * * 1\"\n"
        case "monthly": triggers += "  schedule:\n    - cron: \"17 5 1 * *\"\n"
        default: break
        }
        var out = context.header("#", source: context.playbook.file)
        out += """
        # Edit ripen-repos.txt (a path or git URL per line, # for comments) to choose the repositories.
        name: ripen fleet

        on:
        \(triggers)
        permissions:
          contents: read

        jobs:
          audit:
            name: Audit shard ${{ matrix.shard }} of \(shards)
            runs-on: ubuntu-24.04
            strategy:
              fail-fast: false
              matrix:
                shard: [\(matrix)]
            env:
        \(CIGenerator.ripenSource)
              RIPEN_GIT_TOKEN: ${{ secrets.RIPEN_FLEET_TOKEN }}
            steps:
              - uses: \(CIGenerator.checkout)
                with:
                  persist-credentials: false
        \(CIGenerator.buildRipen)
              - name: Audit this shard of the repositories
                env:
                  SHARD: ${{ matrix.shard }}
                run: |
                  status=0
                  \(ripen) audit --repos ripen-repos.txt --shard "$SHARD/\(shards)" \\
                    --format json --output "fleet-$SHARD.json" || status=$?
                  # 2: a repository could not be read or cloned; it is in the report, and the merge reports it.
                  if [ "$status" -ne 0 ] && [ "$status" -ne 2 ]; then exit "$status"; fi
              - uses: \(uploadArtifact)
                with:
                  name: ripen-fleet-shard-${{ matrix.shard }}
                  path: fleet-${{ matrix.shard }}.json
                  if-no-files-found: error
                  retention-days: 7

          report:
            name: Organisation report
            needs: audit
            if: always()
            runs-on: ubuntu-24.04
            env:
        \(CIGenerator.ripenSource)
            steps:
        \(CIGenerator.buildRipen)
              - uses: \(downloadArtifact)
                with:
                  pattern: ripen-fleet-shard-*
                  merge-multiple: true
                  path: shards
              - name: Merge the shards
                run: |
                  mkdir -p report
                  \(ripen) merge shards/*.json --format markdown --output report/ripen-fleet.md || true
                  \(ripen) merge shards/*.json --format csv --output report/ripen-fleet.csv || true
                  \(ripen) merge shards/*.json --format json --output report/ripen-fleet.json || true
                  \(ripen) merge shards/*.json --format html --output report/ripen-fleet.html
              - name: Publish the table
                if: always()
                run: |
                  if [ -f report/ripen-fleet.md ]; then cat report/ripen-fleet.md >> "$GITHUB_STEP_SUMMARY"; fi
              - uses: \(uploadArtifact)
                if: always()
                with:
                  name: ripen-fleet-report
                  path: report/
                  if-no-files-found: error

        """
        return [GeneratedFile(".github/workflows/ripen-fleet.yml", out)]
    }
}
