import Testing
@testable import RipenKit

@Suite struct GlobTests {
    @Test(arguments: [
        ("**/*.py", "train.py", true),
        ("**/*.py", "src/a/b/train.py", true),
        ("**/*.py", "src/train.pyc", false),
        ("*.py", "src/train.py", false),
        (".github/workflows/*.{yml,yaml}", ".github/workflows/ci.yaml", true),
        (".github/workflows/*.{yml,yaml}", ".github/workflows/sub/ci.yml", false),
        ("{,**/}Jenkinsfile{,.*}", "Jenkinsfile", true),
        ("{,**/}Jenkinsfile{,.*}", "ci/Jenkinsfile.deploy", true),
        ("{,**/}Jenkinsfile{,.*}", "Jenkinsfile-old", false),
        ("src/**", "src/a/b.py", true),
        ("src/**", "srcx/a.py", false),
        ("**/mlruns/**", "notebooks/mlruns/0/meta.yaml", true),
        ("data/[a-c]?.csv", "data/b1.csv", true),
        ("data/[!a-c]?.csv", "data/b1.csv", false),
        ("**/test_*.py", "tests/test_model.py", true),
        ("**/test_*.py", "tests/model_test.py", false),
    ])
    func matches(_ pattern: String, _ path: String, _ expected: Bool) throws {
        #expect(try Glob(pattern).matches(path) == expected)
    }

    @Test func rejectsMalformedGlobs() {
        #expect(throws: Glob.SyntaxError.self) { try Glob("src/[a-") }
        #expect(throws: Glob.SyntaxError.self) { try Glob("{a,b") }
    }

    @Test func literalSuffixSpansAlternatives() throws {
        #expect(try Glob("**/*.{yml,yaml}").literalSuffix == Array("ml".utf8))
        #expect(try Glob("**/*.py").literalSuffix == Array(".py".utf8))
        #expect(try Glob("src/**").literalSuffix.isEmpty)
    }
}

@Suite struct RequiredLiteralsTests {
    @Test(arguments: [
        ("\\bmlflow\\.log_metric\\(", ["mlflow.log_metric("]),
        ("\\bwandb\\.(init|log)\\(", ["wandb.init(", "wandb.log("]),
        ("from prefect import|@flow\\b", ["@flow", "from prefect import"]),
        ("^\\s*(from airflow(\\.\\w+)* import|import airflow\\b)", ["from airflow", "import airflow"]),
        ("^\\s*[A-Za-z]+==[0-9]", []),
        ("(?<!install )pytest|x?y?z?", []),
        ("a.b", []),
        ("(?i)drift\\w*.*retrain", ["retrain"]),
        ("colou?r_map", ["r_map"]),
    ])
    func derivesLiterals(_ pattern: String, _ expected: [String]) {
        #expect(RequiredLiterals.of(pattern) == expected.sorted())
    }

    /// The prefilter must never hide a match: every line of every shipped example that a catalogue
    /// pattern matches contains one of the literals derived from it.
    @Test func catalogueLiteralsNeverHideAMatch() throws {
        var checked = 0
        for check in CatalogueTests.catalogue.checks {
            let patterns = check.signal.leaves.flatMap { leaf -> [LinePattern] in
                if case let .content(content) = leaf { return content.patterns }
                if case let .yaml(yaml) = leaf { return yaml.pattern.map { [$0] } ?? [] }
                return []
            }
            let examples = (check.examples?.pass ?? []) + (check.examples?.fail ?? [])
            let lines = examples.flatMap { $0.files.values.flatMap { $0.split(separator: "\n").map(String.init) } }
            for pattern in patterns where !pattern.literals.isEmpty {
                for line in lines where pattern.firstMatch(in: line) != nil {
                    checked += 1
                    #expect(pattern.literals.contains { line.lowercased().contains($0) }, "\(check.id): /\(pattern)/ on \(line)")
                }
            }
        }
        #expect(checked > 50)
    }

    /// Whatever the literals are, every match of the regex must contain one of them.
    @Test func literalsAreNecessary() throws {
        let cases = [
            ("\\bmlflow\\.((sklearn|xgboost)\\.)?log_model\\(", "    mlflow.sklearn.log_model(m, 'model')"),
            ("\\bregister_model\\(|\\bregistered_model_name\\s*=", "log_model(m, registered_model_name = 'x')"),
            ("\\bRollingUpdate\\b|\\bmaxUnavailable:\\s*0\\b", "  maxUnavailable: 0"),
        ]
        for (source, line) in cases {
            let pattern = try LinePattern(source)
            #expect(pattern.firstMatch(in: line) != nil)
            #expect(pattern.literals.contains { line.lowercased().contains($0) })
        }
    }
}

@Suite struct LiteralMatcherTests {
    @Test func findsEveryLiteralCaseInsensitively() {
        let matcher = LiteralMatcher(["mlflow.", "prefect", "flow"])
        var hits: [(Int, Int)] = []
        let text = Array("import MLflow.sklearn; from prefect import flow".utf8)
        text.withUnsafeBufferPointer { buffer in
            matcher.scan(buffer) { id, end in
                hits.append((id, end))
                return true
            }
        }
        #expect(hits.map(\.0) == [2, 0, 1, 2])
        #expect(hits.first?.1 == 13)
    }
}
