import Foundation
import JaxCore

/// One user's Python session: globals, imported modules, the array context (x64, limits,
/// interrupt flag) and the NumPy random state. Runs scripts and interactive inputs and
/// prints what Python would print, tracebacks included, to its sink.
public final class Session {
    /// The interpreter runs on a thread with this much stack, so Python's recursion limit
    /// (1000 frames) is reached long before the machine's stack is.
    static let stackSize = 512 << 20

    let interpreter: Interpreter
    let sink: OutputSink

    /// `context` lets the shell share the interrupt flag its Ctrl-C handler raises.
    public init(sink: OutputSink, context: JaxContext = JaxContext()) {
        self.sink = sink
        interpreter = Interpreter(context: context, sink: sink)
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

    public var context: JaxContext { interpreter.context }

    /// The global names with each value's Python type name and `str()` text, sorted by name
    /// (for the shell's `%who` and `%whos`).
    public func globalVariables() -> [(name: String, typeName: String, text: String)] {
        interpreter.globals.values.sorted { $0.key < $1.key }.map { name, value in
            (name, value.typeName, (try? interpreter.str(value)) ?? "")
        }
    }

    /// Runs a whole script like `python FILE`; false when it ended with an uncaught exception
    /// (whose traceback went to the sink's error stream).
    @discardableResult
    public func runScript(_ source: String, filename: String) -> Bool {
        run(source, filename: filename, echo: false)
    }

    /// Runs one interactive input (one top-level statement, or several on one line): bare
    /// expression values are echoed with repr (not None) and stored in `_`.
    @discardableResult
    public func runInteractive(_ source: String, filename: String) -> Bool {
        run(source, filename: filename, echo: true)
    }

    private func run(_ source: String, filename: String, echo: Bool) -> Bool {
        interpreter.sources[filename] = source.components(separatedBy: "\n")
        let result = UncheckedBox(ResultFlag())
        onLargeStack { [self] in
            do throws(PyException) {
                let body = try Parser.parseModule(source, file: filename)
                try interpreter.runModule(body, file: filename, echoExpressions: echo)
                result.value.succeeded = true
            } catch {
                interpreter.context.interrupt.clear()
                sink.writeError(formatError(error))
            }
        }
        return result.value.succeeded
    }

    /// Runs `body` on a thread with a large stack and waits for it.
    private func onLargeStack(_ body: @escaping () -> Void) {
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

/// Whether a run finished without an uncaught exception, set on the interpreter thread.
private final class ResultFlag {
    var succeeded = false
}

/// Carries a non-Sendable closure to the interpreter thread; safe because the caller blocks
/// until that thread has finished with it.
private final class UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
