import Foundation
import Testing
@testable import RipenKit

/// Secure by default, across every configuration: nothing listens beyond loopback or opens to the world
/// unless asked, no secret sits in a file git would track, every downloaded installer is checked.
@Suite struct GeneratedSecurityTests {
    static func files(_ options: GenerationOptions) throws -> [GeneratedFile] {
        let context = try GenerationContext(catalog: ProvisioningCatalog.load(), options: options)
        return try Generation.files(Generation.stacks(for: options.target), context: context)
    }

    @Test func nothingIsPublishedBeyondLoopbackUnlessAsked() throws {
        for options in Configurations.all where Stack.trackingServer.targets.contains(options.target) {
            let files = try Self.files(options)
            let compose = try #require(files.first { $0.path == "tracking-server/docker-compose.yml" })
            let published = compose.contents.split(separator: "\n").filter { $0.hasPrefix("      - \"") && $0.contains("5000:5000\"") }
            #expect(published.count == 1)
            if options.publicAccess {
                #expect(published.first?.contains("\"5000:5000\"") == true)
                #expect(compose.contents.contains("\"basic-auth\""), "a published server has MLflow's basic auth on")
            } else {
                #expect(published.allSatisfy { $0.contains("\"127.0.0.1:5000:5000\"") }, "\(published)")
                #expect(!compose.contents.contains("basic-auth"))
            }
            let start = try #require(files.first { $0.path == "tracking-server/start-tracking-server.sh" })
            #expect(start.contents.contains("server --host 127.0.0.1 "))
            #expect(!start.contents.contains("0.0.0.0"))
            for file in files where file.path.hasSuffix(".sh") {
                #expect(!file.contents.contains("--host 0.0.0.0"), "\(file.path)")
            }
            if let template = files.first(where: { $0.path == "ec2/cloudformation.yaml" }) {
                #expect(!template.contents.contains("CidrIp: 0.0.0.0/0") && !template.contents.contains("::/0"))
                #expect(template.contents.contains("Assert: !Not [!Equals [!Ref AllowedCidr, \"0.0.0.0/0\"]]"))
                let ingress = template.contents.components(separatedBy: "CidrIp: !Ref AllowedCidr").count - 1
                #expect(ingress == (options.publicAccess ? 2 : 1), "SSH only, plus MLflow when --public")
                #expect(template.contents.contains("FromPort: 5000") == options.publicAccess)
            }
        }
    }

