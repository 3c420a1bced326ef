import Language

/// What the prompt is talking to: the session whose names complete and whose rules group lines
/// into statements, and the commands that complete after `:` or `%`. A lesson switches it to
/// its own session while it runs.
final class ShellFocus {
    var session: Session
    /// Every command with its sigil (`:help`, `%timeit`).
    var commandNames: () -> [String] = { [] }
    /// Commands that only exist while a lesson runs (`:hint`, `:next`, ...).
    var extraCommandNames: [String] = []
    /// Set when a nested loop (a lesson) saw the end of input, so the shell ends too.
    var endOfInput = false

    init(session: Session) { self.session = session }

    /// Command names after `:` or `%` at the start of the line, paths after the magics that
    /// take a file (`%run`, `%load`, `%edit`, `%save`) or a folder (`%cd`); Python names otherwise.
    func completions(for line: String, cursor: Int) -> [String] {
        let before = String(line.prefix(max(0, min(cursor, line.count))))
        if let first = before.first, first == ":" || first == "%", !before.contains(" ") {
            return (commandNames() + extraCommandNames).filter { $0.hasPrefix(before) }.sorted()
        }
        let words = before.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        if words.count == 2 || (words.count == 1 && before.hasSuffix(" ")), let magic = words.first,
           ["%run", "%load", "%edit", "%save", "%cd"].contains(magic) {
            let typed = words.count == 2 ? String(words[1].split(separator: " ", omittingEmptySubsequences: false).last ?? "") : ""
            return Session.pathCompletions(typed, foldersOnly: magic == "%cd")
        }
        return session.completions(for: line, cursor: cursor)
    }
}
