import JaxCore

/// `jax.debug`: `print` and `callback`, which stage an equation that runs on the host every
/// time the computation runs (under jit too), with the arguments' values.
enum JaxDebugModule {
    static func make(_ interp: Interpreter) -> PyModule {
        let m = PyModule("jax.debug", file: "/jaxlab/jax/debug/__init__.py")
        m.define("print") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            var options: [(String, PyValue)] = [], kwargs: [(String, PyValue)] = []
            for (k, v) in args.keywords {
                if ["ordered", "partitioned", "skip_format_check"].contains(k) { options.append((k, v)) } else { kwargs.append((k, v)) }
            }
            let ordered = try interp.truth(options.first { $0.0 == "ordered" }?.1 ?? .bool(false))
            let partitioned = try interp.truth(options.first { $0.0 == "partitioned" }?.1 ?? .bool(false))
            let skipCheck = try interp.truth(options.first { $0.0 == "skip_format_check" }?.1 ?? .bool(false))
            guard let first = args.positional.first else {
                guard kwargs.isEmpty else {
                    throw PyException.typeError("debug_print() missing 1 required positional argument: 'fmt'")
                }
                // the two-call form: options now, the format and its arguments in the second call
                return .object(PyBuiltin("_debug_print", module: "jax._src.debugging") { (interp: Interpreter, call: Arguments) throws(PyException) -> PyValue in
                    guard let fmt = call.positional.first else { throw PyException.typeError("_debug_print() missing 1 required positional argument: 'fmt'") }
                    try debugPrint(interp, fmt, Array(call.positional.dropFirst()), call.keywords, ordered: ordered,
                                   partitioned: partitioned, skipCheck: skipCheck)
                    return .none
                })
            }
            try debugPrint(interp, first, Array(args.positional.dropFirst()), kwargs, ordered: ordered, partitioned: partitioned,
                           skipCheck: skipCheck)
            return .none
        }
        m.define("breakpoint") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            _ = try args.bind("breakpoint", ["backend", "filter_frames", "num_frames", "ordered", "token"], positionalOnly: 0)
            // traced like JAX's (a debug callback, so a branch never taken never stops), but
            // reaching it cannot open a debugger here: it says so
            try Tracing.debugCallback(interp.context, [], partitioned: false) { (_: JaxContext, _: [JaxArray]) throws(PyException) in
                throw PyException.notImplemented("jaxlab has no interactive debugger (jax.debug.breakpoint); print values with jax.debug.print")
            }
            return .none
        }
        m.define("callback") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            guard let callback = args.positional.first else {
                throw PyException.typeError("debug_callback() missing 1 required positional argument: 'callback'")
            }
            try JaxModule.requireCallable(interp, callback)
            var partitioned = false
            var kwargs: [(String, PyValue)] = []
            for (k, v) in args.keywords {
                switch k {
                case "ordered": _ = try interp.truth(v)
                case "partitioned": partitioned = try interp.truth(v)
                default: kwargs.append((k, v))
                }
            }
            let split = try SplitArguments(interp, Array(args.positional.dropFirst()), kwargs)
            try Tracing.debugCallback(interp.context, split.dynamic, partitioned: partitioned) {
                [weak interp] (_: JaxContext, values: [JaxArray]) throws(PyException) in
                guard let interp else { return }
                let (positional, keywords) = try split.merged(interp, values)
                _ = try interp.call(callback, Arguments(positional, keywords: keywords))
            }
            return .none
        }
        return m
    }

    /// `jax.debug.print(fmt, *args, **kwargs)`: the format checked now (JAX's errors for
    /// fields without arguments and arguments without fields), formatted when it runs.
    static func debugPrint(_ interp: Interpreter, _ fmtValue: PyValue, _ args: [PyValue], _ kwargs: [(String, PyValue)],
                           ordered: Bool, partitioned: Bool, skipCheck: Bool) throws(PyException) {
        guard case .str(let fmt) = fmtValue else {
            throw PyException.typeError("jax.debug.print's format must be a string, got \(interp.pythonTypeName(fmtValue))")
        }
        let fields = try FormatFields(fmt)
        if !skipCheck { try fields.check(interp, positional: args, keywords: kwargs.map(\.0)) }
        let split = try SplitArguments(interp, args, kwargs)
        let hasPlaceholders = fields.firstIsField
        try Tracing.debugPrint(interp.context, split.dynamic, format: fmt, hasPlaceholders: hasPlaceholders, inTree: split.inTree,
                               staticArgs: try split.staticText(interp), ordered: ordered, partitioned: partitioned) {
            [weak interp] (_: JaxContext, values: [JaxArray]) throws(PyException) in
            guard let interp else { return }
            let (positional, keywords) = try split.merged(interp, values)
            let message: String
            if hasPlaceholders {
                message = try interp.formatString(fmt, Arguments(positional, keywords: keywords))
            } else {
                var parts = [fmt]
                for a in positional { parts.append(try interp.str(a)) }
                message = parts.joined(separator: " ")
            }
            interp.sink.write(message + "\n")
        }
    }
}

/// `_split_callback_args`: the leaves of `(args, kwargs)` that are JAX values ride as
/// operands; the others (strings, objects) stay with the callback.
struct SplitArguments {
    let tree: Tree<PyValue>
    let positionalCount: Int
    let keywordNames: [String]
    /// The operands, and for every leaf whether it is one.
    let dynamic: [JaxValue]
    let isDynamic: [Bool]

