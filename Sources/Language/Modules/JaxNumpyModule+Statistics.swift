import JaxCore

/// `jnp`'s order statistics (`quantile`, `percentile`, `median` and their nan-ignoring
/// forms) and `cov`/`corrcoef`.
extension JaxNumpyModule {
    static func addStatistics(_ m: PyModule, _ interp: Interpreter) {
        let ctx = interp.context
        for name in ["quantile", "percentile", "nanquantile", "nanpercentile"] {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let names = ["a", "q", "axis", "out", "overwrite_input", "method", "keepdims", "weights"] + (name == "percentile" ? ["out_sharding"] : [])
                let ignoringNaN = name.hasPrefix("nan")
                let slots = try args.bind(name, names, required: 2, maxPositional: 7)
                let a = try interp.jnpArgument(slots[0] ?? .none, name)
                let q = try interp.jnpArgument(slots[1] ?? .none, name, position: 1)
                try refuseOutput(interp, out: slots[3], overwrite: slots[4], ignoringNaN: ignoringNaN)
                let method = try quantileMethod(interp, slots[5], weighted: !(slots[7] ?? .none).isNone)
                if let sharding = slots.count > 8 ? slots[8] : nil, !sharding.isNone {
                    throw PyException.notImplemented("jaxlab has one device: out_sharding is not supported")
                }
                let axis = try quantileAxis(interp, slots[2])
                let keepdims = try interp.truth(slots[6] ?? .bool(false))
                let out = name.hasSuffix("quantile") ? try JNP.quantile(ctx, a, q, axis: axis, method: method, keepdims: keepdims, ignoringNaN: ignoringNaN)
                    : try JNP.percentile(ctx, a, q, axis: axis, method: method, keepdims: keepdims, ignoringNaN: ignoringNaN)
                return .object(JaxArrayObject(out))
            }
        }
        addCovariance(m, ctx)
        for name in ["median", "nanmedian"] {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["a", "axis", "out", "overwrite_input", "keepdims"], required: 1)
                let a = try interp.jnpArgument(slots[0] ?? .none, name)
                try refuseOutput(interp, out: slots[2], overwrite: slots[3], ignoringNaN: name == "nanmedian")
                return .object(JaxArrayObject(try JNP.median(ctx, a, axis: try quantileAxis(interp, slots[1]),
                                                             keepdims: try interp.truth(slots[4] ?? .bool(false)), ignoringNaN: name == "nanmedian")))
            }
        }
    }

    /// `cov` and `corrcoef`; the sample weights of `cov` are not supported.
    private static func addCovariance(_ m: PyModule, _ ctx: JaxContext) {
        for name in ["cov", "corrcoef"] {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let names = name == "cov" ? ["m", "y", "rowvar", "bias", "ddof", "fweights", "aweights", "dtype"] : ["x", "y", "rowvar", "dtype"]
                let slots = try args.bind(name, names, required: 1)
                let x = try interp.jnpArgument(slots[0] ?? .none, name)
                let y = try slots[1].flatMap { (v: PyValue) throws(PyException) -> JaxValue? in v.isNone ? nil : try interp.jnpArgument(v, name, position: 1) }
                let rowvar = try interp.truth(slots[2] ?? .bool(true))
                let given = slots[names.count - 1] ?? .none
                let dtype = try interp.dtypeArgument(given, semantics: .jax, in: name)
                if let dtype, !dtype.isInexact {
                    throw PyException.valueError("\(name): dtype must be a subclass of float or complex; got dtype=\(try interp.repr(given))")
                }
                guard name == "cov" else { return .object(JaxArrayObject(try JNP.corrcoef(ctx, x, y, rowvar: rowvar, dtype: dtype))) }
                for (i, weights) in [(5, "fweights"), (6, "aweights")] where !(slots[i] ?? .none).isNone {
                    throw PyException.notImplemented("jaxlab's cov does not support \(weights)")
                }
                let ddof = try slots[4].flatMap { (v: PyValue) throws(PyException) -> Int? in v.isNone ? nil : try interp.index(v) }
                return .object(JaxArrayObject(try JNP.cov(ctx, x, y, rowvar: rowvar, bias: try interp.truth(slots[3] ?? .bool(false)),
                                                          ddof: ddof, dtype: dtype)))
            }
        }
    }

    /// `out` and `overwrite_input=True`: JAX's arrays are immutable, so both are refused.
    private static func refuseOutput(_ interp: Interpreter, out: PyValue?, overwrite: PyValue?, ignoringNaN: Bool) throws(PyException) {
        let hasOut = out.map { !$0.isNone } ?? false
        let overwrites = try interp.truth(overwrite ?? .bool(false))
        if hasOut || overwrites {
            throw PyException.valueError("jax.numpy.\(ignoringNaN ? "nanquantile" : "quantile") does not support overwrite_input=True or out != None")
        }
    }

    /// `method=`, with JAX's errors for an unknown one and for weights (which only the
    /// inverted_cdf method takes, and jaxlab lacks).
    private static func quantileMethod(_ interp: Interpreter, _ v: PyValue?, weighted: Bool) throws(PyException) -> JNP.QuantileMethod {
        let text = try v.map { (v: PyValue) throws(PyException) in try interp.str(v) } ?? "linear"
        guard let method = JNP.QuantileMethod(rawValue: text) else {
            if text == "inverted_cdf" { throw PyException.notImplemented("jaxlab's quantile does not support method='inverted_cdf'") }
            throw PyException.valueError("method can only be 'linear', 'lower', 'higher', 'midpoint', 'nearest' or 'inverted_cdf'")
        }
        if weighted { throw PyException.notImplemented("\(text) doesn't support weights. Only method 'inverted_cdf' supports weights.") }
        return method
    }

    /// `axis=`: None, an int or a tuple of ints.
    private static func quantileAxis(_ interp: Interpreter, _ v: PyValue?) throws(PyException) -> JNP.QuantileAxis {
        guard let v, !v.isNone else { return .all }
        if case .tuple(let items) = v { return .several(try items.map { (i: PyValue) throws(PyException) -> Int in try interp.index(i) }) }
        return .one(try interp.index(v))
    }
}
