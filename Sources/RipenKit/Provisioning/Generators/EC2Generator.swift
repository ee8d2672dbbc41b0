/// AWS EC2: `ec2/setup.sh` (the ec2 playbook for an SSH session), `ec2/user-data.yaml` (cloud-config that
/// writes the generated files to /opt/ripen and runs each playbook step) and `ec2/cloudformation.yaml`
/// (an Ubuntu instance from the SSM parameter, a security group open only to a given CIDR, an instance
/// role for the artifact bucket, the cloud-config as user data).
enum EC2Generator {
    static let installRoot = "/opt/ripen"
    /// Cloud-init refuses user data over 16 KiB.
    static let userDataLimit = 16_384

    /// - Parameter generated: the files of the stacks EC2 requires (env, tracking-server), shipped in the user data.
    static func files(_ context: GenerationContext, generated: [GeneratedFile]) throws(GenerationError) -> [GeneratedFile] {
        let setup = PlaybookScript.render(context, source: context.playbook.file, scriptPath: "ec2/setup.sh",
                                          ripenDirectory: "$(cd \"$(dirname \"${BASH_SOURCE[0]}\")/..\" && pwd)")
        // Secrets are made on the instance (init-secrets.sh), never carried in user data.
        let shipped = generated.filter { !$0.secret && ($0.path == "environment.yml" || $0.path.hasPrefix(TrackingServerGenerator.folder + "/")) }
        let userData = try userData(context, shipping: shipped + [GeneratedFile("ec2/setup.sh", setup, executable: true)])
        var checkov = context.header("#", source: context.playbook.file)
        checkov += "# checkov's configuration for the template: `checkov -f ec2/cloudformation.yaml --config-file ec2/.checkov.yaml`.\n"
        checkov += CheckovConfiguration.render(context, framework: "cloudformation", what: "CloudFormation")
        return [GeneratedFile("ec2/setup.sh", setup, executable: true),
                GeneratedFile("ec2/user-data.yaml", userData),
                GeneratedFile("ec2/cloudformation.yaml", cloudFormation(context, userData: userData)),
                GeneratedFile("ec2/.checkov.yaml", checkov)]
    }

    static func userData(_ context: GenerationContext, shipping shipped: [GeneratedFile]) throws(GenerationError) -> String {
        var out = "#cloud-config\n" + context.header("#", source: context.playbook.file)
        out += """
        # Writes the generated files to \(installRoot) and runs the \(context.playbook.name) playbook one step at a time
        # (each step is skipped when already done). Progress: /var/log/cloud-init-output.log.
        write_files:

        """
        for file in shipped.sorted(by: { $0.path < $1.path }) {
            out += "  - path: \(Quote.yaml("\(installRoot)/\(file.path)"))\n"
            out += "    permissions: \(Quote.yaml(file.executable ? "0755" : "0644"))\n"
            out += "    content: |\n"
            for line in compact(file.contents) {
                out += line.isEmpty ? "\n" : "      \(line)\n"
            }
        }
        let steps = context.playbook.selected(context.optionValues).steps
        out += "runcmd:\n"
        for (index, step) in steps.enumerated() {
            out += "  # \(index + 1). \(CommentLine.text(step.name))\n"
            out += "  - [bash, \(Quote.yaml("\(installRoot)/ec2/setup.sh")), \(Quote.yaml(String(index + 1)))]\n"
        }
        guard out.utf8.count <= userDataLimit else {
            throw .invalidOption("ec2/user-data.yaml would be \(out.utf8.count) bytes; cloud-init takes at most \(userDataLimit)")
        }
        return out
    }

    /// A file's lines without its comment lines (the shebang stays): user data must fit in 16 KiB, and
    /// the commented originals are in the output folder.
    static func compact(_ text: String) -> [Substring] {
        text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().filter { line in
            let trimmed = line.drop { $0 == " " }
            return !trimmed.hasPrefix("#") || trimmed.hasPrefix("#!")
        }
    }

