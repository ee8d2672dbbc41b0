/// Text from data (an environment's or playbook's description, a step's name) written after `#` in a
/// generated file: a line break in it would end the comment and make the rest live YAML or shell.
enum CommentLine {
    static func text(_ text: String) -> String {
        text.oneLine
    }
}
