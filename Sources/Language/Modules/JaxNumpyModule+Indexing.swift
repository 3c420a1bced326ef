import JaxCore

/// `jnp`'s index helpers: `take_along_axis`, `unravel_index`, and `divmod`.
extension JaxNumpyModule {
    static func addIndexing(_ m: PyModule, _ interp: Interpreter) {
        let ctx = interp.context
        m.define("take_along_axis") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("take_along_axis", ["arr", "indices", "axis", "mode", "fill_value", "wrap_negative_indices"],
                                      required: 2, maxPositional: 5)
            let arr = try interp.jnpArgument(slots[0] ?? .none, "take_along_axis")
            let indices = try interp.jnpArgument(slots[1] ?? .none, "take_along_axis", position: 1)
            let axis: Int? = try slots[2].map { (v: PyValue) throws(PyException) -> Int? in v.isNone ? nil : try interp.index(v) } ?? -1
            if case .str("one_hot")? = slots[3] {
                throw PyException.notImplemented("jaxlab's take_along_axis does not support mode='one_hot'")
            }
            let wrap = try slots[5].flatMap { (v: PyValue) throws(PyException) -> Bool? in v.isNone ? nil : try interp.truth(v) }
            return .object(JaxArrayObject(try JNP.takeAlongAxis(ctx, arr, indices, axis: axis, mode: try PyIndexUpdateRef.mode(interp, slots[3]),
                                                                fillValue: try PyIndexUpdateRef.fillValue(interp, slots[4]), wrapNegative: wrap)))
        }
        m.define("unravel_index") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("unravel_index", ["indices", "shape"], required: 2)
            let indices = try interp.jnpArgument(slots[0] ?? .none, "unravel_index")
            let given = slots[1] ?? .none
            var shape: [Int] = []
            switch given {
            case .tuple, .list:
                for item in try interp.collect(given) {
                    var nested = false
                    switch item {
                    case .tuple, .list: nested = true
                    case .object(let o as JaxArrayObject): nested = o.aval.rank != 0
                    default: break
                    }
                    if nested { throw PyException.valueError("unravel_index: shape should be a scalar or 1D sequence.") }
                    shape.append(try interp.index(item))
                }
            default: shape = [try interp.index(given)]
            }
            return .tuple(try JNP.unravelIndex(ctx, indices, shape: shape).map { .object(JaxArrayObject($0)) })
        }
        m.define("divmod") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("divmod", ["x1", "x2"], required: 2, positionalOnly: 2)
            let (q, r) = try JNP.divmod(ctx, try interp.jnpArgument(slots[0] ?? .none, "divmod"),
                                        try interp.jnpArgument(slots[1] ?? .none, "divmod", position: 1))
            return .tuple([.object(JaxArrayObject(q)), .object(JaxArrayObject(r))])
        }
    }
}
