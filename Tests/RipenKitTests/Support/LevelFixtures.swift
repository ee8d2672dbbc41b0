/// Realistic repositories for each maturity level, in the shapes real ML projects take
/// (zoomcamp-style projects, Azure ML and GitLab templates). Each level adds to the one below.
enum LevelFixtures {
    /// A course project: notebooks, a pickled model, a committed mlruns folder, no CI.
    static let level0: [String: String] = [
        "README.md": "# NYC taxi duration\n\nWe track runs with mlflow.log_metric and deploy with kubectl apply.\n",
        "duration-prediction.ipynb": notebook(code: ["import pandas as pd\n", "df = pd.read_parquet('green.parquet')\n"]),
        "models/lin_reg.bin": "\u{1}binary",
        "models/model.pkl": "\u{1}binary",
        "mlruns/0/meta.yaml": "artifact_location: ./mlruns/0\n",
        "requirements.txt": "pandas\nscikit-learn\n",
    ]

    /// Level 1 on GitHub Actions: git, a package, unit tests run by CI on push and pull request.
    static let level1GitHub: [String: String] = [
        "README.md": "# Taxi\n",
        ".gitignore": "mlruns/\n*.pkl\n.venv/\n",
        "pyproject.toml": "[project]\nname = \"taxi\"\n",
        "requirements.txt": "pandas==2.2.3\nscikit-learn==1.5.2\n",
        "src/taxi/__init__.py": "",
        "src/taxi/features.py": "def trip_features(ride):\n    return {'PU_DO': f\"{ride['PU']}_{ride['DO']}\"}\n",
        "tests/test_features.py": "from taxi.features import trip_features\n\n\ndef test_pu_do():\n    assert trip_features({'PU': 1, 'DO': 2}) == {'PU_DO': '1_2'}\n",
        ".github/workflows/ci.yml": """
            name: CI
            on:
              push:
                branches: [main]
              pull_request:
            jobs:
              test:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                  - uses: actions/setup-python@v5
                    with:
                      python-version: "3.11"
                  - run: pip install -r requirements.txt
                  - run: python -m pytest tests/
            """.dedented,
    ]

    /// Level 1 on GitLab with a Jenkins mirror: other CI systems, same level.
    static let level1GitLab: [String: String] = [
        "setup.py": "from setuptools import setup\nsetup(name='churn')\n",
        "churn/__init__.py": "",
        "churn/model.py": "def fit(x):\n    return x\n",
        "tests/test_model_utils.py": "import pytest\n\ndef test_fit():\n    assert True\n",
        ".gitlab-ci.yml": "stages: [test]\n\nunit-tests:\n  stage: test\n  image: python:3.11\n  script:\n    - pip install tox\n    - tox -e py311\n",
        "Jenkinsfile": "pipeline {\n  agent any\n  stages {\n    stage('Test') { steps { sh 'make test' } }\n  }\n}\n",
    ]

    /// Level 2: tracking in code, a Prefect training flow, models registered.
    static let level2: [String: String] = level1GitHub.merging([
        "src/taxi/train.py": """
            import mlflow
            from sklearn.linear_model import LinearRegression


            def train(X, y):
                mlflow.set_tracking_uri("http://mlflow.internal:5000")
                with mlflow.start_run():
                    model = LinearRegression().fit(X, y)
                    mlflow.log_metric("rmse", 5.2)
                    mlflow.sklearn.log_model(model, "model", registered_model_name="taxi-duration")
                return model
            """.dedented,
        "orchestration/training_flow.py": """
            from prefect import flow, task

            from taxi.train import train


            @task(retries=2)
            def load():
                return [[1.0]], [2.0]


            @flow
            def training_flow():
                X, y = load()
                train(X, y)
            """.dedented,
        "environment.yml": "name: taxi\nchannels: [conda-forge]\ndependencies:\n  - python=3.11\n  - mlflow=2.17.2\n",
    ]) { $1 }

    /// Level 2 the Azure way: Azure Pipelines CI, an Azure ML pipeline, MLflow autologging in a notebook.
    static let level2Azure: [String: String] = [
        "setup.cfg": "[metadata]\nname = nyc\n",
        "src/nyc_src/__init__.py": "",
        "test/test_prep.py": "def test_prep():\n    assert 1 + 1 == 2\n",
        "azure-pipelines.yml": "trigger:\n  - main\npool:\n  vmImage: ubuntu-latest\nsteps:\n  - script: python -m pytest test/\n",
        "mlops/nyc_taxi/src/mlops_pipeline.py": "from azure.ai.ml import MLClient, Input\nfrom azure.ai.ml.dsl import pipeline\n",
        "notebooks/explore.ipynb": notebook(code: ["import mlflow\n", "mlflow.autolog()\n"]),
    ]

