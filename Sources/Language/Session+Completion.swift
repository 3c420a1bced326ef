import Foundation
import JaxCore

extension Session {
    /// Words that could complete what is before `cursor` in `line`: names, attributes of the
    /// expression before a `.` (`jnp.ar`, `b.at[0].s`, `jnp.ones(3).su`), keyword arguments,
    /// dict keys and paths inside strings. Each is a whole replacement for the dotted name or
    /// a replacement for the last word. Completing never runs the student's code nor computes
    /// array data: expressions are followed on their types (see `CompletionReceiver`).
    public func completions(for line: String, cursor: Int) -> [String] {
        let prefix = String(line.prefix(max(0, min(cursor, line.count))))
        if let open = CompletionContext.openString(in: prefix) {
            return dictKeyCompletions(prefix, quoteAt: open) ?? CompletionContext.pathCompletions(String(prefix[prefix.index(after: open)...]))
        }
        let partial = String(prefix.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" }.reversed())
        let head = prefix.dropLast(partial.count)
        guard head.hasSuffix(".") else {
            let keywords = pythonKeywords.sorted()
            let arguments = keywordArgumentCompletions(String(head), partial: partial)
            return (arguments + interpreter.visibleNames + keywords).filter { $0.hasPrefix(partial) && !$0.hasPrefix("<") }
                .reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        }
        let receiverText = CompletionContext.receiver(before: String(head.dropLast()))
        guard !receiverText.isEmpty, let value = CompletionReceiver(self).value(of: receiverText) else { return [] }
        let base = receiverText.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }) ? receiverText + "." : ""
        return interpreter.attributeNames(of: value).filter { $0.hasPrefix(partial) && (partial.hasPrefix("_") || !$0.hasPrefix("_")) }
            .map { base + $0 }
    }

    /// Files and folders completing `typed` (a path after `%run`, `%load`, `%cd` ...): the end
    /// of the last path component, from its last word on. `folders` keeps only folders.
    public static func pathCompletions(_ typed: String, foldersOnly: Bool = false) -> [String] {
        CompletionContext.pathCompletions(typed, foldersOnly: foldersOnly)
    }

    /// `name=` for each keyword the function being called accepts, when the cursor is inside
    /// its argument list (`jnp.zeros(3, dt` offers `dtype=`).
    func keywordArgumentCompletions(_ before: String, partial: String) -> [String] {
        guard let callee = CompletionContext.calleeOfOpenCall(before), let function = CompletionReceiver(self).value(of: callee) else { return [] }
        let names: [String]
        switch function {
        case .object(let f as PyFunction):
            names = f.code.parameters.filter { $0.kind == .normal || $0.kind == .keywordOnly }.map(\.name)
        case .object(let b as PyBuiltin):
            names = FunctionDocs.entry(module: b.module, name: b.name)?.keywordNames ?? []
        default:
            names = []
        }
        return names.filter { $0.hasPrefix(partial) }.map { $0 + "=" }
    }

    /// The keys of a dict being subscripted with a string (`params['w` offers `weights']`).
    func dictKeyCompletions(_ before: String, quoteAt quote: String.Index) -> [String]? {
        let head = before[..<quote]
        guard head.hasSuffix("[") else { return nil }
        let name = CompletionContext.trailingDottedName(String(head.dropLast()))
        guard !name.isEmpty, case .dict(let dict)? = CompletionReceiver(self).value(of: name) else { return nil }
        let typed = String(before[before.index(after: quote)...])
        let closing = String(before[quote]) + "]"
        return dict.keys.compactMap { key -> String? in
            guard case .str(let text) = key, text.hasPrefix(typed) else { return nil }
            return String(text.dropFirst(typed.count - CompletionContext.lastWordLength(typed))) + closing
        }
    }
}

/// Follows an expression like `big.T.at[0]` or `jnp.ones(3).sum()` far enough to know what its
/// attributes are, without running the student's code or touching array data: names are looked
/// up, attributes of modules, classes and plain values read, an array stands in as a one-element
/// array of its kind, and a call gives what the function is known to return (an array for the
/// array libraries' functions and array methods). Anything else, or more than a few
/// milliseconds, gives up.
struct CompletionReceiver {
    private let session: Session
    private var interpreter: Interpreter { session.interpreter }
    /// 20 ms of this thread's processor time: the work bounded, not the time a busy machine
    /// gives to other programs (which would make completion fail at random under load).
    private let deadline = CompletionReceiver.threadTime() + 0.02

    private static func threadTime() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    init(_ session: Session) { self.session = session }

    /// Array properties that compute a new array: followed on the stand-in.
    private static let arrayProperties: Set<String> = ["T", "mT", "real", "imag", "flat"]
    /// Modules whose functions return arrays.
    private static let jaxArrayModules: Set<String> = ["jax.numpy", "jax.random", "jax.nn", "jax.lax", "jax.scipy.special"]
    private static let numpyArrayModules: Set<String> = ["numpy", "numpy.random"]

