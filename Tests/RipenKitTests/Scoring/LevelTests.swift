import Foundation
import Testing
@testable import RipenKit

@Suite struct LevelTests {
    @Test func level0CourseProject() throws {
        let repo = try TemporaryRepository(LevelFixtures.level0)
        let result = try repo.audit()
        #expect(result.level == 0)
        #expect(result.score == 0.0)
        #expect(result.status("no-committed-model-binaries") == .fail)
        #expect(result.check("no-committed-model-binaries")?.evidence.map(\.path) == ["models/lin_reg.bin", "models/model.pkl"])
        #expect(result.status("no-committed-mlruns") == .fail)
        #expect(result.check("no-committed-mlruns")?.evidence.map(\.path) == ["mlruns/0/meta.yaml"])
        #expect(result.status("not-notebook-only") == .fail)
        #expect(result.check("not-notebook-only")?.evidence.map(\.path) == ["duration-prediction.ipynb"])
        // README prose about mlflow and kubectl is not evidence.
        #expect(result.capabilityStatus("experiment-tracking") == .notAssessed, "no repository evidence; the live server was not probed")
        #expect(result.capabilityStatus("continuous-deployment") == .fail)
        // One warning sign present fails the warning-signs capability (its checks must all pass).
        #expect(result.capabilityStatus("hygiene") == .fail)
        // Warning signs are gaps of the reached level, listed before the steps toward level 1.
        #expect(result.gaps.map(\.checkID) == ["no-committed-model-binaries", "no-committed-mlruns", "not-notebook-only"])
        #expect(result.nextSteps.prefix(2).map(\.capability) == ["version-control", "ci"])
    }

