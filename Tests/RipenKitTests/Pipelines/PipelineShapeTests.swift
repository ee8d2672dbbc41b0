import Foundation
import Testing
@testable import RipenKit

/// Each shape a reviewer reads in a pipeline, written small for the test, beside its nearest trap:
/// the same files with the one thing that makes a reviewer say no.
@Suite struct PipelineShapeTests {
    /// Audits a repository of these files and returns the check's status.
    func status(_ check: String, _ files: [String: String]) throws -> Status? {
        try TemporaryRepository(files, git: true).audit().status(check)
    }

    func workflow(_ on: String, _ steps: String) -> String {
        "on: \(on)\njobs:\n  job:\n    runs-on: ubuntu-latest\n    steps:\n" + steps
    }

    /// A shape and its nearest trap: the check passes on `files` and fails on `trap`.
    func expect(_ check: String, passesOn files: [String: String], failsOn trap: [String: String],
                sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        #expect(try status(check, files) == .pass, sourceLocation: sourceLocation)
        #expect(try status(check, trap) == .fail, sourceLocation: sourceLocation)
    }

    // MARK: commands that span lines

    @Test func sshBodyOnLaterLinesDeploys() throws {
        let deploy = workflow("push", "      - run: |\n          ssh ubuntu@host \"\n            cd /srv/api\n            docker compose pull\n            docker compose up -d\n          \"\n")
        #expect(try status("cd-deploys-model", [".github/workflows/cd.yml": deploy]) == .pass)
        // Trap: the same commands on the runner itself start services for a test.
        let local = workflow("push", "      - run: |\n          cd /srv/api\n          docker compose pull\n          docker compose up -d\n")
        #expect(try status("cd-deploys-model", [".github/workflows/cd.yml": local]) == .fail)
    }

    @Test func heredocToSSHDeploys() throws {
        let deploy = workflow("push", "      - run: |\n          ssh -o StrictHostKeyChecking=no deploy@host <<'EOF'\n            kubectl set image deployment/api api=registry/api:new\n          EOF\n")
        #expect(try status("cd-deploys-model", [".github/workflows/cd.yml": deploy]) == .pass)
        // Trap: a heredoc written to a file is data.
        let data = workflow("push", "      - run: |\n          cat > notes.txt <<'EOF'\n            kubectl set image deployment/api api=registry/api:new\n          EOF\n")
        #expect(try status("cd-deploys-model", [".github/workflows/cd.yml": data]) == .fail)
    }

    @Test func aPythonHeredocIsAProgram() throws {
        let deploy = workflow("push", "      - run: |\n          python3 << 'EOF'\n          import boto3\n          boto3.client('sagemaker').update_endpoint(EndpointName='api', EndpointConfigName='v2')\n          EOF\n")
        #expect(try status("cd-deploys-model", [".github/workflows/cd.yml": deploy]) == .pass)
        // Trap: the same program only printed.
        let printed = workflow("push", "      - run: |\n          cat << 'EOF'\n          boto3.client('sagemaker').update_endpoint(EndpointName='api')\n          EOF\n")
        #expect(try status("cd-deploys-model", [".github/workflows/cd.yml": printed]) == .fail)
    }

    @Test func continuationsAreOneCommand() throws {
        let deploy = workflow("push", "      - run: |\n          gcloud run deploy api \\\n            --image gcr.io/p/api --region europe-west1\n")
        #expect(try status("cd-deploys-model", [".github/workflows/cd.yml": deploy]) == .pass)
        // Trap: the words arrive on a line that only prints.
        let printed = workflow("push", "      - run: |\n          echo gcloud run deploy api \\\n            --image gcr.io/p/api\n")
        #expect(try status("cd-deploys-model", [".github/workflows/cd.yml": printed]) == .fail)
    }

    @Test func argumentListsAreTheCommand() throws {
        let build = "steps:\n  - name: python:3.12\n    entrypoint: python\n    args: ['-m', 'pytest', '-q']\n"
        #expect(try status("ci-cloud-build", ["cloudbuild/pr.yaml": build]) == .pass)
        // Trap: an image build alone is often run by hand (Cloud Build's triggers are not in the repository).
        let image = "steps:\n  - name: gcr.io/cloud-builders/docker\n    args: ['build', '-t', 'gcr.io/p/trainer', '.']\n"
        #expect(try status("ci-cloud-build", ["labs/cloudbuild.yaml": image]) == .fail)
    }

    // MARK: CI that runs files

