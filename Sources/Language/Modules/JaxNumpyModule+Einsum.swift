import JaxCore

/// `jnp.einsum(subscripts, *operands, optimize=..., ...)`.
extension JaxNumpyModule {
    static func addEinsum(_ m: PyModule, _ interp: Interpreter) {
        let ctx = interp.context
        m.define("einsum") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            var optimize = EinsumOptimize.auto
            for (name, value) in args.keywords {
                switch name {
                case "optimize": optimize = try interp.einsumOptimize(value)
                case "out", "precision", "preferred_element_type", "out_sharding", "_dot_general":
                    if !value.isNone { throw PyException.notImplemented("jnp.einsum's \(name) argument is not supported") }
                default: throw PyException.typeError("einsum() got an unexpected keyword argument '\(name)'")
                }
            }
            guard let first = args.positional.first else {
                throw PyException.typeError("einsum() missing 1 required positional argument: 'subscripts'")
            }
            let subscripts: String, given: [PyValue]
            if case .str(let text) = first {
                (subscripts, given) = (text, Array(args.positional.dropFirst()))
            } else {
                (subscripts, given) = try interp.interleavedSubscripts(args.positional)
            }
            var operands: [JaxValue] = []
            for (i, v) in given.enumerated() { operands.append(try interp.jnpArgument(v, "einsum", position: i)) }
            return .object(JaxArrayObject(try JNP.einsum(ctx, subscripts, operands, optimize: optimize)))
        }
    }
}

extension Interpreter {
    /// opt_einsum's `convert_interleaved_input`: `(x, [0, 1], y, [1, 2], [0, 2])` as
    /// `'ab,bc->ac'` and the operands, the integer labels lettered in sorted order.
    func interleavedSubscripts(_ items: [PyValue]) throws(PyException) -> (String, [PyValue]) {
        var operands: [PyValue] = [], lists: [[PyValue]] = []
        for pair in 0..<(items.count / 2) {
            operands.append(items[2 * pair])
            lists.append(try collect(items[2 * pair + 1]))
        }
        let output = items.count % 2 == 1 ? try collect(items[items.count - 1]) : nil
        var labels = Set<Int>()
        for item in lists.joined() + (output ?? []) {
            if case .object(is PyEllipsis) = item { continue }
            guard let label = try? index(item) else {
                throw PyException.notImplemented("jnp.einsum's subscript lists of labels other than integers and ... are not supported")
            }
            labels.insert(label)
        }
        let letters = JNP.einsumSymbols
        guard labels.count <= letters.count else { throw PyException.notImplemented("jnp.einsum with more than 52 labels is not supported") }
        let symbol = Dictionary(uniqueKeysWithValues: labels.sorted().enumerated().map { ($0.element, letters[$0.offset]) })
        func text(_ list: [PyValue]) -> String {
            list.map { item in
                if case .object(is PyEllipsis) = item { return "..." }
                return (try? index(item)).flatMap { symbol[$0] }.map(String.init) ?? ""
            }.joined()
        }
        var subscripts = lists.map(text).joined(separator: ",")
        if let output { subscripts += "->" + text(output) }
        return (subscripts, operands)
    }

    /// einsum's `optimize=`: a bool, an opt_einsum optimizer name, or a path (a list of tuples).
    func einsumOptimize(_ value: PyValue) throws(PyException) -> EinsumOptimize {
        switch value {
        case .bool(let on): return on ? .optimal : .unoptimized
        case .str(let name):
            switch name.lowercased() {
            case "auto": return .auto
            case "optimal": return .optimal
            default: return .named(name.lowercased())
            }
        case .list, .tuple:
            var steps: [[Int]] = []
            for step in try collect(value) {
                var positions: [Int] = []
                for p in try collect(step) { positions.append(try index(p)) }
                steps.append(positions)
            }
            return .path(steps)
        default:
            throw PyException.typeError("jnp.einsum's optimize must be a bool, a str or a path (a list of tuples), not \(value.typeName)")
        }
    }
}
