import Foundation
import Yams

/// The tracking server on a cluster (`--target kubernetes`): a Kustomize base (Deployment, Service of type
/// ClusterIP, NetworkPolicy, PodDisruptionBudget, ServiceAccount), a `dev` overlay with PostgreSQL in the
/// cluster, a `prod` overlay for an external database (with an Ingress when `--allowed-host` names one),
/// the MLflow image's Dockerfile and checkov's configuration. The connection comes from a Secret the
/// platform team creates: its name and keys are documented here, its values never appear.
enum KubernetesGenerator {
    static let folder = "kubernetes"
    static let app = "mlflow"

    static func files(_ context: GenerationContext) throws(GenerationError) -> [GeneratedFile] {
        guard let workload = context.playbook.workload else {
            throw .invalidOption("\(context.playbook.file): the kubernetes target needs `workload`")
        }
        let spec = Spec(context: context, workload: workload)
        var files = [
            GeneratedFile("\(folder)/Dockerfile", TrackingServerGenerator.dockerfile(context)),
            GeneratedFile("\(folder)/.checkov.yaml", checkovConfiguration(spec)),
            GeneratedFile("\(folder)/base/kustomization.yaml",
                          spec.yaml(["Kustomize base: the tracking server, without its database."], kustomization(resources: [
                              "serviceaccount.yaml", "deployment.yaml", "service.yaml", "networkpolicy.yaml", "poddisruptionbudget.yaml",
                          ]))),
            GeneratedFile("\(folder)/base/serviceaccount.yaml", spec.yaml([], serviceAccount(spec))),
            GeneratedFile("\(folder)/base/deployment.yaml", spec.yaml(secretDocumentation(spec), deployment(spec))),
            GeneratedFile("\(folder)/base/service.yaml", spec.yaml(["Reachable inside the cluster only (ClusterIP)."], service(spec))),
            GeneratedFile("\(folder)/base/networkpolicy.yaml",
                          spec.yaml(["Only pods labelled \(workload.clientLabel): \"true\" (in any namespace) reach the server."], clientPolicy(spec))),
            GeneratedFile("\(folder)/base/poddisruptionbudget.yaml", spec.yaml([], disruptionBudget(spec))),
            GeneratedFile("\(folder)/overlays/dev/kustomization.yaml",
                          spec.yaml(["dev: PostgreSQL in the cluster (db-host: \(app)-postgres in the Secret), one replica."],
                                    kustomization(resources: ["../../base", "postgres.yaml"], patches: [replicasPatch(replicas: 1)]))),
            GeneratedFile("\(folder)/overlays/dev/postgres.yaml",
                          spec.yaml(["PostgreSQL for dev: credentials from the same Secret, reachable from the server's pods only."],
                                    documents: [postgresService(spec), postgresStatefulSet(spec), postgresPolicy(spec)])),
        ]
        var prodResources = ["../../base"]
        if let host = context.options.allowedHosts.first {
            prodResources += ["ingress.yaml", "ingress-networkpolicy.yaml"]
            files.append(GeneratedFile("\(folder)/overlays/prod/ingress.yaml",
                                       spec.yaml(["TLS with the certificate in the Secret \(app)-tls (for example from cert-manager)."], ingress(spec, host: host))))
            files.append(GeneratedFile("\(folder)/overlays/prod/ingress-networkpolicy.yaml",
                                       spec.yaml(["The ingress controller's namespace may reach the server."], ingressPolicy(spec))))
        }
        files.append(GeneratedFile("\(folder)/overlays/prod/kustomization.yaml",
                                   spec.yaml(["prod: an external PostgreSQL (a managed database), \(workload.replicas) replicas."],
                                             kustomization(resources: prodResources))))
        return files
    }

    /// What every manifest shares.
    struct Spec {
        var context: GenerationContext
        var workload: Workload

        var labels: Node { YAMLTree.map([("app.kubernetes.io/name", YAMLTree.string(app)), ("app.kubernetes.io/part-of", YAMLTree.string("ripen-tracking"))]) }
        var selector: Node { YAMLTree.map([("app.kubernetes.io/name", YAMLTree.string(app))]) }