    @Test func aMakeTargetIsReadForWhatItRuns() throws {
        let files = [".gitlab-ci.yml": "check:\n  script:\n    - make verify\n", "Makefile": "verify: lint\n\tpytest -q\nlint:\n\truff check .\n"]
        #expect(try status("ci-runs-tests", files) == .pass)
        // Trap: a target named like tests that only prints.
        let trap = [".gitlab-ci.yml": "check:\n  script:\n    - make test\n", "Makefile": "test:\n\t@echo \"no tests yet\"\n"]
        #expect(try status("ci-runs-tests", trap) == .fail)
    }

    @Test func aModuleIsReadAsPython() throws {
        let files = [".github/workflows/cd.yml": workflow("push", "      - run: python -m ops.release --stage prod\n"),
                     "ops/release.py": "from ops.endpoints import roll\n\nroll()\n",
                     "ops/endpoints.py": "import boto3\n\ndef roll():\n    boto3.client('sagemaker').update_endpoint(EndpointName='churn', EndpointConfigName='v2')\n"]
        #expect(try status("cd-deploys-model", files) == .pass)
        // Trap: the same words in a docstring and a comment are not a call.
        let trap = [".github/workflows/cd.yml": workflow("push", "      - run: python -m ops.release --stage prod\n"),
                    "ops/release.py": "\"\"\"Later: client.update_endpoint(EndpointName=...)\"\"\"\n# create_endpoint(...) when we have one\nprint('release notes')\n"]
        #expect(try status("cd-deploys-model", trap) == .fail)
    }

    @Test func aCommandBuiltAsAListIsRunByTheModule() throws {
        let gcp = "import subprocess\n\ndef run(command):\n    return subprocess.run(command, check=True)\n\ndef deploy(name, image):\n    command = [\n        \"gcloud\",\n        \"run\",\n        \"deploy\",\n        name,\n        \"--image\",\n        image,\n    ]\n    run(command)\n"
        // Run through an environment runner with its own options first.
        let files = [".github/workflows/cd.yml": workflow("push", "      - run: uv run --active --with rich python -m ops.cli deploy api\n"),
                     "ops/cli.py": "from ops.gcp import (\n    deploy,\n)\n\ndeploy('api', 'img')\n", "ops/gcp.py": gcp]
        #expect(try status("cd-deploys-model", files) == .pass)
        // Trap: the same module, but the pipeline never runs it.
        let unrun = [".github/workflows/ci.yml": workflow("push", "      - run: pytest -q\n"),
                     "ops/cli.py": "from ops.gcp import deploy\n\ndeploy('api', 'img')\n", "ops/gcp.py": gcp]
        #expect(try status("cd-deploys-model", unrun) == .fail)
        // Trap: a list of words that is no command.
        let words = [".github/workflows/cd.yml": workflow("push", "      - run: python -m ops.cli\n"),
                     "ops/cli.py": "stages = [\"build\", \"deploy\", \"monitor\"]\nprint(stages)\n"]
        #expect(try status("cd-deploys-model", words) == .fail)
    }

    @Test func commandsSentOverSSHFromPythonAreRemote() throws {
        let deploy = "import paramiko\ncommands = (\n    'cp -r staging/3 ./prod',\n    'docker restart serving',\n)\nclient = paramiko.SSHClient()\nclient.connect(hostname=host)\nclient.exec_command(' && '.join(commands))\n"
        let files = [".circleci/config.yml": "version: 2.1\njobs:\n  deploy:\n    docker: [{image: cimg/python:3.12}]\n    steps:\n      - run: python3 ./ml/deploy.py\nworkflows:\n  main:\n    jobs: [deploy]\n",
                     "ml/deploy.py": deploy]
        #expect(try status("cd-deploys-model", files) == .pass)
        // Trap: the same restart on the CI runner itself restarts a container the job started.
        let local = deploy.replacingOccurrences(of: "client.exec_command(' && '.join(commands))", with: "import subprocess\nsubprocess.run(['docker', 'restart', 'serving'])")
        #expect(try status("cd-deploys-model", [".circleci/config.yml": files[".circleci/config.yml"]!, "ml/deploy.py": local]) == .fail)
    }

    @Test func dvcStagesAndJobSpecsAreFollowed() throws {
        let dvc = [".github/workflows/train.yml": workflow("pull_request", "      - run: dvc repro\n"),
                   "dvc.yaml": "stages:\n  train:\n    cmd: python src/fit.py\n", "src/fit.py": "from sklearn.linear_model import Ridge\nRidge().fit(X, y)\n"]
        #expect(try status("training-in-ci", dvc) == .pass)
        let spec = [".github/workflows/train.yml": workflow("workflow_dispatch", "      - run: az ml job create -f jobs/train.yml\n"),
                    "jobs/train.yml": "command: python train.py --data ${{inputs.data}}\ncode: ../src\n", "src/train.py": "import lightgbm as lgb\nbooster = lgb.train(params, data)\n"]
        #expect(try status("training-in-ci", spec) == .pass)
        // Trap: a job spec handed to a command that only lists jobs is not run.
        let listed = [".github/workflows/train.yml": workflow("workflow_dispatch", "      - run: az ml job list -f jobs/train.yml\n"),
                      "jobs/train.yml": "command: python train.py\ncode: ../src\n", "src/train.py": "import lightgbm as lgb\nlgb.train(params, data)\n"]
        #expect(try status("training-in-ci", listed) == .fail)
    }