    @Test func level1GitHubActions() throws {
        let repo = try TemporaryRepository(LevelFixtures.level1GitHub, git: true)
        let result = try repo.audit()
        #expect(result.level == 1)
        #expect(result.levelName == "DevOps but no MLOps")
        #expect(result.score == 1.0)
        #expect(result.status("git-repository") == .pass)
        // The step that makes the workflow CI, with its job and triggers.
        #expect(result.check("ci-pipeline")?.evidence.first == Evidence(
            path: ".github/workflows/ci.yml", line: 15, text: "test (job 'test', on push, pull-request): python -m pytest tests/"))
        #expect(result.check("ci-runs-tests")?.evidence == [
            Evidence(path: ".github/workflows/ci.yml", line: 15, text: "test (job 'test', on push, pull-request): python -m pytest tests/"),
        ])
        // A test and an assertion that tests something.
        #expect(result.check("unit-tests-present")?.evidence == [
            Evidence(path: "tests/test_features.py", line: 4, text: "def test_pu_do():"),
            Evidence(path: "tests/test_features.py", line: 5, text: "assert trip_features({'PU': 1, 'DO': 2}) == {'PU_DO': '1_2'}"),
        ])
        #expect(result.check("pinned-dependencies")?.evidence.first == Evidence(path: "requirements.txt", line: 1, text: "pandas==2.2.3"))
        #expect(result.status("no-committed-model-binaries") == .pass)
        #expect(Set(result.holdingCapabilities) == ["hygiene", "version-control", "ci", "tests-in-ci", "unit-tests",
                                                    "pinned-dependencies", "modular-code", "automated-build"])
        #expect(result.levels[1].reached && !result.levels[2].reached)
        #expect(result.levels[2].missing == ["experiment-tracking", "training-pipeline|model-registry"])
    }

    @Test func level1OnGitLabAndJenkins() throws {
        let repo = try TemporaryRepository(LevelFixtures.level1GitLab, git: true)
        let result = try repo.audit()
        #expect(result.level == 1)
        #expect(Set(result.check("ci-pipeline")?.evidence.compactMap(\.path) ?? []) == [".gitlab-ci.yml", "Jenkinsfile"])
        #expect(result.check("ci-runs-tests")?.evidence.map(\.location) == [".gitlab-ci.yml:8", "Jenkinsfile:4"])
        #expect(result.check("ci-runs-tests")?.evidence.first?.text.hasSuffix("tox -e py311") == true)
    }

    @Test func withoutGitTheLadderStopsAtZero() throws {
        let repo = try TemporaryRepository(LevelFixtures.level1GitHub)
        let result = try repo.audit()
        #expect(result.level == 0)
        #expect(result.status("git-repository") == .fail)
        #expect(result.levels[1].missing == ["version-control"])
        // Progress toward level 1: every capability but version control (required, weight 2 of 9) holds.
        #expect(result.score == 0.7)
    }

    @Test func level2TrackingAndPrefect() throws {
        let repo = try TemporaryRepository(LevelFixtures.level2, git: true)
        let result = try repo.audit()
        #expect(result.level == 2)
        #expect(result.levelName == "Automated Training")
        // The call, and the import that makes it MLflow's.
        #expect(result.check("tracking-mlflow")?.evidence == [
            Evidence(path: "src/taxi/train.py", line: 7, text: "with mlflow.start_run():"),
            Evidence(path: "src/taxi/train.py", line: 1, text: "import mlflow"),
        ])
        #expect(result.check("pipeline-prefect")?.evidence.first == Evidence(path: "orchestration/training_flow.py", line: 1, text: "from prefect import flow, task"))
        #expect(result.check("registry-mlflow")?.evidence == [
            Evidence(path: "src/taxi/train.py", line: 10, text: "mlflow.sklearn.log_model(model, \"model\", registered_model_name=\"taxi-duration\")"),
        ])
        #expect(result.check("tracking-server-uri")?.evidence.first?.line == 6)
        #expect(result.status("environment-conda") == .pass)
        #expect(result.capabilityStatus("continuous-deployment") == .fail)
        // Level 3 progress: only the container capability is missing of the recommended ones? No: nothing of level 3 holds.
        #expect(result.score == 2.0)
    }

    @Test func level2TheAzureWay() throws {
        let repo = try TemporaryRepository(LevelFixtures.level2Azure, git: true)
        let result = try repo.audit()
        #expect(result.level == 2)
        #expect(result.status("ci-pipeline") == .pass)
        #expect(result.check("ci-runs-tests")?.evidence.map(\.location) == ["azure-pipelines.yml:6"])
        #expect(result.check("tracking-mlflow")?.evidence == [Evidence(path: "notebooks/explore.ipynb", line: 2, cell: 1, text: "mlflow.autolog()"),
                                                              Evidence(path: "notebooks/explore.ipynb", line: 1, cell: 1, text: "import mlflow")])
        #expect(result.status("pipeline-cloud-ml") == .pass)
        #expect(result.capabilityStatus("model-registry") == .notAssessed)
    }

    @Test func level3ContinuousDeployment() throws {
        let repo = try TemporaryRepository(LevelFixtures.level3, git: true)
        let result = try repo.audit()
        #expect(result.level == 3)
        // The deploy step, with its job and what starts it.
        #expect(result.check("cd-deploys-model")?.evidence == [
            Evidence(path: ".github/workflows/cd.yml", line: 11,
                     text: "deploy (job 'deploy', on push): helm upgrade --install taxi ./chart --set image.tag=${{github.sha}}"),
        ])
        #expect(result.status("serving-web-api") == .pass)
        #expect(result.check("serving-container")?.evidence.first?.path == "Dockerfile")
        #expect(result.check("tests-model-behaviour")?.evidence == [
            Evidence(path: "tests/test_model.py", line: 6, text: "assert model.predict([[1.5]])[0] > 0"),
        ])
        #expect(result.status("promotion-mlflow") == .pass)
        #expect(result.status("iac-kubernetes") == .pass)
        #expect(result.capabilityStatus("model-monitoring") == .fail)
        #expect(result.levels[4].missing == ["model-monitoring", "automated-retraining"])
    }

    @Test func level4MonitoringTriggersRetraining() throws {
        let repo = try TemporaryRepository(LevelFixtures.level4, git: true)
        let result = try repo.audit()
        #expect(result.level == 4)
        #expect(result.score == 4.0)
        #expect(result.levelName == "Full MLOps Automated Operations")
        #expect(result.check("monitoring-evidently")?.evidence.first == Evidence(path: "monitoring/drift.py", line: 1, text: "from evidently import Report"))
        // Both routes find it (the one-line shape, and the decision with its trigger); each line shows once.
        #expect(result.check("retraining-on-drift")?.evidence == [
            Evidence(path: "monitoring/drift.py", line: 10, text: "run_deployment(\"training-flow/retrain\")  # drift: retrain on fresh data"),
            Evidence(path: "monitoring/drift.py", line: 9, text: "if drift_share > 0.3:"),
        ])
        #expect(result.status("metrics-prometheus-endpoint") == .pass)
        #expect(result.status("alerting-rules") == .pass)
        #expect(result.nextSteps.allSatisfy { $0.capability != "model-monitoring" })
    }

    @Test func keywordTrapsScoreNoCapability() throws {
        let repo = try TemporaryRepository(LevelFixtures.keywordTraps)
        let result = try repo.audit()
        #expect(result.level == 0)
        let held = result.capabilities.filter { $0.capability.level > 0 && $0.holds }.map(\.capability.id)
        #expect(held.isEmpty, "trap counted as evidence: \(held)")
        #expect(result.score == 0.0)
    }

    @Test func notApplicableIsReportedAndCountsAsHeld() throws {
        var files = LevelFixtures.level2
        files[".ripen.yaml"] = "notApplicable:\n  model-serving: Batch scoring only; predictions are written to the warehouse.\n"
        let repo = try TemporaryRepository(files, git: true)
        let result = try repo.audit()
        #expect(result.capabilityStatus("model-serving") == .notApplicable)
        #expect(result.status("serving-web-api") == .notApplicable)
        #expect(result.check("serving-web-api")?.reason == "not applicable: Batch scoring only; predictions are written to the warehouse.")
        #expect(result.levels[3].missing == ["continuous-deployment"])
    }

    /// A vendor's reference template with no conventional CI file reaches level 4 on what it really does.
    @Test func vendorTemplateWithPipelinesInCodeReachesLevel4() throws {
        let repo = try TemporaryRepository(LevelFixtures.vendorAWS, git: true)
        let result = try repo.audit()
        #expect(result.level == 4, "missing: \(result.levels.flatMap(\.missing))")
        #expect(result.check("ci-aws-codebuild")?.evidence.first?.path == "build/buildspec.yml")
        #expect(result.status("tracking-cloud-ml") == .pass)
        #expect(result.status("pipeline-cloud-ml") == .pass)
        #expect(result.status("registry-cloud") == .pass)
        #expect(result.check("cd-pipeline-deploy-stage")?.evidence.map(\.line) == [10, 8])
        #expect(result.check("serving-cloud-endpoint")?.evidence.first == Evidence(path: "assets/endpoint.yml", line: 3, text: "Type: \"AWS::SageMaker::Endpoint\""))
        #expect(result.status("monitoring-cloud") == .pass)
        // Three patterns in one file: the alarm, the pipeline target, and why (drift).
        #expect(result.check("retraining-on-alarm")?.evidence.map(\.line) == [14, 15, 12])
        #expect(result.status("iac-cloud-templates") == .pass)
        // What it lacks is reported as gaps, not as a lower level.
        #expect(result.gaps.map(\.capability).contains("unit-tests"))
    }

    @Test func vendorAndCourseLookalikesScoreNothing() throws {
        let repo = try TemporaryRepository(LevelFixtures.vendorTraps, git: true)
        let result = try repo.audit()
        #expect(result.level == 0)
        for capability in ["ci", "continuous-deployment", "model-serving", "training-pipeline", "model-registry",
                           "automated-retraining", "unit-tests", "infrastructure-as-code"] {
            #expect(result.capabilityStatus(capability) != .pass, "\(capability) passed on a lookalike")
        }
        // Misses say, in the model's words, what each pipeline does and when it runs.
        #expect(result.check("cd-deploys-model")?.reason?.hasPrefix("none of 2 pipelines has a pipeline job that runs deploy") == true)
    }

    /// The ladder names the ML automation profile; missing hygiene is a gap, not a lower level.
    @Test func automatedTrainingWithoutTestsInCIIsLevel2WithALevel1Gap() throws {
        var files = LevelFixtures.level2
        files = files.filter { !$0.key.hasPrefix("tests/") }
        files[".github/workflows/ci.yml"] = "on: [push]\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ruff check .\n"
        let repo = try TemporaryRepository(files, git: true)
        let result = try repo.audit()
        #expect(result.level == 2)
        #expect(result.capabilityStatus("tests-in-ci") == .fail)
        #expect(result.capabilityStatus("unit-tests") == .fail)
        let gaps = result.gaps.map(\.capability)
        #expect(gaps.prefix(2) == ["tests-in-ci", "unit-tests"])
        #expect(result.gaps.allSatisfy { $0.level <= 2 && !$0.required })
        #expect(!result.nextSteps.contains { gaps.contains($0.capability) })
        #expect(result.nextSteps.first?.required == true)
    }
}