        func metadata(_ name: String, labels: Node? = nil) -> Node {
            YAMLTree.map([("name", YAMLTree.string(name)), ("namespace", YAMLTree.string(workload.namespace)), ("labels", labels ?? self.labels)])
        }

        func yaml(_ comments: [String], _ node: Node) -> String { yaml(comments, documents: [node]) }

        func yaml(_ comments: [String], documents: [Node]) -> String {
            var out = context.header("#", source: "\(context.playbook.file) and environments/tracking-server.yaml")
            for comment in comments { out += "# \(CommentLine.text(comment))\n" }
            return out + YAMLTree.documents(documents)
        }
    }

    static func kustomization(resources: [String], patches: [Node] = []) -> Node {
        YAMLTree.map([
            ("apiVersion", YAMLTree.string("kustomize.config.k8s.io/v1beta1")),
            ("kind", YAMLTree.string("Kustomization")),
            ("resources", YAMLTree.strings(resources)),
            ("patches", patches.isEmpty ? nil : YAMLTree.seq(patches)),
        ])
    }

    static func secretDocumentation(_ spec: Spec) -> [String] {
        let secret = spec.workload.connectionSecret
        return [
            "The connection comes from the Secret \(secret) in namespace \(spec.workload.namespace), which you create",
            "(ripen never writes a secret value into a manifest). Its keys:",
            "  db-host, db-port, db-name, db-user, db-password   PostgreSQL (db-password URL-safe or percent-encoded)",
            "  artifacts-destination                              s3://BUCKET/PATH for the artifacts",
            "  aws-access-key-id, aws-secret-access-key           optional: leave out with IRSA or workload identity",
            "  s3-endpoint-url                                    optional: an S3-compatible store (MinIO)",
            "For example:",
            "  kubectl -n \(spec.workload.namespace) create secret generic \(secret) --from-literal=db-host=HOST \\",
            "    --from-literal=db-port=5432 --from-literal=db-name=mlflow --from-literal=db-user=mlflow \\",
            "    --from-literal=db-password=\"$(openssl rand -hex 24)\" --from-literal=artifacts-destination=s3://BUCKET/mlflow",
            "Clients: label the pod \(spec.workload.clientLabel): \"true\" and set MLFLOW_TRACKING_URI=http://\(app).\(spec.workload.namespace).svc:5000",
        ]
    }

    static func secretValue(_ spec: Spec, key: String, optional: Bool = false) -> Node {
        YAMLTree.map([("secretKeyRef", YAMLTree.map([
            ("name", YAMLTree.string(spec.workload.connectionSecret)), ("key", YAMLTree.string(key)),
            ("optional", optional ? YAMLTree.bool(true) : nil),
        ]))])
    }

    static func securityContext() -> Node {
        YAMLTree.map([
            ("allowPrivilegeEscalation", YAMLTree.bool(false)),
            ("readOnlyRootFilesystem", YAMLTree.bool(true)),
            ("runAsNonRoot", YAMLTree.bool(true)),
            ("capabilities", YAMLTree.map([("drop", YAMLTree.strings(["ALL"]))])),
        ])
    }

    static func resources(_ resources: Workload.Resources) -> Node {
        func amounts(_ value: Workload.Resources.Amounts) -> Node {
            YAMLTree.map([("cpu", YAMLTree.string(value.cpu)), ("memory", YAMLTree.string(value.memory))])
        }
        return YAMLTree.map([("requests", amounts(resources.requests)), ("limits", amounts(resources.limits))])
    }

    static func podSecurity(user: Int) -> Node {
        YAMLTree.map([
            ("runAsNonRoot", YAMLTree.bool(true)), ("runAsUser", YAMLTree.int(user)), ("runAsGroup", YAMLTree.int(user)),
            ("fsGroup", YAMLTree.int(user)), ("seccompProfile", YAMLTree.map([("type", YAMLTree.string("RuntimeDefault"))])),
        ])
    }

    static func serviceAccount(_ spec: Spec) -> Node {
        YAMLTree.map([
            ("apiVersion", YAMLTree.string("v1")), ("kind", YAMLTree.string("ServiceAccount")),
            ("metadata", spec.metadata(app)), ("automountServiceAccountToken", YAMLTree.bool(false)),
        ])
    }