    @Test func toxEnvironmentsAndScriptsThatTest() throws {
        #expect(try status("ci-runs-tests", [".github/workflows/ci.yml": workflow("[push]", "      - run: tox -e py311\n")]) == .pass)
        let script = [".github/workflows/ci.yml": workflow("[push]", "      - run: ./scripts/release.sh\n"),
                      "scripts/release.sh": "#!/bin/sh\nset -e\npython -m pytest tests\n"]
        #expect(try status("ci-runs-tests", script) == .pass)
    }

    // MARK: ML CI

    @Test func mlCITrainsAndReportsOnPullRequests() throws {
        let files = [".github/workflows/cml.yml": workflow("pull_request", "      - run: |\n          python train.py\n          cml comment create report.md\n"),
                     "train.py": "from sklearn.ensemble import RandomForestClassifier\nRandomForestClassifier().fit(X, y)\n"]
        #expect(try status("ci-pipeline", files) == .pass)
        // Trap: the report step alone behind a button.
        let manual = [".github/workflows/cml.yml": workflow("workflow_dispatch", "      - run: cml comment create report.md\n")]
        #expect(try status("ci-pipeline", manual) == .fail)
    }

    // MARK: triggers that live elsewhere

    @Test func aDispatchFromCodeMakesAManualWorkflowAutomatic() throws {
        let deploy = workflow("workflow_dispatch", "      - run: helm upgrade --install api ./chart\n")
        let files = [".github/workflows/deploy.yml": deploy,
                     "functions/approved.py": "import requests\n\ndef on_approval(event):\n    requests.post(f'{API}/repos/{REPO}/actions/workflows/deploy.yml/dispatches', json={'ref': 'main'})\n"]
        #expect(try status("cd-deploys-model", files) == .pass)
        // Trap: nothing dispatches it.
        #expect(try status("cd-deploys-model", [".github/workflows/deploy.yml": deploy]) == .fail)
    }

    @Test func retrainingIsAChainFromMonitoringToTraining() throws {
        let files = ["monitoring/drift.py": "import requests\n\ndef check(psi):\n    if psi > 0.2:\n        requests.post(f'{API}/repos/{REPO}/actions/workflows/retrain.yml/dispatches', json={'ref': 'main'})\n",
                     ".github/workflows/retrain.yml": workflow("workflow_dispatch", "      - run: python -m training.run\n"),
                     "training/run.py": "from lightgbm import LGBMRegressor\nLGBMRegressor().fit(X, y)\n"]
        let result = try TemporaryRepository(files, git: true).audit()
        #expect(result.status("retraining-event-trigger") == .pass)
        // Evidence is the chain: the dispatching line, the workflow, the step, the line that trains.
        let text = result.check("retraining-event-trigger")?.evidence.first?.text ?? ""
        #expect(result.check("retraining-event-trigger")?.evidence.first?.location == "monitoring/drift.py:5")
        #expect(text.contains(".github/workflows/retrain.yml (job 'job', train)") && text.hasSuffix("training/run.py:2: LGBMRegressor().fit(X, y)"), "\(text)")
    }

    @Test func localReusableWorkflowsAndCompositeActionsAreReadInPlace() throws {
        let files = [".github/workflows/release.yml": "on:\n  push:\n    branches: [main]\njobs:\n  cd:\n    uses: ./.github/workflows/platform.yml\n    with:\n      stage: prod\n",
                     ".github/workflows/platform.yml": "on:\n  workflow_call:\n    inputs:\n      stage: {type: string}\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./.github/actions/run\n        with:\n          script: kubectl apply -f k8s/${{ inputs.stage }}\n",
                     ".github/actions/run/action.yml": "runs:\n  using: composite\n  steps:\n    - run: ${{ inputs.script }}\n      shell: bash\n"]
        #expect(try status("cd-deploys-model", files) == .pass)
        // Trap: the reusable workflow alone, called by nothing, never runs.
        var alone = files
        alone.removeValue(forKey: ".github/workflows/release.yml")
        #expect(try status("cd-deploys-model", alone) == .fail)
    }

    // MARK: systems and layouts

