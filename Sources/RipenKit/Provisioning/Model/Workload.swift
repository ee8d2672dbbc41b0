import Foundation

/// The tracking server's shape on a Kubernetes cluster (`workload:` in `playbooks/kubernetes.yaml`).
public struct Workload: Sendable, Decodable, Equatable {
    public struct Resources: Sendable, Decodable, Equatable {
        public struct Amounts: Sendable, Decodable, Equatable {
            public var cpu: String
            public var memory: String
        }
        public var requests: Amounts
        public var limits: Amounts
    }

    public struct DevDatabase: Sendable, Decodable, Equatable {
        public var storage: String
        public var resources: Resources
    }

    public var namespace: String
    /// Where the team pushes the image built from `kubernetes/Dockerfile`; the tag is the MLflow version.
    public var image: String
    public var replicas: Int
    public var resources: Resources
    /// Pods labelled `LABEL: "true"` may reach the server (the NetworkPolicy).
    public var clientLabel: String
    /// The Secret the platform team creates with the database and object-store connection.
    public var connectionSecret: String
    /// The namespace of the ingress controller, admitted when an Ingress is generated.
    public var ingressNamespace: String
    public var devDatabase: DevDatabase

    private enum CodingKeys: String, CodingKey {
        case namespace, image, replicas, resources, clientLabel, connectionSecret, ingressNamespace, devDatabase
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        namespace = try container.decode(String.self, forKey: .namespace)
        image = try container.decode(String.self, forKey: .image)
        replicas = try container.decode(Int.self, forKey: .replicas)
        resources = try container.decode(Resources.self, forKey: .resources)
        clientLabel = try container.decode(String.self, forKey: .clientLabel)
        connectionSecret = try container.decode(String.self, forKey: .connectionSecret)
        ingressNamespace = try container.decode(String.self, forKey: .ingressNamespace)
        devDatabase = try container.decode(DevDatabase.self, forKey: .devDatabase)
        guard replicas >= 1 else {
            throw DecodingError.dataCorruptedError(forKey: .replicas, in: container, debugDescription: "replicas must be at least 1")
        }
        for (key, value) in [(CodingKeys.namespace, namespace), (.connectionSecret, connectionSecret)]
        where value.range(of: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", options: .regularExpression) == nil {
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "'\(value)' is not a Kubernetes name (RFC 1123 label)")
        }
        if image.contains("@") || image.split(separator: "/").last?.contains(":") == true {
            throw DecodingError.dataCorruptedError(forKey: .image, in: container,
                debugDescription: "give the image without a tag: the tag is the MLflow version the tracking-server environment pins")
        }
    }
}
