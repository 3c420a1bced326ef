import JaxCore

/// NumPy's creation, shape and clipping functions that build on the array kernels directly.
extension NumpyModule {
    static func addCreationAndShapeFunctions(_ m: PyModule) {
        m.define("eye") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("eye", ["N", "M", "k", "dtype", "order"], required: 1)
            let n = try interp.index(slots[0] ?? .none)
            let cols = try slots[1].flatMap { $0.isNone ? nil : $0 }.map { (v: PyValue) throws(PyException) in try interp.index(v) } ?? n
            let k = try slots[2].map { (v: PyValue) throws(PyException) in try interp.index(v) } ?? 0
            let dtype = try interp.dtypeArgument(slots[3] ?? .none) ?? .float64
            return .object(NDArrayObject(try Kernels.eye(n: n, m: cols, k: k, dtype: dtype, limits: interp.context.limits)))
        }
        m.define("identity") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("identity", ["n", "dtype"], required: 1)
            let n = try interp.index(slots[0] ?? .none)
            let dtype = try interp.dtypeArgument(slots[1] ?? .none) ?? .float64
            return .object(NDArrayObject(try Kernels.eye(n: n, m: n, k: 0, dtype: dtype, limits: interp.context.limits)))
        }
        for (name, fill) in [("zeros_like", 0.0), ("ones_like", 1.0)] {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["a", "dtype", "order", "subok", "shape"], required: 1)
                return try filledLike(interp, slots[0] ?? .none, .float(fill), dtype: slots[1], shape: slots[4])
            }
        }
        m.define("full_like") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("full_like", ["a", "fill_value", "dtype", "order", "subok", "shape"], required: 2)
            return try filledLike(interp, slots[0] ?? .none, slots[1] ?? .none, dtype: slots[2], shape: slots[5])
        }
        m.define("expand_dims") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("expand_dims", ["a", "axis"], required: 2)
            let a = try interp.numpyArgument(slots[0] ?? .none, dtype: nil)
            return NDArrayObject.result(try Kernels.expandDims(a, axes: try interp.axesArgument(slots[1]) ?? [], semantics: .numpy))
        }
        m.define("broadcast_to") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("broadcast_to", ["array", "shape", "subok"], required: 2)
            let a = try interp.numpyArgument(slots[0] ?? .none, dtype: nil)
            return NDArrayObject.result(try Kernels.broadcast(a, to: try interp.shapeArgument(slots[1] ?? .none), semantics: .numpy))
        }
        m.define("stack") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("stack", ["arrays", "axis", "out", "dtype"], required: 1)
            var arrays: [JaxArray] = []
            for item in try interp.collect(slots[0] ?? .none) { arrays.append(try interp.numpyArgument(item, dtype: nil)) }
            guard let first = arrays.first else { throw PyException.valueError("need at least one array to stack") }
            guard arrays.allSatisfy({ $0.shape == first.shape }) else {
                throw PyException.valueError("all input arrays must have the same shape")
            }
            let axis = try slots[1].map { (v: PyValue) throws(PyException) in try interp.index(v) } ?? 0
            let dtype = try interp.dtypeArgument(slots[3] ?? .none) ?? Promotion.numpy(arrays.map { ($0.dtype, false) })
            var expanded: [JaxArray] = []
            for a in arrays {
                expanded.append(try Kernels.expandDims(Kernels.cast(a, to: dtype, semantics: .numpy), axes: [axis], semantics: .numpy))
            }
            let normalized = axis < 0 ? axis + first.rank + 1 : axis
            return .object(NDArrayObject(try Kernels.concatenate(expanded, axis: normalized, semantics: .numpy)))
        }
        m.define("clip") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("clip", ["a", "a_min", "a_max", "out", "min", "max"], required: 1)
            var result = PyValue.object(NDArrayObject(try interp.numpyArgument(slots[0] ?? .none, dtype: nil)))
            let low = (slots[1] ?? slots[4]).flatMap { $0.isNone ? nil : $0 }
            let high = (slots[2] ?? slots[5]).flatMap { $0.isNone ? nil : $0 }
            for (bound, op) in [(low, BinaryKernel.maximum), (high, BinaryKernel.minimum)] {
                guard let bound else { continue }
                guard let a = interp.numpyOperand(result), let b = interp.numpyOperand(bound) else {
                    throw PyException.typeError("clip() bounds must be arrays or numbers")
                }
                result = try interp.numpyElementwise(op, a, b)
            }
            return result
        }
        m.define("arctan2") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("arctan2", ["x1", "x2"], required: 2)
            guard let a = interp.numpyOperand(slots[0] ?? .none), let b = interp.numpyOperand(slots[1] ?? .none) else {
                throw PyException.typeError(
                    "ufunc 'arctan2' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''")
            }
            let dtype = Promotion.numpy([(a.dtype, a.weakType), (b.dtype, b.weakType)])
            let float = dtype.isFloating ? dtype : Interpreter.numpyFloatFor(dtype)
            return try interp.numpyElementwise(.arctan2, Kernels.cast(a, to: float, semantics: .numpy), Kernels.cast(b, to: float, semantics: .numpy))
        }
        m.define("sort") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("sort", ["a", "axis", "kind", "order", "stable"], required: 1)
            var a = try interp.numpyArgument(slots[0] ?? .none, dtype: nil)
            var axis = try slots[1].map { (v: PyValue) throws(PyException) -> Int? in v.isNone ? nil : try interp.index(v) } ?? -1
            if axis == nil { a = a.withShape([a.count]); axis = 0 }
            let dimension = try AxisRules.normalize(axis ?? 0, rank: a.rank, semantics: .numpy)
            return .object(NDArrayObject(try Kernels.sort([a], dimension: dimension, numKeys: 1, semantics: .numpy,
                                                          limits: interp.context.limits, interrupt: interp.context.interrupt)[0]))
        }
        for name in ["std", "var", "cumsum"] {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                guard let first = args.positional.first else { throw PyException.typeError("\(name)() missing 1 required positional argument: 'a'") }
                let object = PyValue.object(NDArrayObject(try interp.numpyArgument(first, dtype: nil)))
                return try interp.callMethod(object, name, Arguments(Array(args.positional.dropFirst()), keywords: args.keywords))
            }
        }
    }

    /// `zeros_like`, `ones_like` and `full_like`: `a`'s shape and dtype unless given.
    private static func filledLike(_ interp: Interpreter, _ source: PyValue, _ fill: PyValue, dtype: PyValue?,
                                   shape: PyValue?) throws(PyException) -> PyValue {
        let a = try interp.numpyArgument(source, dtype: nil)
        let target = try interp.dtypeArgument(dtype ?? .none) ?? a.dtype
        let targetShape = try shape.flatMap { $0.isNone ? nil : $0 }.map { (v: PyValue) throws(PyException) in try interp.shapeArgument(v) } ?? a.shape
        if targetShape.contains(where: { $0 < 0 }) { throw PyException.valueError("negative dimensions are not allowed") }
        let value = Kernels.cast(try interp.numpyArgument(fill, dtype: nil), to: target, semantics: .numpy)
        let filled = try Kernels.broadcast(value, to: targetShape, semantics: .numpy)
        return .object(NDArrayObject(filled))
    }
}