    @Test func gitLabIncludesExtendsAndRules() throws {
        let files = [".gitlab-ci.yml": "include:\n  - local: ci/deploy.yml\nstages: [deploy]\n",
                     "ci/deploy.yml": ".kube:\n  image: bitnami/kubectl\n  script:\n    - kubectl apply -f k8s/\ndeploy:\n  extends: .kube\n  rules:\n    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH\n"]
        #expect(try status("cd-deploys-model", files) == .pass)
        // Trap: the same job waits for a person.
        let manual = ["ci/deploy.yml": ".kube:\n  script:\n    - kubectl apply -f k8s/\ndeploy:\n  extends: .kube\n  when: manual\n",
                      ".gitlab-ci.yml": "include:\n  - local: ci/deploy.yml\n"]
        #expect(try status("cd-deploys-model", manual) == .fail)
    }

    @Test func azureTemplatesAndDeploymentJobs() throws {
        let files = ["azure-pipelines.yml": "trigger: [main]\nstages:\n  - stage: release\n    jobs:\n      - template: templates/deploy.yml\n",
                     "templates/deploy.yml": "jobs:\n  - deployment: online\n    environment: prod\n    strategy:\n      runOnce:\n        deploy:\n          steps:\n            - task: AzureCLI@2\n              inputs:\n                inlineScript: az ml online-deployment create -f deployment.yml\n"]
        #expect(try status("cd-deploys-model", files) == .pass)
        var manual = files
        manual["azure-pipelines.yml"] = "trigger: none\npr: none\nstages:\n  - stage: release\n    jobs:\n      - template: templates/deploy.yml\n"
        #expect(try status("cd-deploys-model", manual) == .fail)
    }

    @Test func circleCIJobsRunByWorkflows() throws {
        let files = [".circleci/config.yml": "version: 2.1\njobs:\n  test:\n    docker: [{image: cimg/python:3.12}]\n    steps:\n      - checkout\n      - run: pytest\nworkflows:\n  main:\n    jobs: [test]\n"]
        #expect(try status("ci-runs-tests", files) == .pass)
        // Trap: a job no workflow runs.
        let orphan = [".circleci/config.yml": "version: 2.1\njobs:\n  test:\n    steps:\n      - run: pytest\nworkflows:\n  main:\n    jobs: [other]\n"]
        #expect(try status("ci-runs-tests", orphan) == .fail)
    }

    static let terraformPipeline = """
        resource "aws_codepipeline" "cd" {
          name = "model-deploy"
          stage {
            name = "Source"
            action {
              category = "Source"
              provider = "GitHub"
              configuration = {
                "PollForSourceChanges" = "false"
                Repo                   = var.repo
              }
            }
          }
          stage {
            name = "Build"
            action {
              category = "Build"
              provider = "CodeBuild"
              configuration = {
                "ProjectName" = aws_codebuild_project.build.name
              }
            }
          }
          stage {
            name = "DeployStaging"
            action {
              category = "Deploy"
              provider = "CloudFormation"
              name     = "DeployEndpointStaging"
            }
            action {
              category = "Approval"
              provider = "Manual"
            }
          }
        }

        resource "aws_codebuild_project" "build" {
          name = "model-build"
          source {
            type      = "CODEPIPELINE"
            buildspec = file("buildspec.yml")
          }
        }
        """

    @Test func codePipelineInTerraformStartedByARegistryEvent() throws {
        let events = """
            resource "aws_cloudwatch_event_rule" "approved" {
              event_pattern = <<EOF
            {"detail-type": ["SageMaker Model Package State Change"]}
            EOF
            }
            resource "aws_cloudwatch_event_target" "deploy" {
              rule = aws_cloudwatch_event_rule.approved.name
              arn  = aws_codepipeline.cd.arn
            }
            """
        let files = ["infra/pipeline.tf": Self.terraformPipeline, "infra/events.tf": events,
                     "infra/buildspec.yml": "version: 0.2\nphases:\n  build:\n    commands:\n      - python -m pytest tests\n"]
        let result = try TemporaryRepository(files, git: true).audit()
        #expect(result.status("cd-deploys-model") == .pass)
        #expect(result.check("cd-deploys-model")?.evidence.first?.text.contains("on event") == true)
        // Trap: polling off, no webhook and no rule: the pipeline runs when someone releases a change by hand.
        let manual = ["infra/pipeline.tf": Self.terraformPipeline,
                      "infra/buildspec.yml": "version: 0.2\nphases:\n  build:\n    commands:\n      - python -m pytest tests\n"]
        #expect(try status("cd-deploys-model", manual) == .fail)
    }

