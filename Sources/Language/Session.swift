import Foundation
import JaxCore

/// The flag Ctrl-C raises and a running session polls (named here so that the shell, which
/// talks only to `Session`, can share it without importing the array library).
public typealias InterruptFlag = JaxCore.InterruptFlag

/// One user's Python session: globals, imported modules, the array context (x64, limits,
/// interrupt flag) and the NumPy random state. Runs scripts and interactive inputs (magics
/// included), prints what Python would print, tracebacks included, to its sink, and reports
/// each input's outcome as an `InputResult`.
public final class Session {
    /// The interpreter runs on a thread with this much stack, so Python's recursion limit
    /// (1000 frames) is reached long before the machine's stack is.
    static let stackSize = 512 << 20

    let interpreter: Interpreter
    let sink: RecordingSink
    /// The exception that ended the last piece of code run for the current input.
    var lastException: PyException?
    /// Names defined by `importLabModules`: `%who` hides them, as IPython hides what it sets up.
    public private(set) var startupNames: Set<String> = []
    /// How `%timeit` measures: IPython's calibration, or one quick run where only the shape
    /// of the output matters (replaying a lesson).
    public var timing: TimingMode = .calibrated
    /// The numbered cells run by `runCell` (`In`, `Out`, `_`).
    var cells = CellRecord()
    /// What goes before a cell's shown value (IPython's `Out[3]: `), if anything.
    public var outputPrompt: ((Int) -> String)?
    /// Asks the student a yes/no question (`%reset`); without it the answer is no.
    public var confirm: ((String) -> Bool)?
    /// Code a magic wants put at the prompt for editing (`%load`), for the current input.
    var nextInput: String?
    /// The exit status SystemExit asked for in the current input.
    var requestedExit: Int32?
    /// The working folder before the last `%cd` (for `%cd -`).
    var previousDirectory: String?

    /// `interrupt` is the flag the shell's Ctrl-C handler raises.
    public convenience init(sink: OutputSink, interrupt: InterruptFlag = InterruptFlag()) {
        self.init(sink: sink, context: JaxContext(interrupt: interrupt))
    }

    init(sink: OutputSink, context: JaxContext) {
        self.sink = RecordingSink(target: sink)
        interpreter = Interpreter(context: context, sink: self.sink)
        interpreter.builtins["exit"] = .object(PyExitCommand("exit"))
        interpreter.builtins["quit"] = .object(PyExitCommand("quit"))
    }

    deinit {
        // deeply nested values free recursively: let that happen on a large stack too
        let interpreter = self.interpreter
        onLargeStack {
            interpreter.globals.values.removeAll()
            interpreter.builtins.removeAll()
            interpreter.modules.removeAll()
        }
    }

    var context: JaxContext { interpreter.context }

    /// The flag that stops a running input with KeyboardInterrupt when raised.
    public var interrupt: InterruptFlag { interpreter.context.interrupt }

    /// True once `jax.config.update("jax_enable_x64", True)` has run.
    public var x64Enabled: Bool { interpreter.context.enableX64 }

    /// How many times a `jax.jit` function has been traced and compiled so far.
    public var jitCompileCount: Int { interpreter.context.jitCompileCount }

    /// Imports jax, jax.numpy as jnp and numpy as np, as the lab's first cell does, and
    /// remembers those names as the session's own.
    public func importLabModules() {
        runScript("import jax\nimport jax.numpy as jnp\nimport numpy as np\n", filename: "<startup>")
        startupNames = Set(interpreter.globals.values.keys)
    }

    /// The global names with each value's Python type name and `str()` text, sorted by name
    /// (for `%who` and `%whos`).
    public func globalVariables() -> [(name: String, typeName: String, text: String)] {
        interpreter.globals.values.sorted { $0.key < $1.key }.map { name, value in
            (name, value.typeName, (try? interpreter.str(value)) ?? "")
        }
    }

    /// Runs a whole script like `python FILE`; false when it ended with an uncaught exception
    /// (whose traceback went to the sink's error stream).
    @discardableResult
    public func runScript(_ source: String, filename: String) -> Bool {
        runFile(source, filename: filename).succeeded
    }

    /// Runs a whole script like `python FILE` and says how it ended (`exitStatus` when it
    /// called `exit` or `sys.exit`).
    public func runFile(_ source: String, filename: String) -> InputResult {
        runInput(quietly: false) { [self] in
            _ = execute(source, filename: filename, echo: false)
        }
    }