@Suite struct TemplateRepositoryTests {
    @Test func templatedPathsMatchAsTheGeneratedProjectWouldNameThem() {
        #expect(TemplatePath.logical("{{cookiecutter.repo_name}}/.github/workflows/ci.yml") == ".github/workflows/ci.yml")
        #expect(TemplatePath.logical("{{cookiecutter.repo_name}}/src/{{cookiecutter.module}}/train.py.jinja") == "src/train.py")
        #expect(TemplatePath.logical("deploy/Dockerfile.j2") == "deploy/Dockerfile")
        #expect(TemplatePath.logical("tests/test_{{name}}.py") == "tests/test_{{name}}.py")
        #expect(TemplatePath.logical("src/train.py") == "src/train.py")
    }

    /// An MLOps project template (cookiecutter) provides what the projects it generates will have.
    @Test func cookiecutterTemplateIsAuditedThroughItsTemplates() throws {
        let repo = try TemporaryRepository([
            "cookiecutter.json": "{\"repo_name\": \"mlops-project\"}\n",
            "{{cookiecutter.repo_name}}/.github/workflows/ci.yml.tmpl": "on: [push, pull_request]\njobs:\n  test:\n    steps:\n      - run: python -m pytest\n",
            "{{cookiecutter.repo_name}}/src/{{cookiecutter.module_name}}/train.py": "import mlflow\nmlflow.autolog()\n",
            "{{cookiecutter.repo_name}}/src/{{cookiecutter.module_name}}/__init__.py": "",
            "{{cookiecutter.repo_name}}/tests/test_train.py": "def test_train():\n    assert True\n",
            "{{cookiecutter.repo_name}}/dags/train.py.j2": "from airflow import DAG\ntrain = PythonOperator(task_id='train', python_callable=train_model)\n",
        ], git: true)
        let result = try repo.audit()
        #expect(result.check("ci-pipeline")?.evidence.first?.path == "{{cookiecutter.repo_name}}/.github/workflows/ci.yml.tmpl")
        #expect(result.status("ci-runs-tests") == .pass)
        #expect(result.check("pipeline-airflow")?.evidence.first == Evidence(path: "{{cookiecutter.repo_name}}/dags/train.py.j2", line: 1, text: "from airflow import DAG"))
        #expect(result.level == 2)
    }
}
