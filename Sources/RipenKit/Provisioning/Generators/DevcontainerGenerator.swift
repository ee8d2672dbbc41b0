/// GitHub Codespaces: `.devcontainer/devcontainer.json` (a pinned base image, the conda and
/// Docker-in-Docker features, forwarded ports) and `.devcontainer/post-create.sh`, the codespaces playbook.
enum DevcontainerGenerator {
    static let image = "mcr.microsoft.com/devcontainers/base:1.2.1-ubuntu22.04"

    static func files(_ context: GenerationContext) -> [GeneratedFile] {
        let environment = context.environment
        var ports = environment.ports
        if !ports.contains(where: { $0.port == 5000 }), environment.services.contains("tracking-server") {
            ports.insert(EnvironmentSpec.Port(port: 5000, label: "MLflow"), at: 0)
        }
        let condaRun = "/opt/conda/bin/conda run --no-capture-output --name \(environment.name)"
        var json = context.header("//", source: "environments/\(environment.name).yaml and \(context.playbook.file)")
        json += """
        {
          "name": \(Quote.json("ripen \(environment.name)")),
          "image": \(Quote.json(image)),
          "features": {
            "ghcr.io/devcontainers/features/conda:1": {
              "addCondaForge": true
            },
            "ghcr.io/devcontainers/features/docker-in-docker:2": {}
          },
          "forwardPorts": [\(ports.map { String($0.port) }.joined(separator: ", "))],
          "portsAttributes": {

        """
        json += ports.enumerated().map { index, port in
            "    \(Quote.json(String(port.port))): {\n      \"label\": \(Quote.json(port.label)),\n      \"onAutoForward\": \"notify\"\n    }"
        }.joined(separator: ",\n")
        json += """

          },
          "postCreateCommand": "bash .devcontainer/post-create.sh",
          "postStartCommand": \(Quote.json("\(condaRun) bash tracking-server/start-tracking-server.sh --background")),
          "remoteUser": "vscode"
        }

        """
        let script = PlaybookScript.render(context, source: context.playbook.file, scriptPath: ".devcontainer/post-create.sh",
                                           ripenDirectory: "$(cd \"$(dirname \"${BASH_SOURCE[0]}\")/..\" && pwd)")
        return [GeneratedFile(".devcontainer/devcontainer.json", json),
                GeneratedFile(".devcontainer/post-create.sh", script, executable: true)]
    }
}