    /// Called after each top-level statement runs: `jaxlab run` flushes its output there, so
    /// what a script printed is out before it goes on (or crashes).
    public var afterStatement: (() -> Void)? {
        get { interpreter.afterTopLevelStatement }
        set { interpreter.afterTopLevelStatement = newValue }
    }

    /// Runs one input as typed at the prompt: Python statements (bare expression values are
    /// echoed with repr, when not None, and stored in `_`), `%magic` lines, `name?` help and
    /// `%%magic` cells. `quietly` keeps the output out of the sink (it is still in the result);
    /// `echo` says which expressions show their value.
    @discardableResult
    public func runInteractive(_ source: String, filename: String, quietly: Bool = false,
                               echo: EchoMode = .everyExpression) -> InputResult {
        runInput(quietly: quietly) { [self] in
            interpreter.sources[filename] = source.components(separatedBy: "\n")
            let pieces = InputPieces.split(source)
            for (index, piece) in pieces.enumerated() {
                let succeeded: Bool
                switch piece {
                case .python(let code):
                    interpreter.calledFunctions?.formUnion(Session.callNames(in: code))
                    if echo == .lastExpression {
                        // a notebook shows only the value that ends the cell, and not after `;`
                        let shows = index == pieces.count - 1 && !InputPieces.endsWithSemicolon(code)
                        succeeded = execute(code, filename: filename, echo: shows, lastOnly: true, recordSource: false)
                    } else {
                        succeeded = execute(code, filename: filename, echo: true, recordSource: false)
                    }
                case .lineMagic(let name, let argument):
                    succeeded = runMagic(name, argument: argument, cell: nil)
                case .cellMagic(let name, let argument, let body):
                    succeeded = runMagic(name, argument: argument, cell: body)
                case .help(let name, let detail):
                    succeeded = inspect(name, detail: detail)
                }
                if !succeeded || requestedExit != nil { break }
            }
        }
    }

    /// Runs `body` on the interpreter's thread with a fresh record, and collects the result.
    func runInput(quietly: Bool, _ body: @escaping () -> Void) -> InputResult {
        sink.reset(forwarding: !quietly)
        lastException = nil
        nextInput = nil
        requestedExit = nil
        interpreter.lastEchoed = nil
        interpreter.lastPrinted = nil
        interpreter.calledFunctions = []
        onLargeStack(body)
        // Ctrl-C ends the calls that input dispatched too
        if lastException?.kind == "KeyboardInterrupt" { context.dispatcher.cancelAll() }
        var result = InputResult()
        result.printed = sink.printed
        result.errorText = sink.errors
        result.exception = lastException.map {
            RaisedException(kind: ExceptionHierarchy.qualifiedName($0.kind), message: $0.message)
        }
        result.value = interpreter.lastEchoed
        result.printedValue = interpreter.lastPrinted
        result.calls = interpreter.calledFunctions ?? []
        result.nextInput = nextInput
        result.exitStatus = requestedExit
        interpreter.calledFunctions = nil
        sink.reset(forwarding: true)
        return result
    }

    /// Parses and runs source at the top level on the current (interpreter) thread; false when
    /// an exception escaped (its traceback is written to the sink). `lastOnly` echoes only a
    /// bare expression that ends the source; `recordSource` keeps its lines for tracebacks.
    func execute(_ source: String, filename: String, echo: Bool, lastOnly: Bool = false,
                 recordSource: Bool = true) -> Bool {
        if recordSource { interpreter.sources[filename] = source.components(separatedBy: "\n") }
        do throws(PyException) {
            return run(try Parser.parseModule(source, file: filename), filename: filename, echo: echo, lastOnly: lastOnly)
        } catch {
            report(error)
            return false
        }
    }

    /// Runs parsed statements at the top level, as `execute` does.
    func run(_ body: [Stmt], filename: String, echo: Bool, lastOnly: Bool) -> Bool {
        do throws(PyException) {
            if echo && lastOnly, let last = body.last {
                // a notebook cell shows only the value of a bare expression that ends it
                try interpreter.runModule(Array(body.dropLast()), file: filename, echoExpressions: false)
                try interpreter.runModule([last], file: filename, echoExpressions: { if case .expression = last.kind { true } else { false } }())
            } else {
                try interpreter.runModule(body, file: filename, echoExpressions: echo && !lastOnly)
            }
            return true
        } catch {
            report(error)
            return false
        }
    }

