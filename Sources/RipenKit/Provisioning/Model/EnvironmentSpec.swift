/// An environment definition (`environments/NAME.yaml`): what a team's conda environment holds.
public struct EnvironmentSpec: Sendable, Decodable, Equatable {
    public struct Port: Sendable, Decodable, Equatable {
        public var port: Int
        public var label: String
    }

    /// Pinned container images, for environments that are run as a server stack.
    public struct Images: Sendable, Decodable, Equatable {
        public var python: String
        public var postgres: String
        public var objectStore: String
    }

    public var name: String
    public var description: String
    /// `MAJOR.MINOR`, as conda takes it.
    public var python: String
    public var channels: [String]
    public var conda: [PinnedPackage]
    public var pip: [PinnedPackage]
    public var ports: [Port]
    /// Services the environment expects to reach, e.g. `tracking-server`.
    public var services: [String]
    public var images: Images?
    /// Where it was read from, for messages.
    public var file: String = ""

    private enum CodingKeys: String, CodingKey { case name, description, python, channels, conda, pip, ports, services, images }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        guard name.range(of: "^[a-z0-9][a-z0-9-]*$", options: .regularExpression) != nil else {
            throw DecodingError.dataCorruptedError(forKey: .name, in: container,
                debugDescription: "'\(name)' is not a valid name (lower-case letters, digits and '-')")
        }
        description = try container.decode(String.self, forKey: .description)
        python = try container.decode(String.self, forKey: .python)
        guard python.range(of: #"^3\.[0-9]+$"#, options: .regularExpression) != nil else {
            throw DecodingError.dataCorruptedError(forKey: .python, in: container,
                debugDescription: "'\(python)' is not a Python version like 3.12")
        }
        channels = try container.decodeIfPresent([String].self, forKey: .channels) ?? ["conda-forge"]
        conda = try PinnedPackage.list(container.decodeIfPresent([String].self, forKey: .conda) ?? [], manager: .conda,
                                       codingPath: container.codingPath + [CodingKeys.conda])
        pip = try PinnedPackage.list(container.decodeIfPresent([String].self, forKey: .pip) ?? [], manager: .pip,
                                     codingPath: container.codingPath + [CodingKeys.pip])
        ports = try container.decodeIfPresent([Port].self, forKey: .ports) ?? []
        services = try container.decodeIfPresent([String].self, forKey: .services) ?? []
        images = try container.decodeIfPresent(Images.self, forKey: .images)
    }

    /// The pinned version of a pip package, if the environment has it.
    public func pipVersion(_ name: String) -> String? {
        pip.first { $0.name.lowercased() == name.lowercased() }?.version
    }
}