    init(_ interp: Interpreter, _ args: [PyValue], _ kwargs: [(String, PyValue)]) throws(PyException) {
        let d = PyDict()
        for (k, v) in kwargs { try d.set(.str(k), v) }
        tree = try interp.flattenTree(.tuple([.tuple(args), .dict(d)]))
        positionalCount = args.count
        keywordNames = kwargs.map(\.0)
        var dynamic: [JaxValue] = [], isDynamic: [Bool] = []
        for leaf in tree.leaves {
            if let value = try interp.jaxOperand(leaf) {
                dynamic.append(value)
                isDynamic.append(true)
            } else {
                isDynamic.append(false)
            }
        }
        self.dynamic = dynamic
        self.isDynamic = isDynamic
    }

    /// `in_tree` as JAX prints it.
    var inTree: String { "PyTreeDef(\(tree.structure))" }

    /// `static_args`: `((index, value), ...)`.
    func staticText(_ interp: Interpreter) throws(PyException) -> String {
        var items: [String] = []
        for (i, (leaf, dynamic)) in zip(tree.leaves, isDynamic).enumerated() where !dynamic {
            items.append("(\(i), \(try interp.repr(leaf)))")
        }
        return items.count == 1 ? "(\(items[0]),)" : "(" + items.joined(separator: ", ") + ")"
    }

    /// The arguments rebuilt with the operands' values as arrays.
    func merged(_ interp: Interpreter, _ values: [JaxArray]) throws(PyException) -> ([PyValue], [(String, PyValue)]) {
        var next = values.makeIterator()
        var flags = isDynamic.makeIterator()
        let rebuilt = try tree.mapLeaves { (leaf: PyValue) throws(PyException) -> PyValue in
            guard flags.next() == true else { return leaf }
            guard let value = next.next() else { throw PyException("RuntimeError", "a debugging callback lost an argument") }
            return .object(JaxArrayObject(value))
        }
        guard case .tuple(let parts) = try interp.unflattenTree(rebuilt), parts.count == 2,
              case .tuple(let positional) = parts[0], case .dict(let d) = parts[1] else {
            throw PyException("RuntimeError", "a debugging callback lost its arguments")
        }
        var keywords: [(String, PyValue)] = []
        for name in keywordNames { keywords.append((name, try d.get(.str(name)) ?? .none)) }
        return (positional, keywords)
    }
}

/// The replacement fields of a format string as `string.Formatter` parses them, for
/// `jax.debug.print`'s check of its arguments.
struct FormatFields {
    /// Each field's argument: a position or a keyword.
    enum Reference: Equatable { case position(Int), keyword(String) }
    var references: [Reference] = []
    /// Whether the string's first piece is a field (`has_placeholders`).
    var firstIsField = false

    init(_ format: String) throws(PyException) {
        let chars = Array(format)
        var i = 0, auto = 0, manual = false, escaped = false
        func field(_ text: String) throws(PyException) {
            let name = String(text.prefix { $0 != "." && $0 != "[" && $0 != "!" && $0 != ":" })
            if name.isEmpty {
                if manual { throw PyException.valueError("cannot switch from manual field specification to automatic field numbering") }
                references.append(.position(auto))
                auto += 1
            } else if let n = Int(name) {
                // string.Formatter says this for either switch
                if auto > 0 { throw PyException.valueError("cannot switch from manual field specification to automatic field numbering") }
                manual = true
                references.append(.position(n))
            } else {
                references.append(.keyword(name))
            }
            if let colon = text.firstIndex(of: ":") {
                // fields nested in the format spec
                let spec = Array(text[text.index(after: colon)...])
                var k = 0
                while k < spec.count {
                    if spec[k] == "{", let close = spec[k...].firstIndex(of: "}") {
                        try field(String(spec[(k + 1)..<close]))
                        k = close + 1
                    } else {
                        k += 1
                    }
                }
            }
        }
        while i < chars.count {
            let c = chars[i]
            if c == "}" {
                guard i + 1 < chars.count, chars[i + 1] == "}" else { throw PyException.valueError("Single '}' encountered in format string") }
                escaped = true
                i += 2
                continue
            }
            guard c == "{" else {
                i += 1
                continue
            }
            if i + 1 < chars.count && chars[i + 1] == "{" {
                escaped = true
                i += 2
                continue
            }
            var j = i + 1, depth = 1
            while j < chars.count {
                if chars[j] == "{" { depth += 1 }
                if chars[j] == "}" {
                    depth -= 1
                    if depth == 0 { break }
                }
                j += 1
            }
            guard j < chars.count else { throw PyException.valueError("expected '}' before end of string") }
            // the first piece `string.Formatter.parse` yields ends at the first field or at
            // the first escaped brace, whichever comes first
            if references.isEmpty && !escaped { firstIsField = true }
            try field(String(chars[(i + 1)..<j]))
            i = j + 1
        }
    }

    /// `_DebugPrintFormatChecker`: every field has an argument, every argument a field.
    func check(_ interp: Interpreter, positional: [PyValue], keywords: [String]) throws(PyException) {
        for ref in references {
            switch ref {
            case .position(let n) where n >= positional.count: throw PyException.indexError("tuple index out of range")
            case .keyword(let k) where !keywords.contains(k): throw PyException("KeyError", "'\(k)'")
            default: break
            }
        }
        var unused: [String] = []
        for (i, value) in positional.enumerated() where !references.contains(.position(i)) { unused.append(try interp.repr(value)) }
        if !unused.isEmpty {
            throw PyException.valueError("Unused positional arguments to `jax.debug.print`: [\(unused.joined(separator: ", "))]")
        }
        let unusedKeywords = keywords.filter { !references.contains(.keyword($0)) }
        if !unusedKeywords.isEmpty {
            throw PyException.valueError("Unused keyword arguments to `jax.debug.print`: [\(unusedKeywords.map { "'\($0)'" }.joined(separator: ", "))]. You may be passing an f-string (i.e, `f\"{x}\"`) into `jax.debug.print` and instead should pass in a regular string.")
        }
    }
}