    @Test func circleCIDynamicConfigurationContinues() throws {
        let setup = "version: 2.1\norbs:\n  path-filtering: circleci/path-filtering@1.0.0\nsetup: true\nworkflows:\n  filter:\n    jobs:\n      - path-filtering/filter:\n          config-path: .circleci/continue.yml\n"
        let continuation = "version: 2.1\njobs:\n  train:\n    steps:\n      - run:\n          command: python model/train.py\nworkflows:\n  model:\n    jobs: [train]\n"
        let files = [".circleci/config.yml": setup, ".circleci/continue.yml": continuation,
                     "model/train.py": "from sagemaker.estimator import Estimator\r\nestimator = Estimator(image_uri=uri, role=role)\r\nestimator.fit({'train': data})\r\n"]
        #expect(try status("training-in-ci", files) == .pass)
        // Trap: the same script with the training commented out.
        var trap = files
        trap["model/train.py"] = "from sagemaker.estimator import Estimator\r\n# estimator.fit({'train': data})\r\n"
        #expect(try status("training-in-ci", trap) == .fail)
    }

    @Test func windowsLineEndingsAreLines() throws {
        let files = [".github/workflows/cd.yml": workflow("push", "      - run: python deploy.py\n"),
                     "deploy.py": "import boto3\r\nclient = boto3.client('sagemaker')\r\nclient.update_endpoint(EndpointName='churn', EndpointConfigName='v2')\r\n"]
        #expect(try status("cd-deploys-model", files) == .pass)
        var trap = files
        trap["deploy.py"] = "import boto3\r\n# client.update_endpoint(EndpointName='churn')\r\nprint('ok')\r\n"
        #expect(try status("cd-deploys-model", trap) == .fail)
    }

    @Test func jenkinsTripleQuotedScriptsAndTheAgentAsHost() throws {
        let files = ["Jenkinsfile": "pipeline {\n  agent any\n  stages {\n    stage('Release') {\n      steps {\n        sh '''\n          docker compose build\n          docker compose up -d\n        '''\n      }\n    }\n  }\n}\n"]
        #expect(try status("cd-deploys-model", files) == .pass)
        // Trap: a commented-out step.
        let commented = ["Jenkinsfile": "pipeline {\n  stages {\n    stage('Release') {\n      steps {\n        // sh 'docker compose up -d'\n        sh 'echo later'\n      }\n    }\n  }\n}\n"]
        #expect(try status("cd-deploys-model", commented) == .fail)
    }

    @Test func aWorkflowNoParserAcceptsIsStillReadAndReported() throws {
        let broken = "on: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python -c \"\nimport sys\nprint(sys.version)\n\"\n      - run: sed -i \"s|host: .*|host: x|g\" cfg.yml\n      - run: pytest -q\n"
        let repo = try TemporaryRepository([".github/workflows/ci.yml": broken], git: true)
        let result = try repo.audit()
        // Where it does not parse is said when a check misses.
        #expect(result.check("cd-deploys-model")?.reason?.contains(".github/workflows/ci.yml:") == true)
    }

    @Test func templatePrefixedWorkflowsCount() throws {
        let files = ["{{cookiecutter.name}}/.github/workflows/ci.yml": workflow("[push, pull_request]", "      - run: ruff check .\n")]
        #expect(try status("ci-pipeline", files) == .pass)
    }

    // MARK: vocabulary of verbs, not of vendors

    @Test func deploysThroughSDKCallsOfAnyCloud() throws {
        for call in ["predictor = model.deploy(initial_instance_count=1)",
                     "ml_client.online_deployments.begin_create_or_update(blue).result()",
                     "client.create_deployment(name='api', endpoint='churn')"] {
            let files = [".github/workflows/cd.yml": workflow("push", "      - run: python ship.py\n"), "ship.py": call + "\n"]
            #expect(try status("cd-deploys-model", files) == .pass, "\(call)")
        }
        // Trap: a Prefect flow deployment schedules a flow; it ships no model.
        let flows = [".github/workflows/cd.yml": workflow("push", "      - run: python ship.py\n"), "ship.py": "training_flow.deploy(name='nightly')\n"]
        #expect(try status("cd-deploys-model", flows) == .fail)
    }
}

/// Layouts and triggers: nested projects, dispatch from code, pushes to a hosting platform.
extension PipelineShapeTests {
    @Test func aSeedFolderWithItsOwnCIRootIsAProject() throws {
        // The seed becomes a repository of its own: its steps run in its folder.
        let seed = ["seed/.github/workflows/deploy.yml": workflow("push", "      - run: python deploy_stack.py --stack prod\n"),
                    "seed/deploy_stack.py": "import boto3\ncfn = boto3.client('cloudformation')\ncfn.update_stack(StackName='prod')\n"]
        #expect(try status("cd-deploys-model", seed) == .pass)
        let bitbucket = ["services/model-build/bitbucket-pipelines.yml": "pipelines:\n  default:\n    - step:\n        script:\n          - pytest -q\n"]
        #expect(try status("ci-pipeline", bitbucket) == .pass)
        // Trap: an example project shipped for readers is not the team's CI.
        let example = ["examples/demo/.github/workflows/ci.yml": workflow("push", "      - run: pytest -q\n")]
        #expect(try status("ci-pipeline", example) == .fail)
    }