    static func cloudFormation(_ context: GenerationContext, userData: String) -> String {
        let publicAccess = context.options.publicAccess
        let rds = RDSBackend.applies(context)
        var out = context.header("#", source: context.playbook.file)
        out += """
        # Deploy: aws cloudformation deploy --template-file ec2/cloudformation.yaml --stack-name ripen-mlflow \\
        #   --capabilities CAPABILITY_IAM --parameter-overrides KeyName=YOUR_KEY AllowedCidr=YOUR_IP/32
        # \(publicAccess
            ? "MLflow is published on port 5000 to AllowedCidr only, behind MLflow's basic auth (user admin; the password is in /opt/ripen/tracking-server/.env)."
            : "Only SSH is open, to AllowedCidr only; reach MLflow through a tunnel (see the TunnelCommand output).")
        AWSTemplateFormatVersion: "2010-09-09"
        Description: ripen \(context.environment.name) on EC2 with an MLflow tracking server

        Parameters:
          AllowedCidr:
            Type: String
            Description: The only network allowed in (for example your office's address with /32)
            AllowedPattern: "^([0-9]{1,3}\\\\.){3}[0-9]{1,3}/([0-9]|[12][0-9]|3[0-2])$"
            ConstraintDescription: must be an IPv4 CIDR such as 203.0.113.7/32
          KeyName:
            Type: AWS::EC2::KeyPair::KeyName
            Description: The EC2 key pair for SSH
          InstanceType:
            Type: String
            Default: t3.large
            AllowedValues: [t3.medium, t3.large, t3.xlarge, m6i.large, m6i.xlarge]
          ImageId:
            Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>
            Default: /aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id
            Description: Ubuntu 24.04 LTS, resolved from Canonical's public SSM parameter\(rds ? RDSTemplate.parameters : "")

        Rules:
          NotOpenToTheWorld:
            Assertions:
              - Assert: !Not [!Equals [!Ref AllowedCidr, "0.0.0.0/0"]]
                AssertDescription: AllowedCidr must not be 0.0.0.0/0

        Resources:
          ArtifactBucket:
            Type: AWS::S3::Bucket
            DeletionPolicy: Retain
            UpdateReplacePolicy: Retain
            Properties:
              PublicAccessBlockConfiguration:
                BlockPublicAcls: true
                BlockPublicPolicy: true
                IgnorePublicAcls: true
                RestrictPublicBuckets: true
              BucketEncryption:
                ServerSideEncryptionConfiguration:
                  - ServerSideEncryptionByDefault:
                      SSEAlgorithm: AES256
              VersioningConfiguration:
                Status: Enabled

          InstanceRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal:
                      Service: ec2.amazonaws.com
                    Action: sts:AssumeRole
              Policies:
                - PolicyName: artifact-bucket
                  PolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Action: [s3:ListBucket]
                        Resource: !GetAtt ArtifactBucket.Arn
                      - Effect: Allow
                        Action: [s3:GetObject, s3:PutObject, s3:DeleteObject]
                        Resource: !Sub "${ArtifactBucket.Arn}/*"\(rds ? RDSTemplate.secretPolicy : "")

          InstanceProfile:
            Type: AWS::IAM::InstanceProfile
            Properties:
              Roles: [!Ref InstanceRole]

          SecurityGroup:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: \(publicAccess ? "SSH and MLflow from AllowedCidr only" : "SSH from AllowedCidr only")
              SecurityGroupIngress:
                - IpProtocol: tcp
                  FromPort: 22
                  ToPort: 22
                  CidrIp: !Ref AllowedCidr
                  Description: SSH

        """
        if publicAccess {
            out += """
                    - IpProtocol: tcp
                      FromPort: 5000
                      ToPort: 5000
                      CidrIp: !Ref AllowedCidr
                      Description: MLflow behind basic auth

            """
        }
        if rds { out += RDSTemplate.resources(context) }
        out += """

          Instance:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: !Ref ImageId
              InstanceType: !Ref InstanceType
              KeyName: !Ref KeyName
              IamInstanceProfile: !Ref InstanceProfile
              SecurityGroupIds: [!GetAtt SecurityGroup.GroupId]
              MetadataOptions:
                HttpTokens: required\(rds ? RDSTemplate.metadataOptions : "")
              BlockDeviceMappings:
                - DeviceName: /dev/sda1
                  Ebs:
                    VolumeSize: 50
                    VolumeType: gp3
                    Encrypted: true
              Tags:
                - Key: Name
                  Value: ripen-\(context.environment.name)\(rds ? RDSTemplate.instanceTags : "")
              UserData:
                Fn::Base64: |

        """
        for line in userData.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            out += line.isEmpty ? "\n" : "          \(line)\n"
        }
        out += """

        Outputs:
          InstanceId:
            Value: !Ref Instance
          PublicDnsName:
            Value: !GetAtt Instance.PublicDnsName
          ArtifactBucketName:
            Value: !Ref ArtifactBucket
          TunnelCommand:
            Description: Forwards http://127.0.0.1:5000 on your machine to MLflow on the instance
            Value: !Sub "ssh -N -L 5000:127.0.0.1:5000 ubuntu@${Instance.PublicDnsName}"

        """
        if rds { out += RDSTemplate.outputs }
        return out
    }
}