    /// The hosts MLflow answers to: the context's, the Service's names in the cluster, and the Ingress host.
    static func allowedHosts(_ spec: Spec) -> String {
        let namespace = spec.workload.namespace
        var hosts = spec.context.allowedHosts
        for name in ["\(app).\(namespace)", "\(app).\(namespace).svc", "\(app).\(namespace).svc.cluster.local"] {
            hosts += [name, "\(name):*"]
        }
        var seen: Set<String> = []
        return hosts.filter { seen.insert($0).inserted }.joined(separator: ",")
    }

    static func deployment(_ spec: Spec) -> Node {
        let workload = spec.workload
        let probe = { (delay: Int) -> Node in
            YAMLTree.map([
                ("httpGet", YAMLTree.map([
                    ("path", YAMLTree.string("/health")), ("port", YAMLTree.string("http")),
                    // MLflow 3 refuses Host headers it does not know; the kubelet would send the pod's IP.
                    ("httpHeaders", YAMLTree.seq([YAMLTree.map([("name", YAMLTree.string("Host")), ("value", YAMLTree.string("localhost"))])])),
                ])),
                ("initialDelaySeconds", YAMLTree.int(delay)), ("periodSeconds", YAMLTree.int(10)), ("timeoutSeconds", YAMLTree.int(5)),
            ])
        }
        let environment: [Node] = [
            YAMLTree.map([("name", YAMLTree.string("MLFLOW_DB_HOST")), ("valueFrom", secretValue(spec, key: "db-host"))]),
            YAMLTree.map([("name", YAMLTree.string("MLFLOW_DB_PORT")), ("valueFrom", secretValue(spec, key: "db-port"))]),
            YAMLTree.map([("name", YAMLTree.string("MLFLOW_DB_NAME")), ("valueFrom", secretValue(spec, key: "db-name"))]),
            YAMLTree.map([("name", YAMLTree.string("MLFLOW_DB_USER")), ("valueFrom", secretValue(spec, key: "db-user"))]),
            YAMLTree.map([("name", YAMLTree.string("MLFLOW_DB_PASSWORD")), ("valueFrom", secretValue(spec, key: "db-password"))]),
            // Kubernetes expands $(VAR) from the variables above; MLflow reads its backend from this variable.
            YAMLTree.map([("name", YAMLTree.string("MLFLOW_BACKEND_STORE_URI")),
                          ("value", YAMLTree.string("postgresql+psycopg2://$(MLFLOW_DB_USER):$(MLFLOW_DB_PASSWORD)@$(MLFLOW_DB_HOST):$(MLFLOW_DB_PORT)/$(MLFLOW_DB_NAME)"))],
                         flow: true),
            YAMLTree.map([("name", YAMLTree.string("MLFLOW_ARTIFACTS_DESTINATION")), ("valueFrom", secretValue(spec, key: "artifacts-destination"))]),
            YAMLTree.map([("name", YAMLTree.string("AWS_ACCESS_KEY_ID")), ("valueFrom", secretValue(spec, key: "aws-access-key-id", optional: true))]),
            YAMLTree.map([("name", YAMLTree.string("AWS_SECRET_ACCESS_KEY")), ("valueFrom", secretValue(spec, key: "aws-secret-access-key", optional: true))]),
            YAMLTree.map([("name", YAMLTree.string("MLFLOW_S3_ENDPOINT_URL")), ("valueFrom", secretValue(spec, key: "s3-endpoint-url", optional: true))]),
            YAMLTree.map([("name", YAMLTree.string("HOME")), ("value", YAMLTree.string("/tmp"))]),
        ]
        let container = YAMLTree.map([
            ("name", YAMLTree.string(app)),
            ("image", YAMLTree.string("\(workload.image):\(spec.context.mlflowVersion)")),
            ("imagePullPolicy", YAMLTree.string("Always")),
            ("command", YAMLTree.strings(["mlflow"])),
            ("args", YAMLTree.strings(["server", "--host", "0.0.0.0", "--port", "5000",
                                       "--artifacts-destination", "$(MLFLOW_ARTIFACTS_DESTINATION)",
                                       "--allowed-hosts", allowedHosts(spec)])),
            ("env", YAMLTree.seq(environment)),
            ("ports", YAMLTree.seq([YAMLTree.map([("name", YAMLTree.string("http")), ("containerPort", YAMLTree.int(5000))])])),
            ("readinessProbe", probe(10)),
            ("livenessProbe", probe(30)),
            ("resources", resources(workload.resources)),
            ("securityContext", securityContext()),
            ("volumeMounts", YAMLTree.seq([YAMLTree.map([("name", YAMLTree.string("tmp")), ("mountPath", YAMLTree.string("/tmp"))])])),
        ])
        return YAMLTree.map([
            ("apiVersion", YAMLTree.string("apps/v1")), ("kind", YAMLTree.string("Deployment")),
            ("metadata", spec.metadata(app)),
            ("spec", YAMLTree.map([
                ("replicas", YAMLTree.int(workload.replicas)),
                ("selector", YAMLTree.map([("matchLabels", spec.selector)])),
                ("template", YAMLTree.map([
                    ("metadata", YAMLTree.map([("labels", spec.labels)])),
                    ("spec", YAMLTree.map([
                        ("serviceAccountName", YAMLTree.string(app)),
                        ("automountServiceAccountToken", YAMLTree.bool(false)),
                        ("securityContext", podSecurity(user: 10001)),
                        ("containers", YAMLTree.seq([container])),
                        ("volumes", YAMLTree.seq([YAMLTree.map([("name", YAMLTree.string("tmp")), ("emptyDir", YAMLTree.map([]))])])),
                    ])),
                ])),
            ])),
        ])
    }

