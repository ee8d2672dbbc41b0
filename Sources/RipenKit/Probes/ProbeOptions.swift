import Foundation

/// Which live systems an audit looks at, and how.
public struct ProbeOptions: Sendable {
    /// The MLflow tracking server (or a local store: `file:`, `sqlite:` or a path).
    public var trackingURI: String?
    public var prometheusURL: String?
    /// Probe this machine: the Docker daemon and conda.
    public var infra: Bool
    /// Each probe's whole budget, all its requests included.
    public var timeout: Duration
    /// How recent a run must be to count as activity.
    public var recentDays: Int
    public var credentials: Credentials
    /// Where to look for the Docker daemon's socket.
    public var dockerSocket: String

    public init(trackingURI: String? = nil, prometheusURL: String? = nil, infra: Bool = false,
                timeout: Duration = .seconds(3), recentDays: Int = 90, credentials: Credentials = Credentials(),
                dockerSocket: String = "/var/run/docker.sock") {
        self.trackingURI = trackingURI
        self.prometheusURL = prometheusURL
        self.infra = infra
        self.timeout = timeout
        self.recentDays = recentDays
        self.credentials = credentials
        self.dockerSocket = dockerSocket
    }

    /// Options from the environment, as MLflow's own client reads it: `MLFLOW_TRACKING_URI`,
    /// `MLFLOW_TRACKING_TOKEN` or `MLFLOW_TRACKING_USERNAME`/`_PASSWORD`, `MLFLOW_TRACKING_INSECURE_TLS`,
    /// and `DOCKER_HOST` (a `unix://` socket).
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> ProbeOptions {
        var options = ProbeOptions()
        options.trackingURI = environment["MLFLOW_TRACKING_URI"].flatMap { $0.isEmpty ? nil : $0 }
        options.credentials = Credentials(
            token: environment["MLFLOW_TRACKING_TOKEN"].flatMap { $0.isEmpty ? nil : $0 },
            username: environment["MLFLOW_TRACKING_USERNAME"].flatMap { $0.isEmpty ? nil : $0 },
            password: environment["MLFLOW_TRACKING_PASSWORD"],
            insecureTLS: ["true", "1", "yes"].contains(environment["MLFLOW_TRACKING_INSECURE_TLS"]?.lowercased() ?? ""))
        if let host = environment["DOCKER_HOST"], host.hasPrefix("unix://") {
            options.dockerSocket = String(host.dropFirst("unix://".count))
        }
        return options
    }

    /// What the probes look at, for reports (never with credentials).
    public var describedSystems: [String] {
        var systems: [String] = []
        if let trackingURI { systems.append("MLflow \(Redaction.scrub(trackingURI))") }
        if let prometheusURL { systems.append("Prometheus \(Redaction.scrub(prometheusURL))") }
        if infra { systems.append("this machine (Docker at \(dockerSocket), conda)") }
        return systems
    }

    /// Whether any probe has something to look at.
    public var isEmpty: Bool { trackingURI == nil && prometheusURL == nil && !infra }
}

/// How to authenticate to the tracking server. Never printed: see `redact`.
public struct Credentials: Sendable {
    public var token: String?
    public var username: String?
    public var password: String?
    public var insecureTLS: Bool

    public init(token: String? = nil, username: String? = nil, password: String? = nil, insecureTLS: Bool = false) {
        self.token = token
        self.username = username
        self.password = password
        self.insecureTLS = insecureTLS
    }

    var authorization: String? {
        if let token { return "Bearer \(token)" }
        if let username {
            return "Basic " + Data("\(username):\(password ?? "")".utf8).base64EncodedString()
        }
        return nil
    }

    /// Removes every secret from a text that may end up in a report or a log.
    func redact(_ text: String) -> String {
        var text = text
        for secret in [authorization, token, password].compactMap({ $0 }) where secret.count >= 3 {
            text = text.replacingOccurrences(of: secret, with: "***")
        }
        return text
    }
}
