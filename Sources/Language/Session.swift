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

    /// `interrupt` is the flag the shell's Ctrl-C handler raises.
    public convenience init(sink: OutputSink, interrupt: InterruptFlag = InterruptFlag()) {
        self.init(sink: sink, context: JaxContext(interrupt: interrupt))
    }

    init(sink: OutputSink, context: JaxContext) {
        self.sink = RecordingSink(target: sink)
        interpreter = Interpreter(context: context, sink: self.sink)
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
        let result = runInput(quietly: false) { [self] in
            _ = execute(source, filename: filename, echo: false)
        }
        return result.succeeded
    }

    /// Runs one input as typed at the prompt: Python statements (bare expression values are
    /// echoed with repr, when not None, and stored in `_`), a `%magic` line or a `%%magic`
    /// cell. `quietly` keeps the output out of the sink (it is still in the result); `echo`
    /// says which expressions show their value.
    @discardableResult
    public func runInteractive(_ source: String, filename: String, quietly: Bool = false,
                               echo: EchoMode = .everyExpression) -> InputResult {
        runInput(quietly: quietly) { [self] in
            for piece in InputPieces.split(source, isIncomplete: isIncomplete) {
                let succeeded: Bool
                switch piece {
                case .python(let code):
                    interpreter.calledFunctions?.formUnion(Session.callNames(in: code))
                    succeeded = execute(code, filename: filename, echo: true, lastOnly: echo == .lastExpression)
                case .lineMagic(let name, let argument):
                    succeeded = runMagic(name, argument: argument, cell: nil)
                case .cellMagic(let name, let argument, let body):
                    succeeded = runMagic(name, argument: argument, cell: body)
                }
                if !succeeded { break }
            }
        }
    }

    /// Runs `body` on the interpreter's thread with a fresh record, and collects the result.
    func runInput(quietly: Bool, _ body: @escaping () -> Void) -> InputResult {
        sink.reset(forwarding: !quietly)
        lastException = nil
        interpreter.lastEchoed = nil
        interpreter.lastPrinted = nil
        interpreter.calledFunctions = []
        onLargeStack(body)
        var result = InputResult()
        result.printed = sink.printed
        result.errorText = sink.errors
        result.exception = lastException.map {
            RaisedException(kind: ExceptionHierarchy.qualifiedName($0.kind), message: $0.message)
        }
        result.value = interpreter.lastEchoed
        result.printedValue = interpreter.lastPrinted
        result.calls = interpreter.calledFunctions ?? []
        interpreter.calledFunctions = nil
        sink.reset(forwarding: true)
        return result
    }

    /// Parses and runs source at the top level on the current (interpreter) thread; false when
    /// an exception escaped (its traceback is written to the sink).
    func execute(_ source: String, filename: String, echo: Bool, lastOnly: Bool = false) -> Bool {
        interpreter.sources[filename] = source.components(separatedBy: "\n")
        do throws(PyException) {
            let body = try Parser.parseModule(source, file: filename)
            if echo && lastOnly, let last = body.last {
                // a notebook cell shows only the value of a bare expression that ends it
                try interpreter.runModule(Array(body.dropLast()), file: filename, echoExpressions: false)
                try interpreter.runModule([last], file: filename, echoExpressions: { if case .expression = last.kind { true } else { false } }())
            } else {
                try interpreter.runModule(body, file: filename, echoExpressions: echo)
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
    /// trailing backslash, or a compound statement not yet ended by a blank line).
    public func isIncomplete(_ source: String) -> Bool {
        if hasOpenBrackets(source) { return true }
        guard let tokens = try? Lexer.tokenize(source, file: "<input>") else { return false }
        let compoundStarters: Set<String> = ["def", "if", "for", "while", "try", "with", "class"]
        let startsCompound: Bool
        switch tokens.first?.kind {
        case .name(let word)?: startsCompound = compoundStarters.contains(word)
        case .op("@")?: startsCompound = true
        default: startsCompound = false
        }
        if startsCompound {
            let trimmed = source.hasSuffix("\n") ? String(source.dropLast()) : source
            return !(trimmed.hasSuffix("\n") || trimmed.components(separatedBy: "\n").last?.allSatisfy(\.isWhitespace) == true
                     && trimmed.contains("\n"))
        }
        return false
    }

    /// Words that could complete the dotted name before `cursor` in `line` (each a whole
    /// replacement for that dotted name, e.g. `jnp.arange` for `jnp.ar`).
    public func completions(for line: String, cursor: Int) -> [String] {
        let prefix = String(line.prefix(max(0, min(cursor, line.count))))
        if let open = CompletionContext.openString(in: prefix) {
            return dictKeyCompletions(prefix, quoteAt: open) ?? CompletionContext.pathCompletions(String(prefix[prefix.index(after: open)...]))
        }
        let word = String(prefix.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }.reversed())
        var parts = word.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let partial = parts.removeLast()
        if parts.isEmpty {
            let keywords = pythonKeywords.sorted()
            let arguments = keywordArgumentCompletions(String(prefix.dropLast(word.count)), partial: partial)
            return (arguments + interpreter.visibleNames + keywords).filter { $0.hasPrefix(partial) && !$0.hasPrefix("<") }
                .reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        }
        guard let first = parts.first, var value = try? interpreter.lookup(first, interpreter.globals) else { return [] }
        for attribute in parts.dropFirst() {
            guard let next = try? interpreter.getAttribute(value, attribute) else { return [] }
            value = next
        }
        let base = parts.joined(separator: ".")
        return interpreter.attributeNames(of: value).filter { $0.hasPrefix(partial) && (partial.hasPrefix("_") || !$0.hasPrefix("_")) }
            .map { base + "." + $0 }
    }

    /// An unclosed bracket or triple-quoted string, or a trailing backslash.
    private func hasOpenBrackets(_ source: String) -> Bool {
        do throws(PyException) {
            _ = try Lexer.tokenize(source, file: "<input>")
            return false
        } catch {
            return error.message.contains("was never closed") || error.message.contains("unterminated triple-quoted")
                || error.message.contains("unexpected EOF")
        }
    }

    // MARK: tracebacks

    /// The text Python prints for an uncaught exception (or a syntax error).
    func formatError(_ error: PyException) -> String {
        let kindName = ExceptionHierarchy.qualifiedName(error.kind)
        let last = error.message.isEmpty ? kindName + "\n" : "\(kindName): \(error.message)\n"
        if ExceptionHierarchy.isSubclass(error.kind, of: "SyntaxError"), error.traceback.count == 1,
           let location = error.traceback.first {
            var text = "  File \"\(location.file)\", line \(location.line)\n"
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
            var entry = "  File \"\(location.file)\", line \(location.line), in \(name)\n"
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