    static func service(_ spec: Spec) -> Node {
        YAMLTree.map([
            ("apiVersion", YAMLTree.string("v1")), ("kind", YAMLTree.string("Service")), ("metadata", spec.metadata(app)),
            ("spec", YAMLTree.map([
                ("type", YAMLTree.string("ClusterIP")), ("selector", spec.selector),
                ("ports", YAMLTree.seq([YAMLTree.map([("name", YAMLTree.string("http")), ("port", YAMLTree.int(5000)),
                                                      ("targetPort", YAMLTree.string("http"))])])),
            ])),
        ])
    }

    static func clientPolicy(_ spec: Spec) -> Node {
        YAMLTree.map([
            ("apiVersion", YAMLTree.string("networking.k8s.io/v1")), ("kind", YAMLTree.string("NetworkPolicy")),
            ("metadata", spec.metadata(app)),
            ("spec", YAMLTree.map([
                ("podSelector", YAMLTree.map([("matchLabels", spec.selector)])),
                ("policyTypes", YAMLTree.strings(["Ingress"])),
                ("ingress", YAMLTree.seq([YAMLTree.map([
                    ("from", YAMLTree.seq([YAMLTree.map([
                        ("namespaceSelector", YAMLTree.map([])),
                        ("podSelector", YAMLTree.map([("matchLabels", YAMLTree.map([(spec.workload.clientLabel, YAMLTree.string("true"))]))])),
                    ])])),
                    ("ports", YAMLTree.seq([YAMLTree.map([("protocol", YAMLTree.string("TCP")), ("port", YAMLTree.int(5000))])])),
                ])])),
            ])),
        ])
    }

    static func disruptionBudget(_ spec: Spec) -> Node {
        YAMLTree.map([
            ("apiVersion", YAMLTree.string("policy/v1")), ("kind", YAMLTree.string("PodDisruptionBudget")),
            ("metadata", spec.metadata(app)),
            ("spec", YAMLTree.map([("minAvailable", YAMLTree.int(1)), ("selector", YAMLTree.map([("matchLabels", spec.selector)]))])),
        ])
    }

    /// An inline JSON patch (RFC 6902) on the base's Deployment: no partial manifest for scanners to misread.
    static func replicasPatch(replicas: Int) -> Node {
        YAMLTree.map([
            ("target", YAMLTree.map([("kind", YAMLTree.string("Deployment")), ("name", YAMLTree.string(app))])),
            ("patch", YAMLTree.string("- op: replace\n  path: /spec/replicas\n  value: \(replicas)\n")),
        ])
    }

    static var postgresName: String { "\(app)-postgres" }

    static func postgresLabels(_ spec: Spec) -> Node {
        YAMLTree.map([("app.kubernetes.io/name", YAMLTree.string(postgresName)), ("app.kubernetes.io/part-of", YAMLTree.string("ripen-tracking"))])
    }

