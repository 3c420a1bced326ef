import JaxCore

/// The student's namespace as it was at one moment: every global name (lists, dicts and NumPy
/// arrays copied, so later changes to them do not reach back), `_` and the x64 setting.
/// Lessons take one per step so that going back restores what the step started from.
public struct NamespaceSnapshot {
    fileprivate let values: [String: PyValue]
    fileprivate let underscore: PyValue?
    fileprivate let enableX64: Bool
}

extension Session {
    /// A copy of the namespace to `restore` later.
    public func snapshot() -> NamespaceSnapshot {
        var values: [String: PyValue] = [:]
        let interpreter = self.interpreter
        onLargeStack {
            var copier = ValueCopier()
            values = interpreter.globals.values.mapValues { copier.copy($0) }
        }
        return NamespaceSnapshot(values: values, underscore: interpreter.builtins["_"],
                                 enableX64: interpreter.context.enableX64)
    }

    /// Puts the namespace back as it was when `snapshot` was taken (the snapshot stays usable).
    public func restore(_ snapshot: NamespaceSnapshot) {
        let interpreter = self.interpreter
        onLargeStack {
            var copier = ValueCopier()
            interpreter.globals.values = snapshot.values.mapValues { copier.copy($0) }
        }
        interpreter.builtins["_"] = snapshot.underscore
        interpreter.context.enableX64 = snapshot.enableX64
    }

    /// The value of one Python expression in the namespace, without echoing or changing `_`.
    public func evaluate(_ expression: String) -> Result<PyValue, RaisedException> {
        var outcome: Result<PyValue, RaisedException> = .failure(RaisedException(kind: "SyntaxError", message: "invalid syntax"))
        let interpreter = self.interpreter
        onLargeStack {
            do throws(PyException) {
                let body = try Parser.parseModule(expression, file: "<expression>")
                guard body.count == 1, case .expression(let expr) = body[0].kind else {
                    throw PyException("SyntaxError", "expected one expression")
                }
                interpreter.frames = [Frame(name: "<module>", file: "<expression>", line: 1)]
                defer { interpreter.frames = [] }
                outcome = .success(try interpreter.eval(expr, interpreter.globals))
            } catch {
                interpreter.context.interrupt.clear()
                outcome = .failure(RaisedException(kind: ExceptionHierarchy.qualifiedName(error.kind), message: error.message))
            }
        }
        return outcome
    }

    /// `repr(value)` as Python prints it (`<unprintable>` if its repr raises).
    public func repr(_ value: PyValue) -> String {
        var text = "<unprintable>"
        let interpreter = self.interpreter
        onLargeStack { if let shown = try? interpreter.repr(value) { text = shown } }
        return text
    }

    /// Where `source` first fails to parse (line in `source`, 1-based, and Python's message),
    /// or nil when it parses. `%magic` lines count as valid; a `%%magic` cell's body is Python.
    public static func syntaxError(in source: String) -> (line: Int, message: String)? {
        var lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var firstCode = true
        for index in lines.indices where !lines[index].allSatisfy(\.isWhitespace) {
            if lines[index].hasPrefix("%%") && firstCode { lines[index] = "" }
            if lines[index].hasPrefix("%") { lines[index] = "" }
            firstCode = false
        }
        do throws(PyException) {
            _ = try Parser.parseModule(lines.joined(separator: "\n") + "\n", file: "<lesson>")
            return nil
        } catch {
            return (error.traceback.first?.line ?? 1, error.message)
        }
    }
}

/// Copies the mutable parts of values (lists, dicts, NumPy arrays), keeping shared references
/// shared and cycles intact; everything immutable or opaque (functions, JAX arrays) is reused.
struct ValueCopier {
    private var copies: [ObjectIdentifier: PyValue] = [:]
    private var depth = 0
    /// Deeper nesting than this is shared rather than copied.
    static let maxDepth = 10_000

    mutating func copy(_ value: PyValue) -> PyValue {
        guard depth < ValueCopier.maxDepth else { return value }
        depth += 1
        defer { depth -= 1 }
        switch value {
        case .tuple(let items):
            return .tuple(items.map { copy($0) })
        case .list(let list):
            if let done = copies[ObjectIdentifier(list)] { return done }
            let fresh = PyList()
            copies[ObjectIdentifier(list)] = .list(fresh)
            fresh.items = list.items.map { copy($0) }
            return .list(fresh)
        case .dict(let dict):
            if let done = copies[ObjectIdentifier(dict)] { return done }
            let fresh = PyDict()
            copies[ObjectIdentifier(dict)] = .dict(fresh)
            for (key, item) in dict.items { try? fresh.set(key, copy(item)) }
            return .dict(fresh)
        case .object(let array as NDArrayObject):
            if let done = copies[ObjectIdentifier(array)] { return done }
            let fresh = PyValue.object(NDArrayObject(array.array, scalar: array.isScalar))
            copies[ObjectIdentifier(array)] = fresh
            return fresh
        default:
            return value
        }
    }
}
