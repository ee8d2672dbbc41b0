/// The CloudFormation pieces of `--set backend=rds`: an encrypted RDS PostgreSQL instance that is not
/// publicly accessible, in a security group that admits only the instance's group, its master password
/// managed by Secrets Manager (`ManageMasterUserPassword`), readable by the instance role alone. Each
/// fragment starts with a line break and ends without one: it continues the line before it.
enum RDSTemplate {
    static let parameters = """

      DatabaseInstanceClass:
        Type: String
        Default: db.t4g.micro
        AllowedValues: [db.t4g.micro, db.t4g.small, db.t4g.medium, db.m7g.large]
        Description: The RDS PostgreSQL instance class
      DatabaseMultiAZ:
        Type: String
        Default: "false"
        AllowedValues: ["true", "false"]
        Description: A standby in a second availability zone (doubles the database's cost)
    """

    static let secretPolicy = """

            - PolicyName: database-secret
              PolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Action: [secretsmanager:GetSecretValue]
                    Resource: !GetAtt Database.MasterUserSecret.SecretArn
    """

    /// Containers reach the instance metadata (one more hop) and the instance's tags appear in it.
    static let metadataOptions = """

            HttpPutResponseHopLimit: 2
            InstanceMetadataTags: enabled
    """

    static let instanceTags = """

            - Key: \(RDSBackend.endpointTag)
              Value: !GetAtt Database.Endpoint.Address
            - Key: \(RDSBackend.secretTag)
              Value: !GetAtt Database.MasterUserSecret.SecretArn
            - Key: \(RDSBackend.bucketTag)
              Value: !Ref ArtifactBucket
    """

    static func resources(_ context: GenerationContext) -> String {
        """

          DatabaseSecurityGroup:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: PostgreSQL from the tracking server instance only
              SecurityGroupIngress:
                - IpProtocol: tcp
                  FromPort: 5432
                  ToPort: 5432
                  SourceSecurityGroupId: !GetAtt SecurityGroup.GroupId
                  Description: PostgreSQL from the MLflow instance

          DatabaseMonitoringRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal:
                      Service: monitoring.rds.amazonaws.com
                    Action: sts:AssumeRole
              ManagedPolicyArns:
                - arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole

          Database:
            Type: AWS::RDS::DBInstance
            DeletionPolicy: Snapshot
            UpdateReplacePolicy: Snapshot
            Properties:
              Engine: postgres
              EngineVersion: "\(RDSBackend.engineVersion(context))"
              DBInstanceClass: !Ref DatabaseInstanceClass
              MultiAZ: !Ref DatabaseMultiAZ
              AllocatedStorage: "20"
              StorageType: gp3
              StorageEncrypted: true
              PubliclyAccessible: false
              DBName: \(RDSBackend.database)
              MasterUsername: \(RDSBackend.database)
              ManageMasterUserPassword: true
              VPCSecurityGroups: [!GetAtt DatabaseSecurityGroup.GroupId]
              BackupRetentionPeriod: 7
              DeletionProtection: true
              AutoMinorVersionUpgrade: true
              CopyTagsToSnapshot: true
              EnableIAMDatabaseAuthentication: true
              EnableCloudwatchLogsExports: [postgresql]
              MonitoringInterval: 60
              MonitoringRoleArn: !GetAtt DatabaseMonitoringRole.Arn
              EnablePerformanceInsights: true

        """
    }

    static let outputs = """
      DatabaseEndpoint:
        Description: The RDS PostgreSQL endpoint (reachable from the instance only)
        Value: !GetAtt Database.Endpoint.Address
      DatabaseSecretArn:
        Description: The master user's password, kept and rotated by Secrets Manager
        Value: !GetAtt Database.MasterUserSecret.SecretArn
      DatabasePasswordCommand:
        Description: Prints the database's credentials (from the instance, or with your own AWS credentials)
        Value: !Sub "aws secretsmanager get-secret-value --secret-id ${Database.MasterUserSecret.SecretArn} --query SecretString"

    """
}
