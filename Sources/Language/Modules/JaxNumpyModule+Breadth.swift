import JaxCore

/// `jnp`'s everyday extras: moveaxis, swapaxes, atleast_Nd, vstack/hstack, count_nonzero, ptp,
/// average, angle and logarithm conversions, reciprocal and trunc.
extension JaxNumpyModule {
    static func addBreadth(_ m: PyModule, _ interp: Interpreter) {
        let ctx = interp.context
        func wrap(_ v: JaxValue) -> PyValue { .object(JaxArrayObject(v)) }
        func axesList(_ interp: Interpreter, _ v: PyValue) throws(PyException) -> [Int] {
            if case .tuple(let items) = v { return try items.map { (i: PyValue) throws(PyException) -> Int in try interp.index(i) } }
            if case .list(let list) = v { return try list.items.map { (i: PyValue) throws(PyException) -> Int in try interp.index(i) } }
            return [try interp.index(v)]
        }
        m.define("moveaxis") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("moveaxis", ["a", "source", "destination"], required: 3)
            return wrap(try JNP.moveaxis(ctx, try interp.jnpArgument(slots[0] ?? .none, "moveaxis"),
                                         source: try axesList(interp, slots[1] ?? .none), destination: try axesList(interp, slots[2] ?? .none)))
        }
        m.define("swapaxes") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("swapaxes", ["a", "axis1", "axis2"], required: 3)
            return wrap(try JNP.swapaxes(ctx, try interp.jnpArgument(slots[0] ?? .none, "swapaxes"), try interp.index(slots[1] ?? .none),
                                         try interp.index(slots[2] ?? .none)))
        }
        for rank in 1...3 {
            let name = "atleast_\(rank)d"
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                if let (key, _) = args.keywords.first { throw PyException.typeError("\(name)() got an unexpected keyword argument '\(key)'") }
                var outs: [PyValue] = []
                for (i, v) in args.positional.enumerated() { outs.append(wrap(try JNP.atleast(ctx, try interp.jnpArgument(v, name, position: i), rank: rank))) }
                return outs.count == 1 ? outs[0] : .list(PyList(outs))
            }
        }
        for (name, vertical) in [("vstack", true), ("hstack", false)] {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["tup", "dtype"], required: 1)
                if let d = slots[1], !d.isNone { throw PyException.notImplemented("jnp.\(name)'s dtype argument is not supported") }
                var parts: [JaxValue] = []
                for (i, v) in try interp.collect(slots[0] ?? .none).enumerated() { parts.append(try interp.jnpArgument(v, name, position: i)) }
                return wrap(try JNP.stack(ctx, parts, vertical: vertical))
            }
        }
        for name in ["count_nonzero", "ptp", "average"] {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let names = name == "average" ? ["a", "axis", "weights", "returned", "keepdims"]
                    : name == "ptp" ? ["a", "axis", "out", "keepdims"] : ["a", "axis", "keepdims"]
                let slots = try args.bind(name, names, required: 1)
                let a = try interp.jnpArgument(slots[0] ?? .none, name)
                let axes = try slots[1].flatMap { (v: PyValue) throws(PyException) -> [Int]? in v.isNone ? nil : try axesList(interp, v) }
                let keepdims = try interp.truth(slots[names.count - 1] ?? .bool(false))
                switch name {
                case "count_nonzero": return wrap(try JNP.countNonzero(ctx, a, axes: axes, keepdims: keepdims))
                case "ptp":
                    if let out = slots[2], !out.isNone { throw PyException.notImplemented("The 'out' argument to jnp.ptp is not supported.") }
                    return wrap(try JNP.ptp(ctx, a, axes: axes, keepdims: keepdims))
                default:
                    if let w = slots[2], !w.isNone { throw PyException.notImplemented("jnp.average's weights argument is not supported yet") }
                    if try interp.truth(slots[3] ?? .bool(false)) { throw PyException.notImplemented("jnp.average's returned=True is not supported yet") }
                    return wrap(try JNP.average(ctx, a, axes: axes, keepdims: keepdims))
                }
            }
        }
        let unaries: [(String, (JaxContext, JaxValue) throws(PyException) -> JaxValue)] = [
            ("deg2rad", { c, x throws(PyException) in try JNP.angleScale(c, x, toRadians: true) }),
            ("radians", { c, x throws(PyException) in try JNP.angleScale(c, x, toRadians: true) }),
            ("rad2deg", { c, x throws(PyException) in try JNP.angleScale(c, x, toRadians: false) }),
            ("degrees", { c, x throws(PyException) in try JNP.angleScale(c, x, toRadians: false) }),
            ("log2", { c, x throws(PyException) in try JNP.logBase(c, x, base: 2) }),
            ("log10", { c, x throws(PyException) in try JNP.logBase(c, x, base: 10) }),
            ("reciprocal", JNP.reciprocal), ("trunc", JNP.trunc),
        ]
        for (name, function) in unaries {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["x"], required: 1)
                return wrap(try function(ctx, try interp.jnpArgument(slots[0] ?? .none, name)))
            }
        }
    }
}
