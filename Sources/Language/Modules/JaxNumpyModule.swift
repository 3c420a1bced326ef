import JaxCore

/// `jax.numpy`: array creation, elementwise operations, reductions and shape functions, each
/// bound through `JNP` so it is traced under the transformations.
enum JaxNumpyModule {
    static func make(_ interp: Interpreter) -> PyModule {
        let m = PyModule("jax.numpy", file: "/jaxlab/jax/numpy/__init__.py")
        ArrayModuleConstants.add(to: m, interp)
        m.attributes["ndarray"] = interp.jaxAbstractArrayType
        let ctx = interp.context
        m.define("array") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("array", ["object", "dtype", "copy", "order", "ndmin", "device", "out_sharding"], required: 1,
                                      maxPositional: 5)
            try requireOrderK(interp, slots[3])
            let made = try interp.jaxArrayFromPython(slots[0] ?? .none, dtype: try interp.dtypeArgument(slots[1] ?? .none, semantics: .jax, in: "array"),
                                                     copy: try interp.truth(slots[2] ?? .bool(true)))
            let ndmin = try slots[4].map { (v: PyValue) throws(PyException) in try interp.index(v) } ?? 0
            guard ndmin > 0, case .object(let o as JaxArrayObject) = made else { return made }
            return .object(JaxArrayObject(try JNP.atLeastRank(ctx, o.value, ndmin)))
        }
        m.define("asarray") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("asarray", ["a", "dtype", "order", "copy", "device", "out_sharding"], required: 1, maxPositional: 3)
            try requireOrderK(interp, slots[2])
            return try interp.jaxArrayFromPython(slots[0] ?? .none, dtype: try interp.dtypeArgument(slots[1] ?? .none, semantics: .jax, in: "asarray"),
                                                 copy: try interp.truth(slots[3] ?? .bool(false)))
        }
        // jnp.empty is jnp.zeros (XLA has no uninitialised arrays), and empty_like zeros_like
        for name in ["zeros", "ones", "empty"] {
            let zeros = name != "ones"
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["shape", "dtype", "device"], required: 1, maxPositional: 2)
                let shape = try interp.jaxShapeArgument(slots[0] ?? .none)
                let dtype = try interp.dtypeArgument(slots[1] ?? .none, semantics: .jax, in: name)
                return .object(JaxArrayObject(zeros ? try JNP.zeros(ctx, shape, dtype: dtype) : try JNP.ones(ctx, shape, dtype: dtype)))
            }
            m.define(name + "_like") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name + "_like", [name == "empty" ? "prototype" : "a", "dtype", "shape", "device"], required: 1,
                                          maxPositional: 3)
                let a = try interp.jnpArgument(slots[0] ?? .none, name + "_like")
                let dtype = try interp.dtypeArgument(slots[1] ?? .none, semantics: .jax, in: name + "_like")
                let shape = try slots[2].flatMap { $0.isNone ? nil : $0 }.map { (v: PyValue) throws(PyException) in try interp.jaxShapeArgument(v) }
                return .object(JaxArrayObject(zeros ? try JNP.zerosLike(ctx, a, dtype: dtype, shape: shape)
                                                    : try JNP.onesLike(ctx, a, dtype: dtype, shape: shape)))
            }
        }
        m.define("full") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("full", ["shape", "fill_value", "dtype"], required: 2)
            let shape = try interp.jaxShapeArgument(slots[0] ?? .none)
            let value = try interp.jnpArgument(slots[1] ?? .none, "full")
            // with no dtype a Python int, float or complex fill gives a weak array, as lax.full's
            // does (JAX never counts a bool as weak)
            guard let dtype = try interp.dtypeArgument(slots[2] ?? .none, semantics: .jax, in: "full") else {
                let weak = JNP.keepsWeakType(value)
                return .object(JaxArrayObject(try JNP.broadcastTo(ctx, try JNP.convert(ctx, value, to: value.dtype, weak: weak), shape)))
            }
            return .object(JaxArrayObject(try JNP.broadcastTo(ctx, try JNP.astype(ctx, value, dtype), shape)))
        }
        m.define("full_like") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("full_like", ["a", "fill_value", "dtype", "shape"], required: 2)
            let a = try interp.jnpArgument(slots[0] ?? .none, "full_like")
            let value = try interp.jnpArgument(slots[1] ?? .none, "full_like", position: 1)
            let requested = try interp.dtypeArgument(slots[2] ?? .none, semantics: .jax, in: "full_like")
            let shape = try slots[3].flatMap { $0.isNone ? nil : $0 }.map { (v: PyValue) throws(PyException) in try interp.jaxShapeArgument(v) } ?? a.shape
            let filled = try JNP.astype(ctx, value, requested ?? a.dtype)
            // lax.full_like: a weak `a` with no dtype asked for gives a weak result
            let weak = requested == nil && JNP.keepsWeakType(a) && value.rank == 0
            return .object(JaxArrayObject(try JNP.broadcastTo(ctx, try JNP.convert(ctx, filled, to: filled.dtype, weak: weak), shape)))
        }
        m.define("arange") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("arange", ["start", "stop", "step", "dtype"], required: 1)
            let hasStop = slots[1].map { !$0.isNone } ?? false
            let start = try interp.scalarArgument(slots[0] ?? .none, "arange", parameter: hasStop ? "start" : "stop")
            let stop = try slots[1].flatMap { $0.isNone ? nil : $0 }.map { (v: PyValue) throws(PyException) in try interp.scalarArgument(v, "arange", parameter: "stop") }
            let step = try slots[2].flatMap { $0.isNone ? nil : $0 }.map { (v: PyValue) throws(PyException) in try interp.scalarArgument(v, "arange", parameter: "step") } ?? .int(1)
            return .object(JaxArrayObject(try JNP.arange(ctx, start: start, stop: stop, step: step,
                                                         dtype: try interp.dtypeArgument(slots[3] ?? .none, semantics: .jax, in: "arange"))))
        }
        m.define("linspace") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("linspace", ["start", "stop", "num", "endpoint", "retstep", "dtype"], required: 2)
            return .object(JaxArrayObject(try JNP.linspace(
                ctx, try interp.toFloat(slots[0] ?? .none), try interp.toFloat(slots[1] ?? .none),
                num: try slots[2].map { (v: PyValue) throws(PyException) in try interp.index(v) } ?? 50,
                endpoint: try interp.truth(slots[3] ?? .bool(true)), dtype: try interp.dtypeArgument(slots[5] ?? .none, semantics: .jax, in: "linspace"))))
        }
        m.define("logspace") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("logspace", ["start", "stop", "num", "endpoint", "base", "dtype", "axis"], required: 2)
            if let axis = slots[6], !axis.isNone, (try interp.index(axis)) != 0 {
                throw PyException.notImplemented("jnp.logspace's axis argument is not supported")
            }
            return .object(JaxArrayObject(try JNP.logspace(
                ctx, try interp.toFloat(slots[0] ?? .none), try interp.toFloat(slots[1] ?? .none),
                num: try slots[2].map { (v: PyValue) throws(PyException) in try interp.index(v) } ?? 50,
                endpoint: try interp.truth(slots[3] ?? .bool(true)), base: try interp.jaxArgument(slots[4] ?? .float(10.0)),
                dtype: try interp.dtypeArgument(slots[5] ?? .none, semantics: .jax, in: "logspace"))))
        }
        for name in ["eye", "identity"] {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = name == "eye" ? try args.bind("eye", ["N", "M", "k", "dtype"], required: 1)
                    : try args.bind("identity", ["n", "dtype"], required: 1).enumerated().map { $0.offset == 1 ? nil : $0.element } + [nil, args.keyword("dtype")]
                let n = try interp.index(slots[0] ?? .none)
                let cols = try slots[1].flatMap { $0.isNone ? nil : $0 }.map { (v: PyValue) throws(PyException) in try interp.index(v) }
                let k = try slots[2].map { (v: PyValue) throws(PyException) in try interp.index(v) } ?? 0
                return .object(JaxArrayObject(try JNP.eye(ctx, n, cols, k: k, dtype: try interp.dtypeArgument(slots[3] ?? .none, semantics: .jax, in: name))))
            }
        }
        let binaries: [(String, (JaxContext, JaxValue, JaxValue) throws(PyException) -> JaxValue)] = [
            ("add", JNP.add), ("subtract", JNP.subtract), ("multiply", JNP.multiply), ("divide", JNP.divide),
            ("true_divide", JNP.divide), ("floor_divide", JNP.floorDivide), ("remainder", JNP.remainder), ("mod", JNP.remainder),
            ("power", JNP.power), ("maximum", JNP.maximum), ("minimum", JNP.minimum), ("arctan2", JNP.arctan2),
            ("equal", JNP.equal), ("not_equal", JNP.notEqual), ("less", JNP.less), ("less_equal", JNP.lessEqual),
            ("greater", JNP.greater), ("greater_equal", JNP.greaterEqual), ("logical_and", JNP.logicalAnd),
            ("logical_or", JNP.logicalOr), ("logical_xor", JNP.logicalXor), ("matmul", JNP.matmul), ("dot", JNP.dot),
            ("logaddexp", { c, x, y throws(PyException) in try JNP.logaddexp(c, x, y) }),
            ("logaddexp2", { c, x, y throws(PyException) in try JNP.logaddexp(c, x, y, base2: true) }),
            ("atan2", JNP.arctan2),
        ]
        for (name, function) in binaries {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["x1", "x2"], required: 2)
                return .object(JaxArrayObject(try function(ctx, try interp.jnpArgument(slots[0] ?? .none, name),
                                                           try interp.jnpArgument(slots[1] ?? .none, name, position: 1))))
            }
        }
        let unaries = JNP.unaryFunctions + JNP.hyperbolicFunctions + [("ravel", JNP.ravel), ("signbit", JNP.signbit)]
        let aliased = JNP.hyperbolicAliases.compactMap { alias, original in unaries.first { $0.name == original }.map { (name: alias, function: $0.function) } }
        for (name, function) in unaries + aliased {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["x"], required: 1)
                return .object(JaxArrayObject(try function(ctx, try interp.jnpArgument(slots[0] ?? .none, name))))
            }
        }
        m.define("iscomplexobj") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("iscomplexobj", ["x"], required: 1)
            let x = slots[0] ?? .none
            if x.isNone { return .bool(false) }
            // anything with a dtype, else what asarray makes of it (lists included)
            if case .object(let array as JaxArrayObject) = x { return .bool(array.aval.dtype.isComplex) }
            return .bool(try interp.toArray(x, dtype: nil, semantics: .jax).dtype.isComplex)
        }
        m.define("angle") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("angle", ["z", "deg"], required: 1)
            let deg = try interp.truth(slots[1] ?? .bool(false))
            return .object(JaxArrayObject(try JNP.angle(ctx, try interp.jnpArgument(slots[0] ?? .none, "angle"), deg: deg)))
        }
        for name in ["isclose", "allclose"] {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["a", "b", "rtol", "atol", "equal_nan"], required: 2)
                let a = try interp.jnpArgument(slots[0] ?? .none, name), b = try interp.jnpArgument(slots[1] ?? .none, name, position: 1)
                let rtol = try slots[2].map { (v: PyValue) throws(PyException) in try interp.toFloat(v) } ?? 1e-5
                let atol = try slots[3].map { (v: PyValue) throws(PyException) in try interp.toFloat(v) } ?? 1e-8
                let equalNan = try interp.truth(slots[4] ?? .bool(false))
                return .object(JaxArrayObject(name == "isclose"
                    ? try JNP.isclose(ctx, a, b, rtol: rtol, atol: atol, equalNan: equalNan)
                    : try JNP.allclose(ctx, a, b, rtol: rtol, atol: atol, equalNan: equalNan)))
            }
        }
        m.define("vdot") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("vdot", ["a", "b", "precision", "preferred_element_type"], required: 2)
            for (i, slot) in slots.enumerated().dropFirst(2) where slot.map({ !$0.isNone }) ?? false {
                throw PyException.notImplemented("jnp.vdot's \(["precision", "preferred_element_type"][i - 2]) argument is not supported")
            }
            return .object(JaxArrayObject(try JNP.vdot(ctx, try interp.jnpArgument(slots[0] ?? .none, "vdot"),
                                                       try interp.jnpArgument(slots[1] ?? .none, "vdot", position: 1))))
        }
        m.define("where") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("where", ["condition", "x", "y", "size", "fill_value"], required: 1, maxPositional: 3)
            let condition = try interp.jnpArgument(slots[0] ?? .none, "where")
            let x = slots[1] ?? .none, y = slots[2] ?? .none
            if x.isNone && y.isNone {
                return .tuple(try nonzeroColumns(interp, condition, size: slots[3], fill: slots[4]).map { .object(JaxArrayObject($0)) })
            }
            if slots[3] != nil || slots[4] != nil {
                throw PyException.valueError("size and fill_value arguments cannot be used in three-term where function.")
            }
            return .object(JaxArrayObject(try JNP.where(ctx, condition, try interp.jnpArgument(x, "where", position: 1),
                                                        try interp.jnpArgument(y, "where", position: 2))))
        }
        m.define("nonzero") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("nonzero", ["a", "size", "fill_value"], required: 1, maxPositional: 1)
            let columns = try nonzeroColumns(interp, try interp.jnpArgument(slots[0] ?? .none, "nonzero"), size: slots[1], fill: slots[2])
            return .tuple(columns.map { .object(JaxArrayObject($0)) })
        }
        m.define("clip") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("clip", ["arr", "min", "max", "a_min", "a_max"], required: 1)
            return .object(JaxArrayObject(try JNP.clip(ctx, try interp.jnpArgument(slots[0] ?? .none, "clip"),
                                                       try interp.optionalJaxArgument(slots[1] ?? slots[3]),
                                                       try interp.optionalJaxArgument(slots[2] ?? slots[4]))))
        }
        for name in ["sum", "prod", "max", "min", "any", "all", "mean", "amax", "amin"] {
            let reduction = name == "amax" ? "max" : (name == "amin" ? "min" : name)
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["a", "axis", "dtype", "out", "keepdims"], required: 1)
                return .object(JaxArrayObject(try interp.jaxReduce(reduction, try interp.jnpArgument(slots[0] ?? .none, name),
                                                                   axes: try interp.axesArgument(slots[1]),
                                                                   dtype: try interp.dtypeArgument(slots[2] ?? .none, semantics: .jax, in: name),
                                                                   keepdims: try interp.truth(slots[4] ?? .bool(false)))))
            }
        }
        for name in ["reshape", "transpose", "squeeze", "argmax", "argmin", "astype", "std", "var", "cumsum", "cumprod"] {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                guard let first = args.positional.first else { throw PyException.typeError("\(name)() missing 1 required positional argument: 'a'") }
                let object = PyValue.object(JaxArrayObject(try interp.jnpArgument(first, name)))
                return try interp.callMethod(object, name, Arguments(Array(args.positional.dropFirst()), keywords: args.keywords))
            }
        }
        m.define("expand_dims") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("expand_dims", ["a", "axis"], required: 2)
            return .object(JaxArrayObject(try JNP.expandDims(ctx, try interp.jnpArgument(slots[0] ?? .none, "expand_dims"),
                                                             try interp.axesArgument(slots[1]) ?? [])))
        }
        m.define("broadcast_to") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("broadcast_to", ["array", "shape"], required: 2)
            return .object(JaxArrayObject(try JNP.broadcastTo(ctx, try interp.jnpArgument(slots[0] ?? .none, "broadcast_to"),
                                                              try interp.jaxShapeArgument(slots[1] ?? .none))))
        }
        for name in ["concatenate", "stack"] {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["arrays", "axis", "dtype"], required: 1)
                var arrays: [JaxValue] = []
                for (i, item) in try interp.collect(slots[0] ?? .none).enumerated() { arrays.append(try interp.jnpArgument(item, name, position: i)) }
                let axis = try slots[1].map { (v: PyValue) throws(PyException) in try interp.index(v) } ?? 0
                return .object(JaxArrayObject(name == "stack" ? try JNP.stack(ctx, arrays, axis: axis)
                                                              : try JNP.concatenate(ctx, arrays, axis: axis)))
            }
        }
        m.define("take") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("take", ["a", "indices", "axis", "out", "mode", "unique_indices", "indices_are_sorted", "fill_value"],
                                      required: 2)
            let axis = try slots[2].flatMap { (v: PyValue) throws(PyException) -> Int? in v.isNone ? nil : try interp.index(v) }
            var mode = JNP.TakeMode.fill
            if let m = slots[4], !m.isNone {
                guard case .str(let text) = m, let parsed = JNP.TakeMode(rawValue: text) else {
                    if case .str("raise") = m { throw PyException.notImplemented("The 'raise' mode to jnp.take is not supported.") }
                    throw PyException.valueError("Invalid mode '\(try interp.str(m))' for np.take")
                }
                mode = parsed
            }
            let fill = try slots[7].flatMap { (v: PyValue) throws(PyException) -> Double? in v.isNone ? nil : try interp.scalarValue(v)?.doubleValue }
            return .object(JaxArrayObject(try JNP.take(ctx, try interp.jnpArgument(slots[0] ?? .none, "take"),
                                                       try interp.jnpArgument(slots[1] ?? .none, "take", position: 1),
                                                       axis: axis, mode: mode, fillValue: fill)))
        }
        for name in ["sort", "argsort"] {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let names = ["a", "axis", "kind", "order", "stable", "descending"] + (name == "argsort" ? ["dtype"] : [])
                let slots = try args.bind(name, names, required: 1, maxPositional: 2)
                let a = try interp.jnpArgument(slots[0] ?? .none, name)
                if slots[2].map({ !$0.isNone }) ?? false {
                    throw PyException.typeError("'kind' argument to \(name) is not supported. Use stable=True or stable=False to specify sort stability.")
                }
                if slots[3].map({ !$0.isNone }) ?? false { throw PyException.typeError("'order' argument to \(name) is not supported.") }
                let axis: Int? = try slots[1].map { (v: PyValue) throws(PyException) -> Int? in v.isNone ? nil : try interp.index(v) } ?? -1
                let stable = try interp.truth(slots[4] ?? .bool(true)), descending = try interp.truth(slots[5] ?? .bool(false))
                if name == "sort" { return .object(JaxArrayObject(try JNP.sort(ctx, a, axis: axis, stable: stable, descending: descending))) }
                return .object(JaxArrayObject(try JNP.argsort(ctx, a, axis: axis, stable: stable, descending: descending,
                                                              dtype: try interp.dtypeArgument(slots[6] ?? .none, semantics: .jax, in: "argsort"))))
            }
        }
        m.define("shape") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("shape", ["a"], required: 1)
            interp.warnIfNotArraylike(slots[0] ?? .none, "shape")
            return .tuple(try interp.jaxArgument(slots[0] ?? .none).shape.map { .int($0) })
        }
        m.define("ndim") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("ndim", ["a"], required: 1)
            interp.warnIfNotArraylike(slots[0] ?? .none, "ndim")
            return .int(try interp.jaxArgument(slots[0] ?? .none).rank)
        }
        m.define("size") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("size", ["a"], required: 1)
            interp.warnIfNotArraylike(slots[0] ?? .none, "size")
            return .int(try interp.jaxArgument(slots[0] ?? .none).aval.count)
        }
        addConvolutions(m, interp)
        PrintOptionsFunctions.add(m)
        addRearranging(m, interp)
        addEinsum(m, interp)
        addBreadth(m, interp)
        addExtras(m, interp)
        addIndexing(m, interp)
        addStatistics(m, interp)
        addBitwise(m, interp)
        addSetOps(m, interp)
        addPredicates(m, interp)
        addStacks(m, interp)
        m.define("histogram") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("histogram", ["a", "bins", "range", "weights", "density"], required: 1)
            let a = try interp.jnpArgument(slots[0] ?? .none, "histogram")
            var bins = JNP.HistogramBins.count(10, range: nil)
            var range: (Double, Double)?
            if let r = slots[2], !r.isNone {
                let items = try interp.collect(r)
                guard items.count == 2, let low = try interp.scalarValue(items[0])?.doubleValue,
                      let high = try interp.scalarValue(items[1])?.doubleValue else {
                    throw PyException.valueError("`range` must be either None or a sequence of scalars, got \(try interp.repr(r))")
                }
                range = (low, high)
            }
            switch slots[1] ?? .int(10) {
            case .int(let n): bins = .count(n, range: range)
            case let other:
                if case .str = other { throw PyException.notImplemented("string values for `bins` not implemented.") }
                let edges = try interp.jnpArgument(other, "histogram", position: 1)
                bins = edges.rank == 0 ? .count(try interp.index(other), range: range) : .edges(edges)
            }
            let weights = try slots[3].flatMap { (v: PyValue) throws(PyException) -> JaxValue? in
                v.isNone ? nil : try interp.jnpArgument(v, "histogram", position: 3)
            }
            let outs = try JNP.histogram(ctx, a, bins: bins, weights: weights, density: try interp.truth(slots[4] ?? .bool(false)))
            return .tuple(outs.map { .object(JaxArrayObject($0)) })
        }
        m.define("searchsorted") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("searchsorted", ["a", "v", "side", "sorter", "method"], required: 2, maxPositional: 4)
            var right = false
            if let side = slots[2], !side.isNone, (try interp.str(side)) != "left" {
                guard (try interp.str(side)) == "right" else { throw PyException.valueError("side=\(try interp.repr(side)) not recognized; must be 'left' or 'right'") }
                right = true
            }
            let sorter = try slots[3].flatMap { (v: PyValue) throws(PyException) -> JaxValue? in
                v.isNone ? nil : try interp.jnpArgument(v, "searchsorted", position: 3)
            }
            if let method = slots[4], !method.isNone, (try interp.str(method)) != "scan" {
                throw PyException.notImplemented("jnp.searchsorted's method=\(try interp.repr(method)) is not supported; only 'scan'")
            }
            return .object(JaxArrayObject(try JNP.searchsorted(ctx, try interp.jnpArgument(slots[0] ?? .none, "searchsorted"),
                                                               try interp.jnpArgument(slots[1] ?? .none, "searchsorted", position: 1),
                                                               right: right, sorter: sorter)))
        }
        return m
    }

    /// `order=`: jax.numpy arrays have one layout, so only 'K' (or None) is accepted.
    private static func requireOrderK(_ interp: Interpreter, _ v: PyValue?) throws(PyException) {
        guard let v, !v.isNone else { return }
        if case .str("K") = v { return }
        throw PyException.notImplemented("Only implemented for order='K'")
    }

    /// `jnp.nonzero(a, size, fill_value)` as a tuple of index arrays.
    /// `jnp.nonzero`'s index arrays, one per axis, with its `size` and `fill_value` arguments.
    static func nonzeroColumns(_ interp: Interpreter, _ a: JaxValue, size: PyValue?, fill: PyValue?) throws(PyException) -> [JaxValue] {
        let count = try size.flatMap { (v: PyValue) throws(PyException) -> Int? in v.isNone ? nil : try interp.index(v) }
        var fills: [Int64]?
        if let fill, !fill.isNone {
            switch fill {
            case .tuple, .list: fills = try interp.collect(fill).map { (v: PyValue) throws(PyException) -> Int64 in Int64(try interp.index(v)) }
            default: fills = [Int64(try interp.index(fill))]
            }
        }
        return try JNP.nonzero(interp.context, a, size: count, fill: fills)
    }
}
