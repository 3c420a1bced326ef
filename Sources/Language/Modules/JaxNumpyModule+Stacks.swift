import JaxCore

/// `jnp.column_stack`, `dstack`, `split`/`array_split`/`vsplit`/`hsplit`/`dsplit`,
/// `argwhere`/`flatnonzero`, `select`, `tri`, `hypot`, `fmod`, `kron` and `cross`.
extension JaxNumpyModule {
    static func addStacks(_ m: PyModule, _ interp: Interpreter) {
        let ctx = interp.context
        func wrap(_ v: JaxValue) -> PyValue { .object(JaxArrayObject(v)) }
        func pieces(_ interp: Interpreter, _ name: String, _ v: PyValue) throws(PyException) -> [JaxValue] {
            var parts: [JaxValue] = []
            for (i, item) in try interp.collect(v).enumerated() { parts.append(try interp.jnpArgument(item, name, position: i)) }
            return parts
        }
        m.define("column_stack") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("column_stack", ["tup"], required: 1)
            return wrap(try JNP.columnStack(ctx, try pieces(interp, "column_stack", slots[0] ?? .none)))
        }
        m.define("dstack") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("dstack", ["tup", "dtype"], required: 1)
            let dtype = try interp.dtypeArgument(slots[1] ?? .none, semantics: .jax)
            return wrap(try JNP.dstack(ctx, try pieces(interp, "dstack", slots[0] ?? .none), dtype: dtype))
        }
        for name in ["split", "array_split", "vsplit", "hsplit", "dsplit"] {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let withAxis = name == "split" || name == "array_split"
                let slots = try args.bind(name, withAxis ? ["ary", "indices_or_sections", "axis"] : ["ary", "indices_or_sections"], required: 2)
                let x = try interp.jnpArgument(slots[0] ?? .none, name)
                let spec = slots[1] ?? .none
                let points: JNP.SplitPoints
                var isSequence = false
                switch spec {
                case .tuple, .list: isSequence = true
                case .object(let array as JaxArrayObject): isSequence = array.aval.rank > 0
                default: break
                }
                if isSequence {
                    points = .indices(try interp.collect(spec).map { (v: PyValue) throws(PyException) -> Int in try interp.index(v) })
                } else if case .float(let d) = spec, let whole = Int(exactly: d.rounded(.towardZero)) {
                    points = .sections(whole)  // int(): a float's sections are truncated
                } else {
                    points = .sections(try interp.index(spec))
                }
                let axis: Int
                switch name {
                case "vsplit": axis = 0
                case "hsplit": axis = x.rank == 1 ? 0 : 1
                case "dsplit": axis = 2
                default: axis = try slots[2].map { (v: PyValue) throws(PyException) in try interp.index(v) } ?? 0
                }
                return .list(PyList(try JNP.split(ctx, x, name: name, points, axis: axis).map(wrap)))
            }
        }
        m.define("flatnonzero") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("flatnonzero", ["a", "size", "fill_value"], required: 1, maxPositional: 1)
            // JAX checks the argument in ravel
            let a = try JNP.ravel(ctx, try interp.jnpArgument(slots[0] ?? .none, "ravel"))
            guard let first = try nonzeroColumns(interp, a, size: slots[1], fill: slots[2]).first else {
                throw PyException("RuntimeError", "nonzero of a vector gave no index array")
            }
            return wrap(first)
        }
        m.define("argwhere") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("argwhere", ["a", "size", "fill_value"], required: 1, maxPositional: 1)
            let a = try interp.jnpArgument(slots[0] ?? .none, "argwhere")
            let columns = try nonzeroColumns(interp, try JNP.atleast(ctx, a, rank: 1), size: slots[1], fill: slots[2])
            return wrap(try JNP.argwhere(ctx, columns: columns, rank: a.rank))
        }
        m.define("cross") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("cross", ["a", "b", "axisa", "axisb", "axisc", "axis"], required: 2)
            func axis(_ i: Int) throws(PyException) -> Int {
                if let all = slots[5], !all.isNone { return try interp.index(all) }
                return try slots[i].map { (v: PyValue) throws(PyException) in try interp.index(v) } ?? -1
            }
            return wrap(try JNP.cross(ctx, try interp.jnpArgument(slots[0] ?? .none, "cross"), try interp.jnpArgument(slots[1] ?? .none, "cross", position: 1),
                                      axisa: try axis(2), axisb: try axis(3), axisc: try axis(4)))
        }
        m.define("select") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("select", ["condlist", "choicelist", "default"], required: 2)
            let conditions = try pieces(interp, "select", slots[0] ?? .none)
            let choices = try pieces(interp, "select", slots[1] ?? .none)
            let fallback = try interp.jnpArgument(slots[2] ?? .int(0), "select", position: conditions.count + choices.count)
            return wrap(try JNP.select(ctx, conditions, choices, default: fallback))
        }
        m.define("tri") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("tri", ["N", "M", "k", "dtype"], required: 1)
            let n = slots[0] ?? .none
            let mValue = slots[1].flatMap { $0.isNone ? nil : $0 } ?? n
            // lax's shape check: both sizes must be integers
            guard case .int(let rows) = n, case .int(let columns) = mValue else {
                throw PyException.typeError("Shapes must be 1D sequences of concrete values of integer type, got (\(try interp.repr(n)), \(try interp.repr(mValue))).")
            }
            let k = try slots[2].map { (v: PyValue) throws(PyException) in try interp.index(v) } ?? 0
            let dtype = try interp.dtypeArgument(slots[3] ?? .none, semantics: .jax) ?? .float32
            return wrap(try JNP.tri(ctx, rows: rows, columns: columns, k: k, dtype: dtype))
        }
        let binaries: [(String, (JaxContext, JaxValue, JaxValue) throws(PyException) -> JaxValue)] = [
            ("hypot", JNP.hypot), ("fmod", JNP.fmod), ("kron", JNP.kron),
        ]
        for (name, function) in binaries {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["x1", "x2"], required: 2)
                return wrap(try function(ctx, try interp.jnpArgument(slots[0] ?? .none, name),
                                         try interp.jnpArgument(slots[1] ?? .none, name, position: 1)))
            }
        }
    }
}