    @Test func secretsLiveOnlyInGitIgnoredFiles() throws {
        for options in [GenerationOptions(target: .ec2), GenerationOptions(target: .local, publicAccess: true)] {
            let tree = try GeneratedTree(options: options)
            let env = tree.path("tracking-server/.env")
            var info = stat()
            #expect(stat(env, &info) == 0)
            #expect(info.st_mode & 0o777 == 0o600)
            let secrets = try tree.text("tracking-server/.env").split(separator: "\n")
                .filter { !$0.hasPrefix("#") && !$0.hasPrefix("S3_ACCESS_KEY") }
                .compactMap { $0.split(separator: "=", maxSplits: 1).last.map(String.init) }
            #expect(secrets.count == (options.publicAccess ? 4 : 2))
            #expect(secrets.allSatisfy { $0.count == 48 })
            // Git itself says which files it would track.
            #expect(try Tool.run("git", ["-C", tree.url.path, "init", "--quiet"]).status == 0)
            #expect(try Tool.run("git", ["-C", tree.url.path, "check-ignore", "--quiet", "tracking-server/.env"]).status == 0)
            let tracked = try Tool.run("git", ["-C", tree.url.path, "ls-files", "--others", "--exclude-standard"]).stdout
                .split(separator: "\n").map(String.init)
            #expect(!tracked.contains("tracking-server/.env"))
            #expect(tracked.contains("tracking-server/.env.example"))
            for path in tracked {
                let text = try tree.text(path)
                for secret in secrets { #expect(!text.contains(secret), "a secret in tracked file \(path)") }
            }
        }
    }

    @Test func everyDownloadIsCheckedAgainstItsPinnedHash() throws {
        var fetches = 0
        defer { #expect(fetches >= 6, "the installers' fetches were not found at all") }
        for options in Configurations.all {
            for file in try Self.files(options) where file.path.hasSuffix(".sh") || file.path.hasSuffix(".yaml") {
                for line in file.contents.split(separator: "\n") {
                    // Every fetch names a 64-digit sha256; no bare curl or wget pipes a download anywhere.
                    if line.contains("\"$(fetch ") {
                        fetches += 1
                        #expect(line.range(of: #"fetch 'https://[^']+' [0-9a-f]{64}\)"#, options: .regularExpression) != nil, "\(line)")
                    }
                    #expect(line.range(of: #"\|\s*(ba)?sh\b"#, options: .regularExpression) == nil, "\(file.path): \(line)")
                    #expect(!line.contains("wget "), "\(file.path): \(line)")
                }
                let curls = file.contents.components(separatedBy: "curl -fsSL").count - 1
                #expect(curls <= 1, "only the checked fetch downloads (\(file.path))")
            }
        }
    }

    @Test func imagesAndPackagesArePinned() throws {
        for options in Configurations.all {
            for file in try Self.files(options) {
                for line in file.contents.split(separator: "\n") {
                    guard let reference = ImageReference.in(String(line)) else { continue }
                    #expect(ImageReference.isPinned(reference), "\(file.path): \(line)")
                }
                if file.path == "requirements.txt" {
                    for line in file.contents.split(separator: "\n") where !line.hasPrefix("#") {
                        #expect(line.contains("=="), "\(line)")
                    }
                }
            }
        }
    }
}

/// `init-secrets.sh`, where the stack runs (an EC2 instance gets the files without `.env`).
@Suite struct InitSecretsTests {
    @Test func createsPrivateRandomSecretsOnceAndComposeAcceptsThem() throws {
        let tree = try GeneratedTree([.trackingServer], options: GenerationOptions(target: .ec2, publicAccess: true))
        try FileManager.default.removeItem(atPath: tree.path("tracking-server/.env"))
        let script = tree.path("tracking-server/init-secrets.sh")
        let first = try Tool.run("bash", [script])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("ripen: wrote .env (mode 600)"))
        var info = stat()
        #expect(stat(tree.path("tracking-server/.env"), &info) == 0 && info.st_mode & 0o777 == 0o600)
        let text = try tree.text("tracking-server/.env")
        for name in ["POSTGRES_PASSWORD", "S3_SECRET_KEY", "MLFLOW_AUTH_ADMIN_PASSWORD", "MLFLOW_FLASK_SERVER_SECRET_KEY"] {
            #expect(text.range(of: "\n\(name)=[0-9a-f]{48}\n", options: .regularExpression) != nil, "\(name) in:\n\(text)")
        }
        let second = try Tool.run("bash", [script])
        #expect(second.stdout.contains("ripen: .env exists; keeping it"))
        #expect(try tree.text("tracking-server/.env") == text)
        // Compose resolves every required variable from it.
        let compose = tree.path("tracking-server/docker-compose.yml")
        let config = try Tool.run("docker-compose", ["--project-directory", tree.path("tracking-server"), "-f", compose, "config"])
        #expect(config.status == 0, "\(config.stderr)")
        #expect(!config.stdout.contains("generate-me"))
    }
}

/// The image a Compose `image:` line or a Dockerfile `FROM` line names, and whether it is pinned.
enum ImageReference {
    static func `in`(_ line: String) -> String? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("image:") {
            let value = trimmed.dropFirst("image:".count).trimmingCharacters(in: .whitespaces)
            return value.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        }
        guard trimmed.hasPrefix("FROM ") else { return nil }
        // FROM [--platform=…] IMAGE [AS name]
        return trimmed.split(separator: " ").dropFirst().first { !$0.hasPrefix("--") }.map(String.init)
    }

    /// A tag that is not `latest` (after the registry's host and port), or a digest.
    static func isPinned(_ reference: String) -> Bool {
        if reference.contains("@sha256:") { return true }
        let name = reference.split(separator: "/").last.map(String.init) ?? reference
        guard let colon = name.lastIndex(of: ":") else { return false }
        let tag = name[name.index(after: colon)...]
        return !tag.isEmpty && tag != "latest" && !tag.hasPrefix("$")
    }
}

@Suite struct ImageReferenceTests {
    @Test(arguments: [
        ("    image: postgres:16.4-bookworm", true), ("FROM python:3.12.7-slim-bookworm AS base", true),
        ("FROM --platform=linux/amd64 python:3.12.7-slim", true), ("  image: \"ghcr.io/acme/mlflow:3.17.2\"", true),
        ("image: registry.example.com:5000/mlflow@sha256:abc", true),
        ("    image: postgres", false), ("FROM python", false), ("image: minio/minio:latest", false),
        ("image: registry.example.com:5000/mlflow", false), ("image: ghcr.io/acme/api:${TAG}", false),
    ])
    func pinnedMeansATagOrADigest(_ line: String, _ pinned: Bool) throws {
        let reference = try #require(ImageReference.in(line))
        #expect(ImageReference.isPinned(reference) == pinned, "\(line)")
    }
}