    /// Level 3: a CD job that ships the model, FastAPI serving, model tests, promotion by alias.
    static let level3: [String: String] = level2.merging([
        "app/main.py": """
            import mlflow
            from fastapi import FastAPI

            app = FastAPI()
            model = mlflow.pyfunc.load_model("models:/taxi-duration@champion")


            @app.post("/predict")
            def predict(ride: dict):
                return {"duration": float(model.predict([ride])[0])}
            """.dedented,
        "Dockerfile": "FROM python:3.11-slim\nCOPY app /app\nCMD [\"uvicorn\", \"app.main:app\", \"--host\", \"0.0.0.0\", \"--port\", \"8080\"]\n",
        "tests/test_model.py": """
            from taxi.train import train


            def test_model_predicts_positive_duration():
                model = train([[1.0], [2.0]], [3.0, 4.0])
                assert model.predict([[1.5]])[0] > 0
            """.dedented,
        "src/taxi/promote.py": "from mlflow import MlflowClient\n\nMlflowClient().set_registered_model_alias('taxi-duration', 'champion', 3)\n",
        ".github/workflows/cd.yml": """
            name: CD
            on:
              push:
                branches: [main]
            jobs:
              deploy:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                  - run: docker build -t ghcr.io/acme/taxi:${{ github.sha }} .
                  - run: helm upgrade --install taxi ./chart --set image.tag=${{ github.sha }}
            """.dedented,
        "chart/Chart.yaml": "apiVersion: v2\nname: taxi\nversion: 0.1.0\n",
    ]) { $1 }

    /// Level 4: Evidently monitoring whose drift result triggers retraining, Prometheus metrics, alerts.
    static let level4: [String: String] = level3.merging([
        "monitoring/drift.py": """
            from evidently import Report
            from evidently.presets import DataDriftPreset
            from prefect.deployments import run_deployment


            def check(reference, current):
                result = Report([DataDriftPreset()]).run(reference_data=reference, current_data=current)
                drift_share = result.dict()["metrics"][0]["value"]["share"]
                if drift_share > 0.3:
                    run_deployment("training-flow/retrain")  # drift: retrain on fresh data
            """.dedented,
        "app/metrics.py": "from prometheus_client import Counter\n\nPREDICTIONS = Counter('predictions_total', 'Predictions served')\n",
        "monitoring/rules.yml": "groups:\n  - name: model\n    rules:\n      - alert: DriftHigh\n        expr: drift_share > 0.3\n",
    ]) { $1 }

    /// Every keyword a naive scanner would fall for, and no real capability behind any of them.
    static let keywordTraps: [String: String] = [
        "README.md": """
            # Our MLOps plan
            - CI: GitHub Actions with `on: [push, pull_request]` running pytest
            - Tracking: mlflow.log_metric, mlflow.autolog(), wandb.init()
            - Registry: mlflow.register_model and set_registered_model_alias
            - Deploy: kubectl apply -f k8s/ and helm upgrade --install
            - Monitoring: from evidently import Report; retrain on drift
            """.dedented,
        "docs/cheatsheet.md": "```python\nimport mlflow\nmlflow.start_run()\nfrom prefect import flow\n```\n",
        "docs/mlops-cheatsheet.txt": "from airflow import DAG\nfrom fastapi import FastAPI\nmodel.predict(x)\n",
        "data/test_data.csv": "trip_distance,duration\n1.2,7\n",
        "data/train.json": "{\"note\": \"mlflow.log_param\"}\n",
        "notebooks/plan.ipynb": notebook(markdown: ["We will call mlflow.log_metric here and run pytest in CI."]),
        ".github/workflows/deploy.yml": """
            name: deploy
            on:
              workflow_dispatch: {}
            jobs:
              deploy:
                runs-on: ubuntu-latest
                steps:
                  - run: echo "Deploying model with kubectl apply..."
                  # - run: helm upgrade --install model ./chart
                  # - run: pytest
            """.dedented,
        "scripts/notes.sh": "# TODO: mlflow server --backend-store-uri postgresql://db\n",
    ]

