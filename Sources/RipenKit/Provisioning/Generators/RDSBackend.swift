/// The course notes' third scenario on EC2 (`ripen generate ec2 --set backend=rds`): MLflow alone in
/// Compose, its backend an RDS PostgreSQL instance whose password Secrets Manager keeps, its artifacts in
/// the stack's S3 bucket through the instance role. No key or password is on disk until the instance
/// writes `.env` itself (`init-rds-connection.sh`), from its own tags and the secret.
enum RDSBackend {
    static let script = "init-rds-connection.sh"
    /// Instance tags the CloudFormation template sets and the instance reads back from its metadata.
    static let endpointTag = "ripen-database-endpoint"
    static let secretTag = "ripen-database-secret"
    static let bucketTag = "ripen-artifact-bucket"
    static let database = "mlflow"

    static func applies(_ context: GenerationContext) -> Bool { context.optionValues["backend"] == "rds" }

    /// RDS's engine version: the major and minor of the PostgreSQL image the on-box stack pins.
    static func engineVersion(_ context: GenerationContext) -> String {
        let tag = context.server.images?.postgres.split(separator: ":").last.map(String.init) ?? "16"
        return String(tag.prefix { $0.isNumber || $0 == "." })
    }

    static func secretNames(_ context: GenerationContext) -> [String] { TrackingServerGenerator.authSecretNames(context) }

    static func compose(_ context: GenerationContext) -> String {
        let publicAccess = context.options.publicAccess
        let published = publicAccess ? "5000:5000" : "127.0.0.1:5000:5000"
        let missing = "run ./\(script) to create .env"
        var command = ["mlflow", "server", "--host", "0.0.0.0", "--port", "5000",
                       "--artifacts-destination", "${MLFLOW_ARTIFACTS_DESTINATION:?\(missing)}",
                       "--allowed-hosts", context.allowedHosts.joined(separator: ",")]
        if publicAccess { command += ["--app-name", "basic-auth"] }
        var out = context.header("#", source: TrackingServerGenerator.source)
        out += """
        # Start: ./\(script) && docker compose up --detach --wait
        # MLflow only: its backend is the stack's RDS PostgreSQL (TLS required), its artifacts the stack's S3
        # bucket, reached through the instance role. MLflow answers on http://127.0.0.1:5000\(publicAccess ? " and on every interface, behind MLflow's basic auth (user admin)" : " only; reach it through an SSH tunnel").
        name: ripen-tracking

        services:
          mlflow:
            build: .
            image: \(Quote.yaml("ripen/mlflow-server:\(context.mlflowVersion)"))
            restart: unless-stopped
            command:

        """
        for argument in command { out += "      - \(Quote.yaml(argument))\n" }
        out += """
            environment:
              MLFLOW_BACKEND_STORE_URI: ${MLFLOW_BACKEND_STORE_URI:?\(missing)}
              AWS_DEFAULT_REGION: ${AWS_DEFAULT_REGION:?\(missing)}

        """
        for name in secretNames(context) { out += "      \(name): ${\(name):?\(missing)}\n" }
        out += """
            ports:
              - \(Quote.yaml(published))

        """
        return out
    }

    static func environmentExample(_ context: GenerationContext) -> String {
        var out = context.header("#", source: TrackingServerGenerator.source)
        out += "# Written by ./\(script) on the instance (mode 600, git-ignored): never copy a real one around.\n"
        out += "MLFLOW_BACKEND_STORE_URI=postgresql+psycopg2://USER:PASSWORD@ENDPOINT:5432/\(database)?sslmode=require\n"
        out += "MLFLOW_ARTIFACTS_DESTINATION=s3://BUCKET/mlflow\n"
        out += "AWS_DEFAULT_REGION=eu-west-1\n"
        for name in secretNames(context) { out += "\(name)=generate-me\n" }
        return out
    }

    static func initScript(_ context: GenerationContext) -> String {
        let image = "ripen/mlflow-server:\(context.mlflowVersion)"
        var out = "#!/usr/bin/env bash\n" + context.header("#", source: TrackingServerGenerator.source)
        out += """
        # Writes .env for the RDS-backed stack on an instance of ripen's CloudFormation stack. The database's
        # endpoint, its secret's ARN and the bucket come from the instance's tags (instance metadata, IMDSv2);
        # the password from Secrets Manager through the instance role, read with the MLflow image's own boto3.
        # Does nothing when .env exists.
        set -euo pipefail
        cd "$(dirname "${BASH_SOURCE[0]}")"
        if [ -e .env ]; then
          echo "ripen: .env exists; keeping it"
          exit 0
        fi
        token="$(curl -fsS --max-time 5 -X PUT http://169.254.169.254/latest/api/token -H 'X-aws-ec2-metadata-token-ttl-seconds: 300')"
        metadata() { curl -fsS --max-time 5 -H "X-aws-ec2-metadata-token: $token" "http://169.254.169.254/latest/meta-data/$1"; }
        region="$(metadata placement/region)"
        endpoint="$(metadata tags/instance/\(endpointTag))"
        secret="$(metadata tags/instance/\(secretTag))"
        bucket="$(metadata tags/instance/\(bucketTag))"
        docker build --quiet --tag \(Quote.shell(image)) . >/dev/null
        umask 077
        # A new file of our own (never a name that may already exist, or be a link), renamed into place.
        tmp="$(mktemp .env.XXXXXXXX)"
        trap 'rm -f "$tmp"' EXIT
        # The URI percent-encodes the user and the password, so no character of theirs reaches Compose's interpolation.
        docker run --rm -e AWS_DEFAULT_REGION="$region" -e RIPEN_SECRET="$secret" -e RIPEN_ENDPOINT="$endpoint" \\
          \(Quote.shell(image)) python -c '
        import json, os, urllib.parse, boto3
        secret = json.loads(boto3.client("secretsmanager").get_secret_value(SecretId=os.environ["RIPEN_SECRET"])["SecretString"])
        user = urllib.parse.quote(secret["username"], safe="")
        password = urllib.parse.quote(secret["password"], safe="")
        endpoint = os.environ["RIPEN_ENDPOINT"]
        print("MLFLOW_BACKEND_STORE_URI=postgresql+psycopg2://" + user + ":" + password + "@" + endpoint + ":5432/\(database)?sslmode=require")
        ' > "$tmp"
        {
          echo "MLFLOW_ARTIFACTS_DESTINATION=s3://$bucket/mlflow"
          echo "AWS_DEFAULT_REGION=$region"

        """
        out += TrackingServerGenerator.randomSecretLines(secretNames(context), indent: "  ")
        out += """
        } >> "$tmp"
        chmod 600 "$tmp"
        mv -f -T "$tmp" .env
        echo "ripen: wrote .env (mode 600) for $endpoint and s3://$bucket"

        """
        return out
    }
}
