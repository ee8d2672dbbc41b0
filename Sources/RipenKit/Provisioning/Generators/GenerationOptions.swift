import Foundation

/// Choices for one generation.
public struct GenerationOptions: Sendable {
    public var target: Target
    /// The environment to set up (default `exp-tracking`).
    public var environment: String
    /// Publish the tracking server beyond 127.0.0.1 (with MLflow's basic auth on).
    public var publicAccess: Bool
    /// Host names the tracking server answers to besides localhost (MLflow's --allowed-hosts).
    public var allowedHosts: [String]
    /// Playbook options, e.g. `conda=anaconda`.
    public var settings: [String: String]
    /// The level the CI workflow's audit must reach.
    public var failUnder: Int

    public init(target: Target = .local, environment: String = "exp-tracking", publicAccess: Bool = false,
                allowedHosts: [String] = [], settings: [String: String] = [:], failUnder: Int = 1) {
        self.target = target
        self.environment = environment
        self.publicAccess = publicAccess
        self.allowedHosts = allowedHosts
        self.settings = settings
        self.failUnder = failUnder
    }
}
