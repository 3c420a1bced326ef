import Foundation
import JaxCore

/// The numbered cells of an interactive session, as IPython keeps them: each input's number,
/// its text (`In`), the values it showed (`Out`), and the last three shown (`_`, `__`, `___`).
struct CellRecord {
    /// The number of the last cell run (IPython's execution count).
    var count = 0
    /// `In`: the cells' text, `In[0]` empty as in IPython.
    let inputs = PyList([.str("")])
    /// `Out`: the values cells showed, by cell number.
    let outputs = PyDict()
    /// The values `_`, `__` and `___` were last set to (IPython starts them as ''), to notice
    /// when the student assigns one.
    var shown: [PyValue] = [.str(""), .str(""), .str("")]
}

extension Session {
    /// Names IPython keeps in the namespace for its own use, which `%who` does not list.
    static let cellNames: Set<String> = ["In", "Out", "_ih", "_oh", "exit", "quit"]

    /// The number the next cell will get (`In [n]:`).
    public var nextCellNumber: Int { cells.count + 1 }

    /// The cells run so far, oldest first (`In[1]`, `In[2]`, ...).
    public var cellInputs: [String] {
        cells.inputs.items.dropFirst().map { if case .str(let text) = $0 { text } else { "" } }
    }

    /// Runs one cell as a notebook does: numbered (`In[n]`), with the value of a bare expression
    /// that ends it shown (unless a `;` ends it) and kept in `Out[n]`, `_n` and `_`; `%magic`
    /// lines and `name?` included. Tracebacks name the cell (`Cell In[n], line 2`).
    @discardableResult
    public func runCell(_ source: String) -> InputResult {
        var text = Substring(source)
        while text.last == "\n" { text = text.dropLast() }
        guard text.contains(where: { !$0.isWhitespace }) else { return InputResult() }
        cells.count += 1
        let number = cells.count
        recordInput(String(text), number: number)
        let name = text.trimmingCharacters(in: .whitespaces)
        if (name == "exit" || name == "quit") && interpreter.globals.values[name] == nil {
            // IPython's autocall: the bare name leaves, as `exit()` does
            var result = InputResult()
            result.exitStatus = 0
            return result
        }
        interpreter.displayHook = { [unowned self] value throws(PyException) in try self.showCellValue(value, number: number) }
        defer { interpreter.displayHook = nil }
        return runInteractive(String(text) + "\n", filename: Session.cellFilename(number), echo: .lastExpression)
    }

    /// `Cell In[3]`: how tracebacks name the third cell.
    static func cellFilename(_ number: Int) -> String { "Cell In[\(number)]" }

    /// Keeps the cell in `In` and sets `_i`, `_ii`, `_iii` (the three before it) and `_iN`.
    /// Before the first cell IPython has set `_`, `__` and `___` to '' (a `%reset` later
    /// removes them).
    private func recordInput(_ text: String, number: Int) {
        let globals = interpreter.globals
        if number == 1 {
            for (name, shown) in zip(["_", "__", "___"], cells.shown) where globals.values[name] == nil {
                globals.values[name] = shown
            }
        }
        let items = cells.inputs.items
        globals.values["_iii"] = items.count >= 3 ? items[items.count - 2] : .str("")
        globals.values["_ii"] = items.count >= 2 ? items[items.count - 1] : .str("")
        globals.values["_i"] = items.last ?? .str("")
        cells.inputs.items.append(.str(text))
        globals.values["_i\(number)"] = .str(text)
        installCellNames()
    }

    /// Puts `In` and `Out` (and IPython's `_ih`, `_oh`) in the namespace, after a `%reset` too.
    func installCellNames() {
        let globals = interpreter.globals
        globals.values["In"] = .list(cells.inputs)
        globals.values["_ih"] = .list(cells.inputs)
        globals.values["Out"] = .dict(cells.outputs)
        globals.values["_oh"] = .dict(cells.outputs)
    }

    /// IPython's display hook: prints the value (after `Out[n]: ` with numbered prompts) and
    /// keeps it as `Out[n]`, `_n` and `_`, moving the older ones to `__` and `___` — unless the
    /// student assigned one of those names, which then stay as they are.
    private func showCellValue(_ value: PyValue, number: Int) throws(PyException) {
        var text = try interpreter.repr(value)
        if let prompt = outputPrompt?(number) {
            text = prompt + (text.contains("\n") ? "\n" : "") + text
        }
        sink.write(text + "\n")
        let globals = interpreter.globals
        try cells.outputs.set(.int(number), value)
        globals.values["_\(number)"] = value
        let names = ["_", "__", "___"]
        let untouched = zip(names, cells.shown).allSatisfy { name, shown in
            globals.values[name].map { Session.same($0, shown, interpreter) } ?? true
        }
        cells.shown = [value, cells.shown[0], cells.shown[1]]
        if untouched {
            for (name, shown) in zip(names, cells.shown) { globals.values[name] = shown }
        }
        interpreter.builtins["_"] = value
    }

    /// Identity, with tuples compared item by item (a shown tuple is rebuilt on every access).
    private static func same(_ a: PyValue, _ b: PyValue, _ interpreter: Interpreter) -> Bool {
        if case .tuple(let x) = a, case .tuple(let y) = b {
            return x.count == y.count && zip(x, y).allSatisfy { same($0, $1, interpreter) }
        }
        return interpreter.identical(a, b)
    }

    /// Forgets the values cells showed (`%reset`): `Out` empties, `_` and friends go.
    func clearShownValues() {
        for key in cells.outputs.keys { _ = try? cells.outputs.remove(key) }
        cells.shown = [.str(""), .str(""), .str("")]
        interpreter.builtins["_"] = nil
    }

    /// SystemExit ends the session: the status `exit(n)` or `sys.exit(n)` asked for, its
    /// message printed as Python prints it.
    func exitStatus(for error: PyException) -> Int32 {
        let message = error.message
        if message.isEmpty || message == "None" { return 0 }
        if let code = Int32(message) { return code }
        sink.writeError(message + "\n")
        return 1
    }
}

/// `exit` and `quit`: calling one raises SystemExit (ending the shell), and the name alone shows
/// how to leave, as in Python.
final class PyExitCommand: PyObject {
    let name: String

    init(_ name: String) { self.name = name }

    override var typeName: String { "Quitter" }

    override func repr(_ interp: Interpreter) throws(PyException) -> String {
        "Use \(name)() or Ctrl-D (i.e. EOF) to exit"
    }

    override var isCallable: Bool { true }

    override func call(_ interp: Interpreter, _ args: Arguments) throws(PyException) -> PyValue {
        let slots = try args.bind(name, ["code"], positionalOnly: 1)
        let code = slots[0] ?? .none
        var error = PyException("SystemExit", code.isNone ? "" : try interp.str(code))
        error.payload = RaisedObject(PyExceptionObject(error, args: code.isNone ? [] : [code]))
        throw error
    }
}
