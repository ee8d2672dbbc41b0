import Foundation
import Testing
import Yams
@testable import RipenKit

/// `ripen generate all --target kubernetes`: every manifest passes `kubernetes-validate --strict` for the two
/// newest Kubernetes minor versions it ships, checkov's Kubernetes checks pass but for the ones the shipped
/// `.checkov.yaml` accepts (and without it, exactly those fail), each overlay's resources and patches
/// resolve, the security rules hold, and the audit credits the manifests.
@Suite(.serialized) struct KubernetesTests {
    nonisolated(unsafe) static let plain = try! GeneratedTree(options: GenerationOptions(target: .kubernetes))
    nonisolated(unsafe) static let withIngress = try! GeneratedTree(options: GenerationOptions(target: .kubernetes, allowedHosts: ["mlflow.example.com"]))

    /// Kubernetes resources: every generated YAML file but the Kustomize files and checkov's configuration.
    static func manifests(_ tree: GeneratedTree) -> [String] {
        tree.paths { $0.hasPrefix("kubernetes/") && $0.hasSuffix(".yaml") && !$0.hasSuffix("kustomization.yaml") && !$0.hasSuffix(".checkov.yaml") }
    }

    static func documents(_ path: String) throws -> [[String: Any]] {
        try Yams.load_all(yaml: String(contentsOfFile: path, encoding: .utf8)).compactMap { $0 as? [String: Any] }
    }

    /// The newest minor version kubernetes-validate ships (its default), and the one before it.
    static func kubernetesVersions() throws -> [String] {
        let help = try Tool.run("kubernetes-validate", ["--help"]).stdout.replacingOccurrences(of: "\n", with: " ")
        let range = try #require(help.range(of: #"Defaults to (\d+)\.(\d+)\.(\d+)"#, options: .regularExpression))
        let parts = help[range].dropFirst("Defaults to ".count).split(separator: ".").compactMap { Int($0) }
        try #require(parts.count == 3)
        return ["\(parts[0]).\(parts[1]).0", "\(parts[0]).\(parts[1] - 1).0"]
    }

    @Test func manifestsPassKubernetesValidateStrictOnTheTwoNewestVersions() async throws {
        let files = Self.manifests(Self.plain) + Self.manifests(Self.withIngress)
        #expect(files.count >= 14)
        for version in try await OffPool.run({ try Self.kubernetesVersions() }) {
            let run = try await OffPool.run { try Tool.run("kubernetes-validate", ["--strict", "--kubernetes-version", version] + files) }
            #expect(run.status == 0, "Kubernetes \(version):\n\(run.stdout)\n\(run.stderr)")
            #expect(!run.stdout.contains("ERROR") && !run.stdout.contains("WARN"), "\(run.stdout)")
        }
    }