    /// Records an exception as the input's outcome and prints its traceback.
    func report(_ error: PyException) {
        interpreter.context.interrupt.clear()
        if error.kind == "SystemExit" {
            // not an error: the program asked to end (Python prints no traceback)
            requestedExit = exitStatus(for: error)
            return
        }
        lastException = error
        sink.writeError(formatError(error))
    }

    /// The names of the functions `source` calls as written (nothing if it does not parse).
    static func callNames(in source: String) -> Set<String> {
        guard let body = try? Parser.parseModule(source, file: "<calls>") else { return [] }
        var collector = CallNameCollector()
        collector.visit(body)
        return collector.names
    }

    /// Runs `body` on a thread with a large stack and waits for it.
    func onLargeStack(_ body: @escaping () -> Void) {
        let box = UncheckedBox(body)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.value()
            done.signal()
        }
        thread.stackSize = Session.stackSize
        thread.start()
        done.wait()
    }

    /// Whether `source` needs more lines before it can run (an open bracket or string, a
    /// trailing backslash, a line ending in `:`, or a block not yet ended by a blank line).
    public func isIncomplete(_ source: String) -> Bool {
        if case .incomplete = Session.inputStatus(source) { return true }
        return false
    }

    // MARK: tracebacks

    /// The text Python prints for an uncaught exception (or a syntax error).
    func formatError(_ error: PyException) -> String {
        let kindName = ExceptionHierarchy.qualifiedName(error.kind)
        let last = error.message.isEmpty ? kindName + "\n" : "\(kindName): \(error.message)\n"
        if ExceptionHierarchy.isSubclass(error.kind, of: "SyntaxError"), error.traceback.count == 1,
           let location = error.traceback.first {
            var text = "  " + Session.place(location.file, location.line) + "\n"
            if let line = sourceLine(location.file, location.line) {
                let stripped = line.drop { $0 == " " || $0 == "\t" }
                let removed = line.count - stripped.count
                text += "    \(stripped)\n"
                let caret = max(0, min(location.column - 1 - removed, stripped.count))
                text += "    " + String(repeating: " ", count: caret) + "^\n"
            }
            return text + last
        }
        // errors raised before any code ran (while compiling) print without a traceback, as in Python
        guard !error.traceback.isEmpty else { return last }
        let locations = Array(error.traceback.reversed())
        let names = interpreter.tracebackNames[error.traceback].map { Array($0.reversed()) }
        var text = "Traceback (most recent call last):\n"
        var previous: String?
        var repeats = 0
        func flushRepeats() {
            if repeats > 3 {
                text += "  [Previous line repeated \(repeats - 3) more time\(repeats - 3 == 1 ? "" : "s")]\n"
            }
        }
        for (i, location) in locations.enumerated() {
            let name = names.flatMap { i < $0.count ? $0[i] : nil } ?? (i == 0 ? "<module>" : "?")
            var entry = "  " + Session.place(location.file, location.line) + ", in \(name)\n"
            if let line = sourceLine(location.file, location.line) {
                let stripped = line.trimmingCharacters(in: .whitespaces)
                if !stripped.isEmpty { entry += "    \(stripped)\n" }
            }
            if entry == previous {
                repeats += 1
                if repeats > 3 { continue }
            } else {
                flushRepeats()
                repeats = 1
                previous = entry
            }
            text += entry
        }
        flushRepeats()
        return text + last
    }

    /// `File "x.py", line 3` as Python writes a place, or IPython's `Cell In[2], line 3`.
    static func place(_ file: String, _ line: Int) -> String {
        file.hasPrefix("Cell In[") ? "\(file), line \(line)" : "File \"\(file)\", line \(line)"
    }

    private func sourceLine(_ file: String, _ line: Int) -> String? {
        interpreter.sourceLine(file, line)
    }
}

/// Which bare expressions of an input show their value.
public enum EchoMode: Sendable {
    /// Python's console: every expression statement at the top level, loops included.
    case everyExpression
    /// A notebook cell (IPython's rule): only an expression statement that ends the input.
    case lastExpression
}

/// Carries a non-Sendable closure to the interpreter thread; safe because the caller blocks
/// until that thread has finished with it.
private final class UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
