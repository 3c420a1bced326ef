import JaxCore

/// jax.numpy's rearranging functions (`flip`, `roll`, `tile`, `repeat`, `diff`, `tril`,
/// `triu`, `trace`, `diag`, `meshgrid`), its products (`outer`, `inner`, `tensordot`) and its
/// NaN-ignoring reductions.
extension JaxNumpyModule {
    static func addRearranging(_ m: PyModule, _ interp: Interpreter) {
        let ctx = interp.context
        func wrap(_ v: JaxValue) -> PyValue { .object(JaxArrayObject(v)) }
        func int(_ v: PyValue?, _ fallback: Int) throws(PyException) -> Int {
            guard let v, !v.isNone else { return fallback }
            return try interp.index(v)
        }
        /// Ints from an int or a sequence of ints (`reps`, `shift`).
        func ints(_ v: PyValue) throws(PyException) -> [Int] {
            switch v {
            case .tuple, .list: return try interp.collect(v).map { (item: PyValue) throws(PyException) in try interp.index(item) }
            default: return [try interp.index(v)]
            }
        }
        m.define("rot90") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("rot90", ["m", "k", "axes"], required: 1)
            let axes = try interp.collect(slots[2] ?? .tuple([.int(0), .int(1)]))
            guard axes.count == 2 else {
                throw PyException.valueError(axes.count < 2 ? "not enough values to unpack (expected 2, got \(axes.count))"
                                                           : "too many values to unpack (expected 2)")
            }
            return wrap(try JNP.rot90(ctx, try interp.jnpArgument(slots[0] ?? .none, "rot90"), k: try slots[1].map { (v: PyValue) throws(PyException) in try interp.index(v) } ?? 1,
                                      axes: (try interp.index(axes[0]), try interp.index(axes[1]))))
        }
        m.define("flip") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("flip", ["m", "axis"], required: 1)
            return wrap(try JNP.flip(ctx, try interp.jnpArgument(slots[0] ?? .none, "flip"), axes: try interp.axesArgument(slots[1])))
        }
        for (name, axis) in [("fliplr", 1), ("flipud", 0)] {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["m"], required: 1)
                let x = try interp.jnpArgument(slots[0] ?? .none, name)
                guard x.rank > axis else {
                    throw PyException.valueError("\(name) requires an array with at least \(axis + 1) dimension\(axis == 0 ? "" : "s"), got ndim=\(x.rank)")
                }
                return wrap(try JNP.flip(ctx, x, axes: [axis]))
            }
        }
        m.define("roll") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("roll", ["a", "shift", "axis"], required: 2)
            let a = try interp.jnpArgument(slots[0] ?? .none, "roll")
            let shift: [Int]
            do { shift = try ints(slots[1] ?? .none) } catch {
                throw PyException.notImplemented("jnp.roll with a shift that is not a static integer (a traced shift) is not supported")
            }
            return wrap(try JNP.roll(ctx, a, shifts: shift, axes: try interp.axesArgument(slots[2])))
        }
        m.define("tile") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("tile", ["A", "reps"], required: 2)
            return wrap(try JNP.tile(ctx, try interp.jnpArgument(slots[0] ?? .none, "tile"), try ints(slots[1] ?? .none)))
        }
        m.define("repeat") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("repeat", ["a", "repeats", "axis", "total_repeat_length", "out_sharding"], required: 2, maxPositional: 3)
            for (i, option) in [(3, "total_repeat_length"), (4, "out_sharding")] where slots[i].map({ !$0.isNone }) ?? false {
                throw PyException.notImplemented("jnp.repeat's \(option) argument is not supported")
            }
            let a = try interp.jnpArgument(slots[0] ?? .none, "repeat")
            let repeats: Int
            do { repeats = try interp.index(slots[1] ?? .none) } catch {
                throw PyException.notImplemented("jnp.repeat with an array of repeat counts is not supported; give one integer")
            }
            let axis = try slots[2].flatMap { (v: PyValue) throws(PyException) -> Int? in v.isNone ? nil : try interp.index(v) }
            return wrap(try JNP.repeatEach(ctx, a, repeats, axis: axis))
        }
        m.define("diff") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("diff", ["a", "n", "axis", "prepend", "append"], required: 1)
            func edge(_ v: PyValue?) throws(PyException) -> JaxValue? {
                guard let v, !v.isNone else { return nil }
                return try interp.jnpArgument(v, "diff")
            }
            return wrap(try JNP.diff(ctx, try interp.jnpArgument(slots[0] ?? .none, "diff"), n: try int(slots[1], 1), axis: try int(slots[2], -1),
                                     prepend: try edge(slots[3]), append: try edge(slots[4])))
        }
        for name in ["tril", "triu"] {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["m", "k"], required: 1)
                return wrap(try JNP.triangle(ctx, try interp.jnpArgument(slots[0] ?? .none, name), k: try int(slots[1], 0), lower: name == "tril"))
            }
        }
        m.define("trace") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("trace", ["a", "offset", "axis1", "axis2", "dtype", "out"], required: 1)
            if slots[5].map({ !$0.isNone }) ?? false { throw PyException.notImplemented("The 'out' argument to jnp.trace is not supported.") }
            return wrap(try JNP.trace(ctx, try interp.jnpArgument(slots[0] ?? .none, "trace"), offset: try int(slots[1], 0),
                                      axis1: try int(slots[2], 0), axis2: try int(slots[3], 1),
                                      dtype: try interp.dtypeArgument(slots[4] ?? .none, semantics: .jax, in: "trace")))
        }
        m.define("diag") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("diag", ["v", "k"], required: 1)
            let v = try interp.jnpArgument(slots[0] ?? .none, "diag")
            return wrap(try JNP.diag(ctx, v, k: try int(slots[1], 0)))
        }
        m.define("diagonal") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("diagonal", ["a", "offset", "axis1", "axis2"], required: 1)
            return wrap(try JNP.diagonal(ctx, try interp.jnpArgument(slots[0] ?? .none, "diagonal"), offset: try int(slots[1], 0),
                                         axis1: try int(slots[2], 0), axis2: try int(slots[3], 1)))
        }
        m.define("meshgrid") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            var options: [String: PyValue] = [:]
            for (name, value) in args.keywords {
                guard ["copy", "sparse", "indexing"].contains(name) else {
                    throw PyException.typeError("meshgrid() got an unexpected keyword argument '\(name)'")
                }
                options[name] = value
            }
            if let copy = options["copy"], !(try interp.truth(copy)) { throw PyException.valueError("jax.numpy.meshgrid only supports copy=True") }
            var xs: [JaxValue] = []
            for (i, v) in args.positional.enumerated() { xs.append(try interp.jnpArgument(v, "meshgrid", position: i)) }
            let indexing = try options["indexing"].map { (v: PyValue) throws(PyException) in try interp.str(v) } ?? "xy"
            let grids = try JNP.meshgrid(ctx, xs, indexing: indexing, sparse: try interp.truth(options["sparse"] ?? .bool(false)))
            return .list(PyList(grids.map(wrap)))
        }
        m.define("unique") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let names = ["ar", "return_index", "return_inverse", "return_counts", "axis", "equal_nan", "size", "fill_value", "sorted"]
            let slots = try args.bind("unique", names, required: 1, maxPositional: 5)
            if slots[4].map({ !$0.isNone }) ?? false { throw PyException.notImplemented("jnp.unique's axis argument is not supported") }
            for i in 6...7 where slots[i].map({ !$0.isNone }) ?? false {
                throw PyException.notImplemented("jnp.unique's \(names[i]) argument is not supported")
            }
            if let sorted = slots[8], !(try interp.truth(sorted)) { throw PyException.notImplemented("jnp.unique's sorted=False is not supported") }
            let request = JNP.UniqueRequest(index: try interp.truth(slots[1] ?? .bool(false)), inverse: try interp.truth(slots[2] ?? .bool(false)),
                                            counts: try interp.truth(slots[3] ?? .bool(false)), equalNan: try interp.truth(slots[5] ?? .bool(true)))
            let parts = try JNP.unique(ctx, try interp.jnpArgument(slots[0] ?? .none, "unique"), request).map(wrap)
            return parts.count == 1 ? parts[0] : .tuple(parts)
        }
        m.define("outer") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("outer", ["a", "b", "out"], required: 2)
            if slots[2].map({ !$0.isNone }) ?? false { throw PyException.notImplemented("The 'out' argument to jnp.outer is not supported.") }
            return wrap(try JNP.outer(ctx, try interp.jnpArgument(slots[0] ?? .none, "outer"), try interp.jnpArgument(slots[1] ?? .none, "outer", position: 1)))
        }
        m.define("inner") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("inner", ["a", "b", "precision", "preferred_element_type"], required: 2, maxPositional: 2)
            try refuseConvolutionOptions("inner", precision: slots[2], preferred: slots[3])
            return wrap(try JNP.inner(ctx, try interp.jnpArgument(slots[0] ?? .none, "inner"), try interp.jnpArgument(slots[1] ?? .none, "inner", position: 1)))
        }
        m.define("tensordot") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("tensordot", ["a", "b", "axes", "precision", "preferred_element_type"], required: 2, maxPositional: 3)
            try refuseConvolutionOptions("tensordot", precision: slots[3], preferred: slots[4])
            let a = try interp.jnpArgument(slots[0] ?? .none, "tensordot"), b = try interp.jnpArgument(slots[1] ?? .none, "tensordot", position: 1)
            let axes = slots[2] ?? .int(2)
            switch axes {
            case .tuple, .list:
                let pair = try interp.collect(axes)
                guard pair.count == 2 else {
                    throw PyException.typeError("tensordot axes argument must be an int, a pair of ints, or a pair of lists/tuples of ints.")
                }
                return wrap(try JNP.tensordot(ctx, a, b, axes: (try ints(pair[0]), try ints(pair[1]))))
            default:
                return wrap(try JNP.tensordot(ctx, a, b, count: try interp.index(axes)))
            }
        }
        for kind in [JNP.NanReduction.nansum, .nanprod, .nanmax, .nanmin, .nanmean] {
            let name = kind.rawValue
            let hasDtype = kind != .nanmax && kind != .nanmin
            let names = ["a", "axis"] + (hasDtype ? ["dtype"] : []) + ["out", "keepdims"] + (kind == .nanmean ? [] : ["initial"]) + ["where"]
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, names, required: 1)
                for (i, option) in names.enumerated() where ["dtype", "out", "initial", "where"].contains(option) && (slots[i].map { !$0.isNone } ?? false) {
                    throw PyException.notImplemented("jnp.\(name)'s \(option) argument is not supported")
                }
                let keepdims = try interp.truth(slots[names.firstIndex(of: "keepdims") ?? 0] ?? .bool(false))
                return wrap(try JNP.nanReduce(ctx, kind, try interp.jnpArgument(slots[0] ?? .none, name), axes: try interp.axesArgument(slots[1]),
                                              keepdims: keepdims))
            }
        }
    }
}