    static func checkovFailures(directory: URL, configuration: String?) async throws -> (passed: Int, failed: Set<String>) {
        var arguments = ["--directory", directory.path, "--framework", "kubernetes", "--skip-download", "--output", "json"]
        if let configuration { arguments += ["--config-file", configuration] }
        let finalArguments = arguments
        let run = try await OffPool.run { try Tool.run("checkov", finalArguments) }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stdout.prefix(2000))\n\(run.stderr.suffix(2000))")
        let results = try #require(json["results"] as? [String: Any])
        let failed = (results["failed_checks"] as? [[String: Any]] ?? []).compactMap { $0["check_id"] as? String }
        let passed = (results["passed_checks"] as? [[String: Any]] ?? []).count
        return (passed, Set(failed))
    }

    @Test(arguments: [false, true]) func checkovFindsNothingButTheAcceptedChecks(_ ingress: Bool) async throws {
        let tree = ingress ? Self.withIngress : Self.plain
        let accepted = Set(try ProvisioningCatalog.load().playbook(for: .kubernetes).acceptedChecks.map(\.id))
        let configured = try await Self.checkovFailures(directory: tree.url.appendingPathComponent("kubernetes"),
                                                  configuration: tree.path("kubernetes/.checkov.yaml"))
        #expect(configured.failed.isEmpty, "checkov failed: \(configured.failed.sorted())")
        #expect(configured.passed >= 100)
        // Without the configuration only the accepted checks fail: each entry of the skip list is needed.
        let bare = FileManager.default.temporaryDirectory.appendingPathComponent("ripen-k8s-bare-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: bare) }
        try FileManager.default.copyItem(at: tree.url.appendingPathComponent("kubernetes"), to: bare)
        try FileManager.default.removeItem(at: bare.appendingPathComponent(".checkov.yaml"))
        let unconfigured = try await Self.checkovFailures(directory: bare, configuration: nil)
        #expect(unconfigured.failed == accepted)
    }

    /// No kustomize binary comes from Debian or PyPI: every overlay's resources must exist (a file, or a
    /// folder with a kustomization) and every patch must name a resource that the overlay includes.
    @Test(arguments: [false, true]) func everyOverlayResolves(_ ingress: Bool) throws {
        let tree = ingress ? Self.withIngress : Self.plain
        func resources(_ folder: URL) throws -> [(kind: String, name: String)] {
            let kustomization = try #require(try Self.documents(folder.appendingPathComponent("kustomization.yaml").path).first)
            #expect(kustomization["kind"] as? String == "Kustomization")
            var found: [(kind: String, name: String)] = []
            for entry in kustomization["resources"] as? [String] ?? [] {
                let url = folder.appendingPathComponent(entry).standardizedFileURL
                var isFolder: ObjCBool = false
                #expect(FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), "\(folder.lastPathComponent): \(entry) does not exist")
                if isFolder.boolValue {
                    found += try resources(url)
                } else {
                    for document in try Self.documents(url.path) {
                        let metadata = document["metadata"] as? [String: Any]
                        found.append((document["kind"] as? String ?? "", metadata?["name"] as? String ?? ""))
                    }
                }
            }
            for patch in kustomization["patches"] as? [[String: Any]] ?? [] {
                let target = try #require(patch["target"] as? [String: String])
                #expect(found.contains { $0.kind == target["kind"] && $0.name == target["name"] }, "patch target \(target) is not a resource")
                let text = try #require(patch["patch"] as? String)
                let operations = try #require(try Yams.load(yaml: text) as? [[String: Any]])
                #expect(operations.allSatisfy { ["add", "replace", "remove"].contains($0["op"] as? String ?? "") && ($0["path"] as? String)?.hasPrefix("/") == true })
            }
            return found
        }
        let dev = try resources(tree.url.appendingPathComponent("kubernetes/overlays/dev"))
        #expect(dev.contains { $0 == ("StatefulSet", "mlflow-postgres") } && dev.contains { $0 == ("Deployment", "mlflow") })
        let prod = try resources(tree.url.appendingPathComponent("kubernetes/overlays/prod"))
        #expect(!prod.contains { $0.kind == "StatefulSet" }, "prod runs no database in the cluster")
        #expect(prod.contains { $0.kind == "Ingress" } == ingress)
    }

    @Test func securityRulesHold() throws {
        let workload = try #require(try ProvisioningCatalog.load().playbook(for: .kubernetes).workload)
        var containers = 0
        for tree in [Self.plain, Self.withIngress] {
            for file in tree.paths(where: { $0.hasPrefix("kubernetes/") }) {
                let text = try String(contentsOfFile: file, encoding: .utf8)
                #expect(!text.contains("latest"), "\(file)")
                #expect(!text.contains("hostPath") && !text.contains("privileged: true") && !text.contains("hostNetwork"), "\(file)")
                #expect(!text.contains("LoadBalancer") && !text.contains("NodePort"), "\(file)")
            }
            for file in Self.manifests(tree) {
                for document in try Self.documents(file) {
                    let kind = document["kind"] as? String
                    #expect(kind != "Secret", "\(file) holds a Secret")
                    if kind == "Service" { #expect((document["spec"] as? [String: Any])?["type"] as? String == "ClusterIP") }
                    if kind == "Deployment" { #expect((document["spec"] as? [String: Any])?["replicas"] as? Int == workload.replicas) }
                    guard let template = ((document["spec"] as? [String: Any])?["template"] as? [String: Any])?["spec"] as? [String: Any] else { continue }
                    #expect(template["automountServiceAccountToken"] as? Bool == false)
                    #expect((template["securityContext"] as? [String: Any])?["runAsNonRoot"] as? Bool == true)
                    for container in template["containers"] as? [[String: Any]] ?? [] {
                        containers += 1
                        let security = try #require(container["securityContext"] as? [String: Any])
                        #expect(security["runAsNonRoot"] as? Bool == true && security["readOnlyRootFilesystem"] as? Bool == true)
                        #expect(security["allowPrivilegeEscalation"] as? Bool == false)
                        #expect((security["capabilities"] as? [String: Any])?["drop"] as? [String] == ["ALL"])
                        let resources = try #require(container["resources"] as? [String: Any])
                        #expect(resources["requests"] != nil && resources["limits"] != nil)
                        #expect(container["readinessProbe"] != nil && container["livenessProbe"] != nil)
                        let image = try #require(container["image"] as? String)
                        #expect(image.split(separator: "/").last?.contains(":") == true, "\(image) has no tag")
                        // Secrets only by reference.
                        for variable in container["env"] as? [[String: Any]] ?? [] {
                            let name = variable["name"] as? String ?? ""
                            if name.contains("PASSWORD") || name.contains("SECRET") { #expect(variable["value"] == nil, "\(name) has a value") }
                        }
                    }
                }
            }
        }
        #expect(containers == 4)
        // The server answers only to the hosts it knows; the probes send one of them.
        let deployment = try String(contentsOfFile: Self.plain.path("kubernetes/base/deployment.yaml"), encoding: .utf8)
        #expect(deployment.contains("--allowed-hosts"))
        #expect(deployment.contains("name: Host"))
    }

    @Test func theAuditCreditsTheManifests() throws {
        let run = try RipenBinary.run(["audit", Self.plain.url.path, "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let passed = Set((report["checks"] as? [[String: Any]] ?? []).filter { $0["status"] as? String == "pass" }.compactMap { $0["id"] as? String })
        #expect(passed.isSuperset(of: ["iac-kubernetes", "tracking-server-deployed", "environment-container"]), "\(passed.sorted())")
    }

    @Test func bootstrapHasNoMachineToSetUp() throws {
        let run = try RipenBinary.run(["bootstrap", "--target", "kubernetes", "--dry-run"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("no machine to set up"))
    }
}
