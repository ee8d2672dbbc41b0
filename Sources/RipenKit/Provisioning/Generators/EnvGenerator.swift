/// `environment.yml` (conda) and `requirements.txt` (pip, pinned) from an environment definition.
enum EnvGenerator {
    static func files(_ context: GenerationContext) -> [GeneratedFile] {
        let environment = context.environment
        let source = "environments/\(environment.name).yaml"
        var conda = context.header("#", source: source)
        conda += "# \(CommentLine.text(environment.description)).\n"
        conda += "name: \(Quote.yaml(environment.name))\n"
        conda += "channels:\n"
        for channel in environment.channels { conda += "  - \(Quote.yaml(channel))\n" }
        // Without nodefaults conda may add Anaconda's channels, whose terms need accepting.
        if !environment.channels.contains("defaults") && !environment.channels.contains("nodefaults") {
            conda += "  - nodefaults\n"
        }
        conda += "dependencies:\n"
        conda += "  - \(Quote.yaml("python=\(environment.python)"))\n"
        for package in environment.conda { conda += "  - \(Quote.yaml(package.spec))\n" }
        if !environment.pip.isEmpty {
            conda += "  - pip:\n"
            for package in environment.pip { conda += "      - \(Quote.yaml(package.spec))\n" }
        }
        var requirements = context.header("#", source: source)
        requirements += "# Python \(environment.python); install with: python -m pip install -r requirements.txt\n"
        for package in environment.pip { requirements += package.spec + "\n" }

        return [GeneratedFile("environment.yml", conda), GeneratedFile("requirements.txt", requirements)]
    }
}