    static func postgresService(_ spec: Spec) -> Node {
        YAMLTree.map([
            ("apiVersion", YAMLTree.string("v1")), ("kind", YAMLTree.string("Service")),
            ("metadata", spec.metadata(postgresName, labels: postgresLabels(spec))),
            ("spec", YAMLTree.map([
                ("type", YAMLTree.string("ClusterIP")),
                ("selector", YAMLTree.map([("app.kubernetes.io/name", YAMLTree.string(postgresName))])),
                ("ports", YAMLTree.seq([YAMLTree.map([("name", YAMLTree.string("postgres")), ("port", YAMLTree.int(5432)),
                                                      ("targetPort", YAMLTree.string("postgres"))])])),
            ])),
        ])
    }

    static func postgresStatefulSet(_ spec: Spec) -> Node {
        let database = spec.workload.devDatabase
        let image = spec.context.server.images?.postgres ?? "postgres:16"
        let ready = { (delay: Int) -> Node in
            YAMLTree.map([
                ("exec", YAMLTree.map([("command", YAMLTree.strings(["sh", "-c", "pg_isready -U \"$POSTGRES_USER\" -d \"$POSTGRES_DB\""]))])),
                ("initialDelaySeconds", YAMLTree.int(delay)), ("periodSeconds", YAMLTree.int(10)),
            ])
        }
        let container = YAMLTree.map([
            ("name", YAMLTree.string("postgres")),
            ("image", YAMLTree.string(image)),
            ("imagePullPolicy", YAMLTree.string("Always")),
            ("env", YAMLTree.seq([
                YAMLTree.map([("name", YAMLTree.string("POSTGRES_DB")), ("valueFrom", secretValue(spec, key: "db-name"))]),
                YAMLTree.map([("name", YAMLTree.string("POSTGRES_USER")), ("valueFrom", secretValue(spec, key: "db-user"))]),
                YAMLTree.map([("name", YAMLTree.string("POSTGRES_PASSWORD")), ("valueFrom", secretValue(spec, key: "db-password"))]),
                YAMLTree.map([("name", YAMLTree.string("PGDATA")), ("value", YAMLTree.string("/var/lib/postgresql/data/pgdata"))]),
            ])),
            ("ports", YAMLTree.seq([YAMLTree.map([("name", YAMLTree.string("postgres")), ("containerPort", YAMLTree.int(5432))])])),
            ("readinessProbe", ready(5)),
            ("livenessProbe", ready(30)),
            ("resources", resources(database.resources)),
            ("securityContext", securityContext()),
            ("volumeMounts", YAMLTree.seq([
                YAMLTree.map([("name", YAMLTree.string("data")), ("mountPath", YAMLTree.string("/var/lib/postgresql/data"))]),
                YAMLTree.map([("name", YAMLTree.string("run")), ("mountPath", YAMLTree.string("/var/run/postgresql"))]),
                YAMLTree.map([("name", YAMLTree.string("tmp")), ("mountPath", YAMLTree.string("/tmp"))]),
            ])),
        ])
        return YAMLTree.map([
            ("apiVersion", YAMLTree.string("apps/v1")), ("kind", YAMLTree.string("StatefulSet")),
            ("metadata", spec.metadata(postgresName, labels: postgresLabels(spec))),
            ("spec", YAMLTree.map([
                ("serviceName", YAMLTree.string(postgresName)),
                ("replicas", YAMLTree.int(1)),
                ("selector", YAMLTree.map([("matchLabels", YAMLTree.map([("app.kubernetes.io/name", YAMLTree.string(postgresName))]))])),
                ("template", YAMLTree.map([
                    ("metadata", YAMLTree.map([("labels", postgresLabels(spec))])),
                    ("spec", YAMLTree.map([
                        ("automountServiceAccountToken", YAMLTree.bool(false)),
                        // The postgres image runs initdb and the server as any user whose data folder is writable.
                        ("securityContext", podSecurity(user: 10001)),
                        ("containers", YAMLTree.seq([container])),
                        ("volumes", YAMLTree.seq([
                            YAMLTree.map([("name", YAMLTree.string("run")), ("emptyDir", YAMLTree.map([]))]),
                            YAMLTree.map([("name", YAMLTree.string("tmp")), ("emptyDir", YAMLTree.map([]))]),
                        ])),
                    ])),
                ])),
                ("volumeClaimTemplates", YAMLTree.seq([YAMLTree.map([
                    ("metadata", YAMLTree.map([("name", YAMLTree.string("data"))])),
                    ("spec", YAMLTree.map([
                        ("accessModes", YAMLTree.strings(["ReadWriteOnce"])),
                        ("resources", YAMLTree.map([("requests", YAMLTree.map([("storage", YAMLTree.string(database.storage))]))])),
                    ])),
                ])])),
            ])),
        ])
    }

