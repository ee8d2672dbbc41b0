/// A GitHub Actions workflow: the project's tests, then `ripen audit --fail-under N` on the repository, with
/// the Markdown report in the job summary and the SARIF report in code scanning.
/// Actions are pinned by commit; ripen is built from the repository and ref the team sets as
/// repository variables (RIPEN_REPOSITORY, RIPEN_REF), so the version in CI is theirs to choose.
enum CIGenerator {
    static let checkout = "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683  # v4.2.2"
    static let setupPython = "actions/setup-python@a26af69be951a213d495a4c3e4e4022e16d87065  # v5.6.0"
    static let uploadSARIF = "github/codeql-action/upload-sarif@45cbd0c69e560cd9e7cd7f8c32362050c9b7ded2  # v4.32.2"

    /// The job environment that says where ripen comes from (six spaces in, under `env:`).
    static let ripenSource = """
              RIPEN_REPOSITORY: ${{ vars.RIPEN_REPOSITORY }}
              RIPEN_REF: ${{ vars.RIPEN_REF }}
        """

    /// The step that builds ripen into `$RUNNER_TEMP/ripen/.build/release/ripen` (a step of a job's `steps:`).
    static let buildRipen = """
              - name: Build ripen
                run: |
                  if [ -z "$RIPEN_REPOSITORY" ] || [ -z "$RIPEN_REF" ]; then
                    echo "::error::set the repository variables RIPEN_REPOSITORY (git URL) and RIPEN_REF (tag or commit)"
                    exit 1
                  fi
                  git clone --quiet "$RIPEN_REPOSITORY" "$RUNNER_TEMP/ripen"
                  git -C "$RUNNER_TEMP/ripen" checkout --quiet "$RIPEN_REF"
                  swift build --package-path "$RUNNER_TEMP/ripen" -c release --product ripen
        """

    static func files(_ context: GenerationContext) -> [GeneratedFile] {
        let environment = context.environment
        var out = context.header("#", source: "environments/\(environment.name).yaml")
        out += """
        name: ripen

        on:
          push:
            branches: [main]
          pull_request:

        permissions:
          contents: read

        jobs:
          test:
            runs-on: ubuntu-24.04
            steps:
              - uses: \(checkout)
                with:
                  persist-credentials: false
              - uses: \(setupPython)
                with:
                  python-version: \(Quote.yaml(environment.python))
              - name: Install the pinned requirements
                run: python -m pip install -r requirements.txt pytest==8.4.2
              - name: Run the tests
                run: python -m pytest

          maturity:
            runs-on: ubuntu-24.04
            permissions:
              contents: read
              security-events: write
            env:
        \(ripenSource)
            steps:
              - uses: \(checkout)
                with:
                  persist-credentials: false
        \(buildRipen)
              - name: Audit MLOps maturity
                run: |
                  "$RUNNER_TEMP/ripen/.build/release/ripen" audit . --format sarif --output ripen.sarif
                  "$RUNNER_TEMP/ripen/.build/release/ripen" audit . --format markdown --output ripen-report.md \\
                    --fail-under \(context.options.failUnder)
              - name: Publish the report
                if: always()
                run: |
                  if [ -f ripen-report.md ]; then cat ripen-report.md >> "$GITHUB_STEP_SUMMARY"; fi
              - name: Upload gaps and next steps to code scanning
                if: always() && hashFiles('ripen.sarif') != ''
                uses: \(uploadSARIF)
                with:
                  sarif_file: ripen.sarif
                  category: ripen

        """
        return [GeneratedFile(".github/workflows/ripen.yml", out)]
    }
}