    @Test func aWorkflowNamedByAVariableIsDispatchedByTheFunctionThatCallsIt() throws {
        let deploy = workflow("workflow_dispatch", "      - run: kubectl apply -f k8s/\n")
        let lambda = "import os\nfrom github import Github\n\ndef lambda_handler(event, context):\n    repo = Github(os.environ['TOKEN']).get_repo(os.environ['REPO'])\n    repo.get_workflow(os.environ['WORKFLOW']).create_dispatch('main')\n"
        let repo = try TemporaryRepository([".github/workflows/deploy.yml": deploy, "functions/trigger/app.py": lambda], git: true)
        let check = try #require(try repo.audit().check("cd-deploys-model"))
        #expect(check.status == .pass)
        #expect(check.evidence.first?.text.contains("dispatched by functions/trigger/app.py:6") == true)
        // Trap: with nothing calling the API, a person dispatches it.
        #expect(try status("cd-deploys-model", [".github/workflows/deploy.yml": deploy]) == .fail)
    }

    @Test func bitbucketsPipelinesAPIStartsACustomPipeline() throws {
        let pipelines = "pipelines:\n  custom:\n    deploy:\n      - step:\n          script:\n            - helm upgrade --install api chart/\n"
        let trigger = "import requests\n\ndef handler(event, context):\n    requests.post(f'{server}/repositories/{ws}/{repo}/pipelines/', json={'target': {'ref_name': 'main'}})\n"
        #expect(try status("cd-deploys-model", ["bitbucket-pipelines.yml": pipelines, "lambda/app.py": trigger]) == .pass)
        #expect(try status("cd-deploys-model", ["bitbucket-pipelines.yml": pipelines]) == .fail)
    }

    @Test func pushingToAHostingPlatformsRepositoryDeploys() throws {
        let script = "set -e\ngit clone \"https://user:${HF_TOKEN}@huggingface.co/spaces/${SPACE}\" \"$WORK\"\ncp -r serving/. \"$WORK\"\ncd \"$WORK\"\ngit add -A\ngit commit -m deploy\ngit push\n"
        let files = [".github/workflows/space.yml": workflow("push", "      - run: bash ops/publish.sh\n"), "ops/publish.sh": script]
        let result = try TemporaryRepository(files, git: true).audit()
        #expect(result.status("cd-deploys-model") == .pass)
        // The evidence names where it pushes, without the credentials.
        let text = result.check("cd-deploys-model")?.evidence.first?.text ?? ""
        #expect(text.contains("git push (to https://huggingface.co/spaces/${SPACE})") && !text.contains("HF_TOKEN"))
        // Trap: pushing a mirror of the code to another git host ships nothing.
        let mirror = script.replacingOccurrences(of: "huggingface.co/spaces", with: "github.com/acme")
        #expect(try status("cd-deploys-model", [".github/workflows/space.yml": workflow("push", "      - run: bash ops/publish.sh\n"),
                                               "ops/publish.sh": mirror]) == .fail)
    }

    @Test func aToolAskedForItsVersionRunsNoTests() throws {
        let files = [".github/workflows/ci.yml": workflow("push", "      - run: |\n          pip install pytest\n          pytest --version\n")]
        #expect(try status("ci-runs-tests", files) == .fail)
        let runs = [".github/workflows/ci.yml": workflow("push", "      - run: |\n          pytest --version\n          pytest -q | tee out.txt\n")]
        #expect(try status("ci-runs-tests", runs) == .pass)
    }
}

/// Files a step runs that name their work elsewhere: tox environments, CI working folders, workspace paths.
extension PipelineShapeTests {
    @Test func toxEnvironmentsAreFollowedToTheirCommands() throws {
        let tox = "[tox]\nenvlist = test_package\n\n[testenv]\ndeps = pytest\n\n[testenv:test_package]\ncommands =\n\tpython model/train_pipeline.py\n\tpytest \\\n\t-vv tests/\n\n[testenv:fetch_data]\ncommands = kaggle datasets download -d x\n"
        let training = ["ci/config.yml": "", ".circleci/config.yml": "version: 2.1\njobs:\n  release:\n    docker:\n      - image: cimg/python:3.11\n    working_directory: ~/project/package\n    steps:\n      - checkout:\n          path: ~/project\n      - run: tox\nworkflows:\n  main:\n    jobs:\n      - release\n",
                        "package/tox.ini": tox, "package/model/train_pipeline.py": "pipe.fit(X, y)\n"]
        #expect(try status("training-in-ci", training) == .pass)
        #expect(try status("ci-runs-tests", training) == .pass)
        // Trap: the environment the step names only downloads data.
        var fetch = training
        fetch[".circleci/config.yml"] = training[".circleci/config.yml"]!.replacingOccurrences(of: "run: tox", with: "run: tox -e fetch_data")
        #expect(try status("training-in-ci", fetch) == .fail)
    }

