import JaxCore

/// What the shell needs from the interpreter: the language `Session` conforms to it, so the
/// editor, magics and tests do not depend on the interpreter's internals.
public protocol ShellEngine: AnyObject {
    /// Runs one top-level statement as typed at the prompt: echoes a bare expression's repr
    /// and stores it in `_`. Returns false when it raised (the traceback is already printed).
    func runInteractive(_ source: String, filename: String) -> Bool
    /// Runs source like `python FILE`: no echo. Returns false when it raised.
    func runScript(_ source: String, filename: String) -> Bool
    /// True when `source` needs another line (`... ` prompt) before it can run.
    func isIncomplete(_ source: String) -> Bool
    /// Candidates for the word that ends at `cursor` (a Character offset into `line`).
    func completions(for line: String, cursor: Int) -> [String]
    /// The array-level state: the interrupt flag Ctrl-C raises lives here.
    var context: JaxContext { get }
    /// The global names with a type name and `str()` text, for `%who`, `%whos` and `%reset`.
    func userVariables() -> [UserVariable]
}

/// One user-defined global name as `%whos` lists it.
public struct UserVariable: Sendable, Equatable {
    public var name: String
    public var typeName: String
    public var summary: String

    public init(name: String, typeName: String, summary: String) {
        self.name = name
        self.typeName = typeName
        self.summary = summary
    }
}
