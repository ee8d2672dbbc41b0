import Foundation
import Testing
import Yams
@testable import RipenKit

/// `ripen generate ec2 --set backend=rds`, the course notes' third scenario: RDS PostgreSQL that is
/// encrypted, private and reachable from the instance's security group only, its password kept by Secrets
/// Manager and readable by the instance role alone, artifacts in the stack's bucket through the role.
/// checkov passes on both templates but for the checks `.checkov.yaml` accepts (and without it, exactly
/// those fail). cfn-lint, shellcheck, the Compose schema and the rest run over it in `ValidatorTests`.
@Suite(.serialized) struct EC2RemoteBackendTests {
    nonisolated(unsafe) static let rds = try! GeneratedTree([.ec2], options: GenerationOptions(target: .ec2, settings: ["backend": "rds"]))
    nonisolated(unsafe) static let onbox = try! GeneratedTree([.ec2], options: GenerationOptions(target: .ec2))

    static func template(_ tree: GeneratedTree) throws -> Node {
        try #require(try Yams.compose(yaml: tree.text("ec2/cloudformation.yaml")))
    }

    @Test func theDatabaseIsPrivateEncryptedAndItsPasswordNeverWritten() throws {
        let template = try Self.template(Self.rds)
        let database = try #require(template["Resources"]?["Database"]?["Properties"])
        #expect(database["Engine"]?.string == "postgres")
        #expect(database["PubliclyAccessible"]?.bool == false)
        #expect(database["StorageEncrypted"]?.bool == true)
        #expect(database["ManageMasterUserPassword"]?.bool == true)
        #expect(database["MasterUserPassword"] == nil)
        #expect(database["DeletionProtection"]?.bool == true)
        // Its own security group, which admits the instance's group only.
        let ingress = try #require(template["Resources"]?["DatabaseSecurityGroup"]?["Properties"]?["SecurityGroupIngress"]?.sequence)
        #expect(ingress.count == 1)
        #expect(ingress.allSatisfy { $0["SourceSecurityGroupId"] != nil && $0["CidrIp"] == nil && $0["FromPort"]?.int == 5432 })
        // The instance role reads that secret and nothing else of Secrets Manager.
        let text = try Self.rds.text("ec2/cloudformation.yaml")
        #expect(text.contains("Action: [secretsmanager:GetSecretValue]\n                Resource: !GetAtt Database.MasterUserSecret.SecretArn"))
        #expect(!text.contains("0.0.0.0/0\"]") || text.contains("AllowedCidr must not be 0.0.0.0/0"))
        #expect(!text.contains("CidrIp: 0.0.0.0/0"))
        // The instance finds the database, its secret and the bucket in its own tags.
        let tags = try #require(template["Resources"]?["Instance"]?["Properties"]?["Tags"]?.sequence).compactMap { $0["Key"]?.string }
        #expect(Set(tags).isSuperset(of: [RDSBackend.endpointTag, RDSBackend.secretTag, RDSBackend.bucketTag]))
        let metadata = try #require(template["Resources"]?["Instance"]?["Properties"]?["MetadataOptions"])
        #expect(metadata["HttpTokens"]?.string == "required" && metadata["InstanceMetadataTags"]?.string == "enabled")
        for output in ["DatabaseEndpoint", "DatabaseSecretArn", "DatabasePasswordCommand", "TunnelCommand"] {
            #expect(template["Outputs"]?[output] != nil, "\(output)")
        }
    }

    @Test func theStackRunsMLflowAloneWithItsBackendAndArtifactsOutside() throws {
        let compose = try #require(try Yams.load(yaml: Self.rds.text("tracking-server/docker-compose.yml")) as? [String: Any])
        let services = try #require(compose["services"] as? [String: Any])
        #expect(Array(services.keys) == ["mlflow"])
        let text = try Self.rds.text("tracking-server/docker-compose.yml")
        #expect(text.contains("MLFLOW_BACKEND_STORE_URI: ${MLFLOW_BACKEND_STORE_URI:?run ./init-rds-connection.sh to create .env}"))
        #expect(text.contains("\"127.0.0.1:5000:5000\""))
        // No key or password in any generated file, and no secret file generated at all: the instance writes .env.
        #expect(!Self.rds.files.contains { $0.secret })
        for file in Self.rds.files {
            #expect(!file.contents.contains("AWS_SECRET_ACCESS_KEY"), "\(file.path)")
            #expect(file.contents.range(of: #"(?m)^\s*MasterUserPassword:"#, options: .regularExpression) == nil, "\(file.path)")
        }
        let script = try Self.rds.text("tracking-server/init-rds-connection.sh")
        #expect(script.contains("X-aws-ec2-metadata-token"))
        #expect(script.contains("get_secret_value") && script.contains("sslmode=require"))
        #expect(script.contains("umask 077"))
        // The user data carries the script, not a secret; the playbook runs it, then Compose.
        let userData = try Self.rds.text("ec2/user-data.yaml")
        #expect(userData.contains("/opt/ripen/tracking-server/init-rds-connection.sh"))
        #expect(!userData.contains("init-secrets.sh"))
        // The default stays on the instance.
        #expect(try Self.onbox.text("tracking-server/docker-compose.yml").contains("postgres:"))
        #expect(!(try Self.onbox.text("ec2/cloudformation.yaml")).contains("AWS::RDS::DBInstance"))
    }

    static func checkov(_ tree: GeneratedTree, configured: Bool) async throws -> Set<String> {
        var arguments = ["--file", tree.path("ec2/cloudformation.yaml"), "--framework", "cloudformation", "--skip-download", "--output", "json"]
        if configured { arguments += ["--config-file", tree.path("ec2/.checkov.yaml")] }
        let finalArguments = arguments
        let run = try await OffPool.run { try Tool.run("checkov", finalArguments) }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stderr.suffix(2000))")
        let results = try #require(json["results"] as? [String: Any])
        #expect((results["passed_checks"] as? [Any])?.count ?? 0 >= 20)
        return Set((results["failed_checks"] as? [[String: Any]] ?? []).compactMap { $0["check_id"] as? String })
    }

    @Test(arguments: ["onbox", "rds"]) func checkovFindsNothingButTheAcceptedChecks(_ backend: String) async throws {
        let tree = backend == "rds" ? Self.rds : Self.onbox
        let context = try GenerationContext(catalog: ProvisioningCatalog.load(), options: GenerationOptions(target: .ec2, settings: ["backend": backend]))
        let accepted = Set(context.playbook.accepted(context.optionValues).map(\.id))
        let configured = try await Self.checkov(tree, configured: true)
        let bare = try await Self.checkov(tree, configured: false)
        #expect(configured.isEmpty)
        #expect(bare == accepted)
    }
}
