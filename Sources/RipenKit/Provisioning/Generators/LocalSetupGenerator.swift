/// `setup-local.sh`, the local playbook: conda (or a virtual environment), the environment, and the
/// tracking server started with `tracking-server/start-tracking-server.sh`.
enum LocalSetupGenerator {
    static let script = "setup-local.sh"

    static func files(_ context: GenerationContext) -> [GeneratedFile] {
        let text = PlaybookScript.render(context, source: context.playbook.file, scriptPath: script,
                                         ripenDirectory: "$(cd \"$(dirname \"${BASH_SOURCE[0]}\")\" && pwd)")
        return [GeneratedFile(script, text, executable: true)]
    }
}