    @Test func workspaceVariablesNameTheRepository() throws {
        let pipeline = "trigger: [main]\nsteps:\n  - script: python $(Build.SourcesDirectory)/ml/run.py\n"
        let files = ["azure-pipelines.yml": pipeline, "ml/run.py": "model.fit(X, y)\n"]
        #expect(try status("training-in-ci", files) == .pass)
        // Trap: a path outside the checkout is not the repository's file.
        let outside = ["azure-pipelines.yml": pipeline.replacingOccurrences(of: "$(Build.SourcesDirectory)", with: "$(Agent.TempDirectory)"),
                       "ml/run.py": "model.fit(X, y)\n"]
        #expect(try status("training-in-ci", outside) == .fail)
    }

    @Test func azureTasksAreKnownByNameWhateverTheirPublisher() throws {
        let deploy = "trigger: [main]\nsteps:\n  - task: ms-air-aiagility.vss-services-azureml.azureml-model-deploy-task.AMLModelDeploy@0\n    inputs:\n      deploymentTarget: AKS\n"
        #expect(try status("cd-deploys-model", ["azure-pipelines.yml": deploy]) == .pass)
        let publish = "trigger: [main]\nsteps:\n  - task: PublishTestResults@2\n"
        #expect(try status("cd-deploys-model", ["azure-pipelines.yml": publish]) == .fail)
    }
}

/// What runs behind make variables, compose services and another repository's workflows.
extension PipelineShapeTests {
    @Test func makeVariablesAndComposeServicesAreFollowed() throws {
        let makefile = "DOCKER_COMPOSE_CI = docker-compose -f docker-compose.yml\nDOCKER_COMPOSE = docker-compose\n\nci: \n\t$(MAKE) DOCKER_COMPOSE=\"$(DOCKER_COMPOSE_CI)\" test\n\ntest:\n\t$(DOCKER_COMPOSE) run --rm -e CI=1 app /bin/sh ./run-tests.sh\n"
        let files = ["Jenkinsfile": "pipeline {\n  agent any\n  stages {\n    stage('Test') { steps { sh 'make ci' } }\n  }\n}\n",
                     "Makefile": makefile, "run-tests.sh": "set -e\npython -m pytest tests\n"]
        #expect(try status("ci-runs-tests", files) == .pass)
        // Trap: a service started without a command runs its image's default, which is not in view.
        var started = files
        started["Makefile"] = makefile.replacingOccurrences(of: " /bin/sh ./run-tests.sh", with: "")
        #expect(try status("ci-runs-tests", started) == .fail)
    }

    @Test func anotherRepositorysReusableWorkflowIsCountedAsCalled() throws {
        let call = "on: [push, pull_request]\njobs:\n  ci:\n    uses: acme/.github/.github/workflows/python-ci.yml@main\n    secrets: inherit\n"
        let repo = try TemporaryRepository([".github/workflows/ci.yml": call], git: true)
        let check = try #require(try repo.audit().check("ci-pipeline"))
        #expect(check.status == .pass)
        // The evidence says the steps live elsewhere.
        #expect(check.evidence.first?.text.contains("external-workflow") == true)
        // Trap: a manual call is not CI.
        let manual = call.replacingOccurrences(of: "on: [push, pull_request]", with: "on: workflow_dispatch")
        #expect(try status("ci-pipeline", [".github/workflows/ci.yml": manual]) == .fail)
    }

    @Test func dotnetTestsAreTests() throws {
        try expect("ci-runs-tests",
                   passesOn: [".github/workflows/ci.yml": workflow("push", "      - run: dotnet test src/Api.Tests/Api.Tests.csproj\n")],
                   failsOn: [".github/workflows/ci.yml": workflow("push", "      - run: dotnet restore\n")])
    }
}