    func value(of text: String) -> PyValue? {
        guard let chain = CompletionContext.chain(text) else { return nil }
        guard let first = try? interpreter.lookup(chain.name, interpreter.globals) else { return nil }
        var value = standIn(first)
        for trailer in chain.trailers {
            guard CompletionReceiver.threadTime() < deadline else { return nil }
            switch trailer {
            case .attribute(let name):
                guard let next = attribute(value, name) else { return nil }
                value = standIn(next)
            case .call:
                guard let next = callResult(value) else { return nil }
                value = next
            case .index(let index):
                guard let next = item(value, index) else { return nil }
                value = standIn(next)
            }
        }
        return value
    }

    /// A one-element array of the same kind for an array; other values as they are.
    private func standIn(_ value: PyValue) -> PyValue {
        switch value {
        case .object(let array as JaxArrayObject) where !array.isKeyArray:
            return .object(JaxArrayObject(JaxArray(shape: [1], storage: .float32([0]))))
        case .object(is NDArrayObject):
            return .object(NDArrayObject(JaxArray(shape: [1], storage: .float64([0]))))
        default:
            return value
        }
    }

    private func attribute(_ value: PyValue, _ name: String) -> PyValue? {
        switch value {
        case .object(let instance as PyInstance):
            // only what the instance holds: a class attribute may be a property running code
            return try? instance.attributes.get(.str(name))
        case .object(is JaxArrayObject), .object(is NDArrayObject):
            return try? interpreter.getAttribute(value, name)
        case .object(let object) where !(object is PyModule || object is PyClass || object is PyType || object is PyFunction
                                         || object is PyBuiltin || object is PyIndexUpdateHelper || object is PyIndexUpdateRef):
            return nil
        default:
            return try? interpreter.getAttribute(value, name)
        }
    }

    private func callResult(_ callee: PyValue) -> PyValue? {
        guard case .object(let object) = callee else { return nil }
        let jaxArray = PyValue.object(JaxArrayObject(JaxArray(shape: [1], storage: .float32([0]))))
        let numpyArray = PyValue.object(NDArrayObject(JaxArray(shape: [1], storage: .float64([0]))))
        switch object {
        case let builtin as PyBuiltin:
            if let owner = builtin.ownerType {
                switch builtin.name {
                case "tolist": return .list(PyList())
                case "item": return .float(0)
                default: break
                }
                if owner == "ArrayImpl" { return jaxArray }
                if owner.hasPrefix("numpy") || owner == "ndarray" { return numpyArray }
                if owner == "_IndexUpdateRef" { return jaxArray }
                return nil
            }
            if let module = builtin.module {
                if CompletionReceiver.jaxArrayModules.contains(module) { return jaxArray }
                if CompletionReceiver.numpyArrayModules.contains(module) { return numpyArray }
            }
            return nil
        case let type as PyType:
            switch type.name {
            case "list": return .list(PyList())
            case "dict": return .dict(PyDict())
            case "str": return .str("")
            case "int": return .int(0)
            case "float": return .float(0)
            case "tuple": return .tuple([])
            default: return nil
            }
        default:
            return nil
        }
    }

    private func item(_ container: PyValue, _ index: String) -> PyValue? {
        switch container {
        case .object(is JaxArrayObject), .object(is NDArrayObject):
            return container
        case .object(let helper as PyIndexUpdateHelper):
            return try? helper.getItem(.int(0), interpreter)
        case .dict(let dict):
            guard let key = CompletionContext.literal(index) else { return nil }
            return (try? dict.get(key)) ?? nil
        case .list(let list):
            guard case .int(let position)? = CompletionContext.literal(index), list.items.indices.contains(position) else { return nil }
            return list.items[position]
        case .tuple(let items):
            guard case .int(let position)? = CompletionContext.literal(index), items.indices.contains(position) else { return nil }
            return items[position]
        default:
            return nil
        }
    }
}

