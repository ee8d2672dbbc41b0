import Foundation

/// What can be generated.
public enum Stack: String, Sendable, CaseIterable {
    case env
    case trackingServer = "tracking-server"
    case local
    case devcontainer
    case ec2
    case ci
    case fleet
    case kubernetes

    public var summary: String {
        switch self {
        case .env: "conda environment.yml and pinned requirements.txt"
        case .local: "setup-local.sh: conda or a virtual environment, the environment, the tracking server"
        case .trackingServer: "MLflow tracking server: Compose stack (PostgreSQL, S3 store) and a no-Docker start script"
        case .devcontainer: "Codespaces: .devcontainer/devcontainer.json and post-create.sh"
        case .ec2: "EC2: cloud-init user-data, setup.sh for SSH, CloudFormation template"
        case .ci: "GitHub Actions workflow: tests and ripen audit --fail-under"
        case .fleet: "GitHub Actions workflow: the organisation's fleet audit, sharded across a matrix, merged into one report"
        case .kubernetes: "Kubernetes: the tracking server as a Kustomize base with dev and prod overlays, and its image's Dockerfile"
        }
    }

    /// The targets a stack makes sense for.
    public var targets: [Target] {
        switch self {
        case .local: [.local]
        case .devcontainer: [.codespaces]
        case .ec2: [.ec2]
        case .fleet: [.githubActions]
        case .kubernetes: [.kubernetes]
        case .ci: [.local, .codespaces, .ec2, .githubActions]
        case .env, .trackingServer: [.local, .codespaces, .ec2]
        }
    }

    /// The main file the stack writes: where a report points a remedy that generates it.
    public var primaryFile: String {
        switch self {
        case .env: "environment.yml"
        case .local: LocalSetupGenerator.script
        case .trackingServer: "tracking-server/docker-compose.yml"
        case .devcontainer: ".devcontainer/devcontainer.json"
        case .ec2: "ec2/setup.sh"
        case .ci: ".github/workflows/ripen.yml"
        case .fleet: ".github/workflows/ripen-fleet.yml"
        case .kubernetes: "kubernetes/base/deployment.yaml"
        }
    }

    /// The stack a remedy's `ripen generate STACK` command names.
    public init?(command: String) {
        let words = command.split(separator: " ")
        guard words.count >= 3, words[0] == "ripen", words[1] == "generate" else { return nil }
        self.init(rawValue: String(words[2]))
    }
}