/// Gates a person must pass, and pipelines that only deploy.
extension PipelineShapeTests {
    @Test func aJenkinsInputStepMakesWhatFollowsManual() throws {
        let gated = "pipeline {\n  agent any\n  stages {\n    stage('Build') { steps { sh 'docker build -t api .' } }\n    stage('Approve') { steps { input message: 'Ship it?' } }\n    stage('Deploy') { steps { sh 'kubectl apply -f k8s/' } }\n  }\n}\n"
        #expect(try status("cd-deploys-model", ["Jenkinsfile": gated]) == .fail)
        #expect(try status("ci-pipeline", ["Jenkinsfile": gated]) == .pass)
        let automatic = gated.replacingOccurrences(of: "    stage('Approve') { steps { input message: 'Ship it?' } }\n", with: "")
        #expect(try status("cd-deploys-model", ["Jenkinsfile": automatic]) == .pass)
    }

    @Test func aDeclarativeJenkinsfileWithoutStagesIsNotRun() throws {
        let broken = "pipeline {\n  agent any\n  stage('Build') {\n    steps { sh 'docker build -t api .' }\n  }\n}\n"
        let result = try TemporaryRepository(["Jenkinsfile": broken], git: true).audit()
        #expect(result.status("ci-pipeline") == .fail)
        #expect(result.check("ci-pipeline")?.reason?.contains("Jenkinsfile:1:1") == true)
        // A scripted pipeline has no stages block and runs.
        let scripted = "node {\n  stage('Build') {\n    sh 'docker build -t api .'\n  }\n}\n"
        #expect(try status("ci-pipeline", ["Jenkinsfile": scripted]) == .pass)
    }

    @Test func aBlockingManualGitLabJobHoldsLaterStages() throws {
        let blocking = "stages: [build, run]\nbuild:\n  stage: build\n  rules:\n    - if: $CI_COMMIT_BRANCH\n      when: manual\n  script:\n    - docker build -t api .\nship:\n  stage: run\n  script:\n    - helm upgrade --install api chart/\n"
        #expect(try status("cd-deploys-model", [".gitlab-ci.yml": blocking]) == .fail)
        // Trap: a job-level manual job lets the pipeline go on (allow_failure defaults to true).
        let optional = blocking.replacingOccurrences(of: "  rules:\n    - if: $CI_COMMIT_BRANCH\n      when: manual\n", with: "  when: manual\n")
        #expect(try status("cd-deploys-model", [".gitlab-ci.yml": optional]) == .pass)
    }

    @Test func aPipelineThatDeploysOnEveryPushIsCI() throws {
        let deploy = "      - run: gcloud run deploy api --source .\n"
        try expect("ci-pipeline", passesOn: [".github/workflows/deploy.yml": workflow("push", deploy)],
                   failsOn: [".github/workflows/deploy.yml": workflow("workflow_dispatch", deploy)])
    }

    @Test func azureTemplateExpressionsHoldJobsAndSteps() throws {
        let pipeline = "trigger: none\npr:\n  branches:\n    include: [main]\nparameters:\n- name: suites\n  type: object\n  default: [unit]\nstages :\n  - stage: Tests\n    jobs:\n      - ${{ each suite in parameters.suites }}:\n        - job: Test_${{ suite }}\n          steps:\n            - ${{ if eq(variables.strict, 'true') }}:\n              - script: pytest tests/${{ suite }}\n"
        // Trap: the same loop in a template nothing starts.
        let template = pipeline.replacingOccurrences(of: "trigger: none\npr:\n  branches:\n    include: [main]\n", with: "")
        try expect("ci-runs-tests", passesOn: ["pipelines/checks.yml": pipeline], failsOn: ["pipelines/checks.yml": template])
    }
}

extension PipelineShapeTests {
    @Test func aCloudBuildTriggerCreatedByAScriptStartsItsConfiguration() throws {
        let config = "steps:\n  - name: python:3.12\n    entrypoint: python\n    args: ['-m', 'pytest', '-q']\n"
        let script = "#!/bin/bash -e\ngcloud beta builds triggers create github \\\n  --build-config=\"./build/cloudbuild.yaml\" \\\n  --branch-pattern=\"^main$\" --repo-name=api --repo-owner=acme\n"
        let repo = try TemporaryRepository(["build/cloudbuild.yaml": config, "build/create-trigger.sh": script], git: true)
        let check = try #require(try repo.audit().check("ci-pipeline"))
        #expect(check.status == .pass)
        #expect(check.evidence.first?.text.contains("trigger created by build/create-trigger.sh:2") == true)
        // Trap: a trigger for another configuration leaves this one's trigger unknown.
        let other = script.replacingOccurrences(of: "./build/cloudbuild.yaml", with: "./deploy/cloudbuild.yaml")
        #expect(try status("ci-pipeline", ["build/cloudbuild.yaml": config, "build/create-trigger.sh": other]) == .fail)
    }
}