/// Reads the text left of the cursor for completion: open strings, open calls, names, the
/// expression before a `.`.
enum CompletionContext {
    /// Where the string the cursor is inside starts (its quote), if it is inside one.
    static func openString(in text: String) -> String.Index? {
        var quote: Character?
        var start: String.Index?
        var escaped = false
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if let q = quote {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == q { quote = nil; start = nil }
            } else if c == "#" {
                return nil
            } else if c == "'" || c == "\"" {
                quote = c
                start = i
            }
            i = text.index(after: i)
        }
        return start
    }

    /// The dotted name before the innermost `(` still open at the end of `text`.
    static func calleeOfOpenCall(_ text: String) -> String? {
        var depth = 0
        var quote: Character?
        for i in text.indices.reversed() {
            let c = text[i]
            if let q = quote { if c == q { quote = nil }; continue }
            switch c {
            case "'", "\"": quote = c
            case ")", "]", "}": depth += 1
            case "[", "{": if depth == 0 { return nil } else { depth -= 1 }
            case "(":
                if depth == 0 {
                    let name = trailingDottedName(String(text[..<i]))
                    return name.isEmpty ? nil : name
                }
                depth -= 1
            default: break
            }
        }
        return nil
    }

    /// The identifier-and-dots run at the end of `text`.
    static func trailingDottedName(_ text: String) -> String {
        String(text.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }.reversed())
    }

    /// How many characters at the end of `text` form an identifier (what the editor replaces).
    static func lastWordLength(_ text: String) -> Int {
        text.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" }.count
    }

    /// The expression ending `text` that a `.` after it would take an attribute of: a name
    /// followed by attributes, calls and subscripts (`jnp.ones(3).T`, `b.at[0]`).
    static func receiver(before text: String) -> String {
        let characters = Array(text)
        var start = characters.count
        while start > 0 {
            let c = characters[start - 1]
            if c == ")" || c == "]" {
                var depth = 0
                var index = start - 1
                while index >= 0 {
                    if characters[index] == ")" || characters[index] == "]" { depth += 1 }
                    if characters[index] == "(" || characters[index] == "[" { depth -= 1 }
                    if depth == 0 { break }
                    index -= 1
                }
                guard index > 0 else { return "" }
                start = index
                continue
            }
            guard c.isLetter || c.isNumber || c == "_" else { break }
            while start > 0 && (characters[start - 1].isLetter || characters[start - 1].isNumber || characters[start - 1] == "_") { start -= 1 }
            guard start > 0, characters[start - 1] == "." else { break }
            start -= 1
        }
        let found = String(characters[start...])
        guard let first = found.first, first.isLetter || first == "_" else { return "" }
        return found
    }

    /// One step after the first name of an expression.
    enum Trailer {
        case attribute(String)
        case call
        case index(String)
    }

    /// An expression split into its first name and what follows it; nil when it is not that.
    static func chain(_ text: String) -> (name: String, trailers: [Trailer])? {
        let characters = Array(text)
        var index = 0
        func identifier() -> String? {
            let start = index
            while index < characters.count && (characters[index].isLetter || characters[index].isNumber || characters[index] == "_") { index += 1 }
            return index > start ? String(characters[start..<index]) : nil
        }
        guard let name = identifier() else { return nil }
        var trailers: [Trailer] = []
        while index < characters.count {
            switch characters[index] {
            case ".":
                index += 1
                guard let attribute = identifier() else { return nil }
                trailers.append(.attribute(attribute))
            case "(", "[":
                let open = characters[index]
                let start = index + 1
                var depth = 0
                while index < characters.count {
                    if characters[index] == "(" || characters[index] == "[" { depth += 1 }
                    if characters[index] == ")" || characters[index] == "]" { depth -= 1 }
                    index += 1
                    if depth == 0 { break }
                }
                guard depth == 0 else { return nil }
                trailers.append(open == "(" ? .call : Trailer.index(String(characters[start..<(index - 1)])))
            default:
                return nil
            }
        }
        return (name, trailers)
    }

    /// A literal subscript: a quoted string or a whole number.
    static func literal(_ text: String) -> PyValue? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let number = Int(trimmed) { return .int(number) }
        if trimmed.count >= 2, let quote = trimmed.first, quote == "'" || quote == "\"", trimmed.last == quote {
            let body = trimmed.dropFirst().dropLast()
            return body.contains("\\") || body.contains(quote) ? nil : .str(String(body))
        }
        return nil
    }

    /// Files and folders (with a trailing `/`) that complete a typed path; each candidate is
    /// the end of the last path component, from its last word on.
    static func pathCompletions(_ typed: String, foldersOnly: Bool = false) -> [String] {
        let expanded = typed.hasPrefix("~") ? NSString(string: typed).expandingTildeInPath : typed
        let slash = expanded.lastIndex(of: "/")
        let directory = slash.map { String(expanded[...$0]) } ?? "./"
        let partial = slash.map { String(expanded[expanded.index(after: $0)...]) } ?? expanded
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return names.filter { $0.hasPrefix(partial) && (partial.hasPrefix(".") || !$0.hasPrefix(".")) }.sorted().compactMap { name in
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: directory + name, isDirectory: &isDirectory)
            if foldersOnly && !isDirectory.boolValue { return nil }
            // only the identifier part the editor replaces: `my-fi` completes from `fi`
            return String(name.dropFirst(partial.count - lastWordLength(partial))) + (isDirectory.boolValue ? "/" : "")
        }
    }
}