    /// A cloud vendor's reference template, AWS-style: no conventional CI file. CodePipeline and CodeBuild
    /// defined in CDK, a SageMaker pipeline that trains and registers, an endpoint with data capture and a
    /// monitoring schedule declared in CloudFormation, and an alarm rule that starts the training pipeline.
    static let vendorAWS: [String: String] = [
        "app.py": "import aws_cdk as cdk\nfrom infra.pipeline_stack import PipelineStack\napp = cdk.App()\n",
        "cdk.json": "{\"app\": \"python3 app.py\"}\n",
        "requirements.txt": "aws-cdk-lib==2.150.0\nsagemaker==2.227.0\n",
        "infra/__init__.py": "",
        "infra/pipeline_stack.py": """
            from aws_cdk import aws_codepipeline as codepipeline
            from aws_cdk import aws_codepipeline_actions as actions
            from aws_cdk import aws_events as events


            class PipelineStack:
                def build(self, source, build_project, sagemaker_pipeline_arn):
                    pipeline = codepipeline.Pipeline(self, "ModelBuild")
                    build = actions.CodeBuildAction(action_name="Build", project=build_project, input=source)
                    deploy = actions.CloudFormationCreateUpdateStackAction(
                        action_name="Deploy_Staging", stack_name="churn-endpoint-staging", admin_permissions=True)
                    drift_rule = events.Rule(self, "DriftRule", description="Retrain when the model drifts",
                        event_pattern=events.EventPattern(source=["aws.cloudwatch"],
                                                          detail_type=["CloudWatch Alarm State Change"]))
                    add_sagemaker_pipeline_target(drift_rule, sagemaker_pipeline_arn=sagemaker_pipeline_arn)
            """.dedented,
        "build/buildspec.yml": "version: 0.2\nphases:\n  build:\n    commands:\n      - python -m pytest tests\n      - npx cdk synth\n",
        "pipelines/__init__.py": "",
        "pipelines/training.py": """
            from sagemaker.estimator import Estimator
            from sagemaker.workflow.pipeline import Pipeline
            from sagemaker.workflow.step_collections import RegisterModel
            from sagemaker.workflow.steps import TrainingStep

            estimator = Estimator(image_uri=image, role=role, instance_type="ml.m5.xlarge",
                                  enable_sagemaker_metrics=True,
                                  metric_definitions=[{"Name": "validation:auc", "Regex": "auc=([0-9.]+)"}])
            train = TrainingStep(name="TrainModel", estimator=estimator)
            register = RegisterModel(name="Register", estimator=estimator, model_package_group_name="churn")
            pipeline = Pipeline(name="churn-train", steps=[train, register])
            """.dedented,
        "assets/endpoint.yml": """
            Resources:
              Endpoint:
                Type: "AWS::SageMaker::Endpoint"
                Properties:
                  EndpointConfigName: !GetAtt EndpointConfig.EndpointConfigName
              EndpointConfig:
                Type: "AWS::SageMaker::EndpointConfig"
                Properties:
                  DataCaptureConfig:
                    EnableCapture: true
              Monitor:
                Type: "AWS::SageMaker::MonitoringSchedule"
            """.dedented,
    ]

    /// Lookalikes of vendor and course shapes, each one step short of the capability it imitates.
    static let vendorTraps: [String: String] = [
        // A docs site published on push: not CI.
        ".github/workflows/docs.yml": "on:\n  push:\n    branches: [main]\njobs:\n  pages:\n    steps:\n      - uses: mhausenblas/mkdocs-deploy-gh-pages@master\n",
        // A deploy behind a button only: not CD.
        ".github/workflows/deploy.yml": "on:\n  workflow_dispatch:\njobs:\n  deploy:\n    steps:\n      - run: aws ecs update-service --cluster ml --service api\n",
        // A FastAPI prototype whose Dockerfile is empty: not a containerised service.
        "Dockerfile": "",
        "api/main.py": "from fastapi import FastAPI\napp = FastAPI()\n\n@app.post('/predict')\ndef predict(x: dict):\n    return {'y': model.predict([x])[0]}\n",
        // An ETL DAG and a stub that only prints: neither a training pipeline nor a registry.
        "dags/etl.py": "from airflow import DAG\nextract >> transform >> load\n",
        "dags/ml.py": "def register_model(model, metrics):\n    print('registered')\n\nregister_model(model, metrics)\n",
        // An alarm routed to a notification: not retraining.
        "infra/ops.py": "rule = events.Rule(self, 'Cpu', event_pattern=events.EventPattern(detail_type=['CloudWatch Alarm State Change']))\nrule.add_target(targets.SnsTopic(topic))\n",
        // Placeholder tests.
        "tests/test_to_delete.py": "def test_print():\n    print('Hello')\n",
        "tests/test_dummy_math.py": "def test_math():\n    assert 1 + 1 == 2\n",
        // Plain manifests are serving evidence, not infrastructure as code.
        "k8s/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: acme/api:1.0\n",
    ]

    static func notebook(code: [String] = [], markdown: [String] = []) -> String {
        func quoted(_ line: String) -> String {
            "\"" + line.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "\n", with: "\\n") + "\""
        }
        var cells: [String] = []
        if !markdown.isEmpty {
            cells.append("{\"cell_type\": \"markdown\", \"metadata\": {}, \"source\": [\(markdown.map(quoted).joined(separator: ", "))]}")
        }
        if !code.isEmpty {
            cells.append("{\"cell_type\": \"code\", \"execution_count\": null, \"metadata\": {}, \"outputs\": [], \"source\": [\(code.map(quoted).joined(separator: ", "))]}")
        }
        return "{\n \"cells\": [\n  \(cells.joined(separator: ",\n  "))\n ],\n \"metadata\": {},\n \"nbformat\": 4,\n \"nbformat_minor\": 5\n}\n"
    }
}

extension String {
    /// Removes the indentation of a multi-line literal's first line from every line.
    var dedented: String {
        let lines = split(separator: "\n", omittingEmptySubsequences: false)
        let indent = lines.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }?.prefix { $0 == " " }.count ?? 0
        return lines.map { $0.count >= indent ? String($0.dropFirst(indent)) : String($0) }.joined(separator: "\n")
    }
}

import Foundation