    static func postgresPolicy(_ spec: Spec) -> Node {
        YAMLTree.map([
            ("apiVersion", YAMLTree.string("networking.k8s.io/v1")), ("kind", YAMLTree.string("NetworkPolicy")),
            ("metadata", spec.metadata(postgresName, labels: postgresLabels(spec))),
            ("spec", YAMLTree.map([
                ("podSelector", YAMLTree.map([("matchLabels", YAMLTree.map([("app.kubernetes.io/name", YAMLTree.string(postgresName))]))])),
                ("policyTypes", YAMLTree.strings(["Ingress"])),
                ("ingress", YAMLTree.seq([YAMLTree.map([
                    ("from", YAMLTree.seq([YAMLTree.map([("podSelector", YAMLTree.map([("matchLabels", spec.selector)]))])])),
                    ("ports", YAMLTree.seq([YAMLTree.map([("protocol", YAMLTree.string("TCP")), ("port", YAMLTree.int(5432))])])),
                ])])),
            ])),
        ])
    }

    static func ingress(_ spec: Spec, host: String) -> Node {
        YAMLTree.map([
            ("apiVersion", YAMLTree.string("networking.k8s.io/v1")), ("kind", YAMLTree.string("Ingress")),
            ("metadata", spec.metadata(app)),
            ("spec", YAMLTree.map([
                ("tls", YAMLTree.seq([YAMLTree.map([("hosts", YAMLTree.strings([host])), ("secretName", YAMLTree.string("\(app)-tls"))])])),
                ("rules", YAMLTree.seq([YAMLTree.map([
                    ("host", YAMLTree.string(host)),
                    ("http", YAMLTree.map([("paths", YAMLTree.seq([YAMLTree.map([
                        ("path", YAMLTree.string("/")), ("pathType", YAMLTree.string("Prefix")),
                        ("backend", YAMLTree.map([("service", YAMLTree.map([
                            ("name", YAMLTree.string(app)), ("port", YAMLTree.map([("name", YAMLTree.string("http"))])),
                        ]))])),
                    ])]))])),
                ])])),
            ])),
        ])
    }

    static func ingressPolicy(_ spec: Spec) -> Node {
        YAMLTree.map([
            ("apiVersion", YAMLTree.string("networking.k8s.io/v1")), ("kind", YAMLTree.string("NetworkPolicy")),
            ("metadata", spec.metadata("\(app)-from-ingress")),
            ("spec", YAMLTree.map([
                ("podSelector", YAMLTree.map([("matchLabels", spec.selector)])),
                ("policyTypes", YAMLTree.strings(["Ingress"])),
                ("ingress", YAMLTree.seq([YAMLTree.map([
                    ("from", YAMLTree.seq([YAMLTree.map([("namespaceSelector", YAMLTree.map([("matchLabels", YAMLTree.map([
                        ("kubernetes.io/metadata.name", YAMLTree.string(spec.workload.ingressNamespace)),
                    ]))]))])])),
                    ("ports", YAMLTree.seq([YAMLTree.map([("protocol", YAMLTree.string("TCP")), ("port", YAMLTree.int(5000))])])),
                ])])),
            ])),
        ])
    }

    static func checkovConfiguration(_ spec: Spec) -> String {
        var out = spec.context.header("#", source: spec.context.playbook.file)
        out += "# checkov's configuration for these manifests: `checkov -d kubernetes --config-file kubernetes/.checkov.yaml`.\n"
        return out + CheckovConfiguration.render(spec.context, framework: "kubernetes", what: "Kubernetes")
    }
}
