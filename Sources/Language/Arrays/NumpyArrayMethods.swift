import JaxCore

/// Attributes and methods of NumPy arrays (`x.shape`, `x.sum(axis=0)`, `x.astype('uint8')`).
extension Interpreter {
    static let arrayAttributeNames = [
        "T", "all", "any", "argmax", "argmin", "astype", "copy", "cumsum", "dtype", "flatten", "item", "itemsize", "max",
        "mean", "min", "nbytes", "ndim", "prod", "ravel", "reshape", "shape", "size", "squeeze", "std", "sum",
        "tolist", "transpose", "var", "view",
    ]

    func arrayAttribute(_ object: NDArrayObject, _ name: String) throws(PyException) -> PyValue? {
        let a = object.array
        func method(_ body: @escaping (Interpreter, Arguments) throws(PyException) -> PyValue) -> PyValue {
            .object(PyBuiltin(name, owner: object.typeName, body))
        }
        switch name {
        case "shape": return .tuple(a.shape.map { .int($0) })
        case "ndim": return .int(a.rank)
        case "size": return .int(a.count)
        case "dtype": return .object(PyDType(a.dtype))
        case "itemsize": return .int(a.dtype.itemSize)
        case "nbytes": return .int(a.count &* a.dtype.itemSize)
        case "T": return NDArrayObject.result(try Kernels.transpose(a, permutation: Array((0..<a.rank).reversed()), semantics: .numpy))
        case "reshape":
            return method { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let requested = args.positional.count == 1 ? try interp.shapeArgument(args.positional[0])
                    : try interp.shapeArgument(.tuple(args.positional))
                let shape = try Kernels.resolveReshape(requested, from: a.shape, semantics: .numpy)
                return .object(NDArrayObject(try Kernels.reshape(a, to: shape)))
            }
        case "flatten", "ravel":
            return method { (_: Interpreter, _: Arguments) throws(PyException) -> PyValue in
                .object(NDArrayObject(a.withShape([a.count])))
            }
        case "transpose":
            return method { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                var axes = Array((0..<a.rank).reversed())
                if args.positional.count == 1, !args.positional[0].isNone {
                    axes = try interp.shapeArgument(args.positional[0])
                } else if args.positional.count > 1 {
                    axes = try interp.shapeArgument(.tuple(args.positional))
                }
                return .object(NDArrayObject(try Kernels.transpose(a, permutation: axes, semantics: .numpy)))
            }
        case "squeeze":
            return method { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind("squeeze", ["axis"])
                let axes = try interp.axesArgument(slots[0]) ?? a.shape.indices.filter { a.shape[$0] == 1 }
                return .object(NDArrayObject(try Kernels.squeeze(a, axes: axes, semantics: .numpy)))
            }
        case "view":
            return method { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind("view", ["dtype", "type"])
                if let t = slots[1], !t.isNone { throw PyException.notImplemented("the type argument of ndarray.view is not supported") }
                guard let dtype = try interp.dtypeArgument(slots[0] ?? .none) else { return .object(NDArrayObject(a, scalar: object.isScalar)) }
                return .object(NDArrayObject(try Kernels.numpyView(a, as: dtype), scalar: object.isScalar))
            }
        case "astype":
            return method { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind("astype", ["dtype", "order", "casting", "subok", "copy"], required: 1)
                let dtype = try interp.dtypeArgument(slots[0] ?? .none) ?? .float64
                // the converted copy counts against the limit and budget like any new array
                _ = try Shape.checkedCount(a.shape, itemSize: dtype.itemSize, limits: interp.context.limits)
                return .object(NDArrayObject(Kernels.cast(a, to: dtype, semantics: .numpy), scalar: object.isScalar))
            }
        case "copy":
            return method { (_: Interpreter, _: Arguments) throws(PyException) -> PyValue in
                .object(NDArrayObject(a, scalar: object.isScalar))
            }
        case "tolist":
            return method { (interp: Interpreter, _: Arguments) throws(PyException) -> PyValue in interp.toList(a) }
        case "item":
            return method { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                if let i = args.positional.first {
                    var k = try interp.index(i)
                    if k < 0 { k += a.count }
                    guard k >= 0 && k < a.count else { throw PyException.indexError("index \(k) is out of bounds for size \(a.count)") }
                    return interp.element(a, k)
                }
                guard a.count == 1 else { throw PyException.valueError("can only convert an array of size 1 to a Python scalar") }
                return interp.element(a, 0)
            }
        case "sum", "prod", "max", "min", "any", "all", "mean":
            return method { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["axis", "dtype", "out", "keepdims"])
                return try interp.numpyReduce(name, a, axes: try interp.axesArgument(slots[0]),
                                              dtype: try interp.dtypeArgument(slots[1] ?? .none),
                                              keepdims: try interp.truth(slots[3] ?? .bool(false)))
            }
        case "std", "var":
            return method { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["axis", "dtype", "out", "ddof", "keepdims"])
                let ddof = try slots[3].map { (v: PyValue) throws(PyException) in try interp.index(v) } ?? 0
                return try interp.numpyVariance(a, axes: try interp.axesArgument(slots[0]), ddof: ddof,
                                                keepdims: try interp.truth(slots[4] ?? .bool(false)), root: name == "std")
            }
        case "cumsum":
            return method { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind("cumsum", ["axis", "dtype", "out"])
                let axis = try slots[0].flatMap { (v: PyValue) throws(PyException) -> Int? in v.isNone ? nil : try interp.index(v) }
                return .object(NDArrayObject(try interp.numpyCumsum(a, axis: axis, dtype: try interp.dtypeArgument(slots[1] ?? .none))))
            }
        case "argmax", "argmin":
            return method { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["axis", "out", "keepdims"])
                guard let axis = try interp.axesArgument(slots[0])?.first else {
                    return NDArrayObject.result(try Kernels.argReduce(max: name == "argmax", a.withShape([a.count]), axis: 0,
                                                                      indexDType: .int64, semantics: .numpy))
                }
                return NDArrayObject.result(try Kernels.argReduce(max: name == "argmax", a, axis: axis, indexDType: .int64,
                                                                  semantics: .numpy))
            }
        default:
            return nil
        }
    }

    /// `x.var()` / `x.std()` as NumPy computes them: the mean, squared deviations summed, divided
    /// by `n - ddof`, and the square root for std.
    func numpyVariance(_ a: JaxArray, axes requested: [Int]?, ddof: Int, keepdims: Bool, root: Bool) throws(PyException) -> PyValue {
        let axes = requested ?? Array(0..<a.rank)
        let input = a.dtype.isFloating ? a : Kernels.cast(a, to: .float64, semantics: .numpy)
        guard case .object(let meanObject as NDArrayObject) = try numpyReduce("mean", input, axes: axes, dtype: nil, keepdims: true) else {
            return .none
        }
        let deviations = try Kernels.binary(.subtract, input, try Kernels.broadcast(meanObject.array, to: input.shape, semantics: .numpy),
                                            semantics: .numpy)
        let squares = try Kernels.binary(.multiply, deviations, deviations, semantics: .numpy)
        var total = try Kernels.reduce(.sum, squares, axes: axes, semantics: .numpy)
        var count = 1
        for axis in axes { count *= a.shape[axis < 0 ? axis + a.rank : axis] }
        total = try Kernels.binary(.divide, total, JaxArray.scalar(.float(Double(max(count - ddof, 0))), dtype: total.dtype),
                                   semantics: .numpy)
        if root { total = try Kernels.unary(.sqrt, total, semantics: .numpy) }
        if keepdims {
            var shape = a.shape
            for axis in axes { shape[axis < 0 ? axis + a.rank : axis] = 1 }
            total = total.withShape(shape)
        }
        return NDArrayObject.result(total)
    }

    /// A NumPy reduction with NumPy's result dtypes (small ints sum as int64, means of ints
    /// as float64).
    func numpyReduce(_ name: String, _ a: JaxArray, axes requested: [Int]?, dtype: DType?, keepdims: Bool) throws(PyException) -> PyValue {
        let axes = requested ?? Array(0..<a.rank)
        var input = a
        var op: Kernels.ReduceOp
        switch name {
        case "sum", "mean": op = .sum
        case "prod": op = .product
        case "max": op = .max
        case "min": op = .min
        case "any": op = .any
        default: op = .all
        }
        if let dtype {
            input = Kernels.cast(input, to: dtype, semantics: .numpy)
        } else if name == "mean" {
            if !a.dtype.isFloating { input = Kernels.cast(input, to: .float64, semantics: .numpy) }
        } else if op == .sum || op == .product {
            switch a.dtype {
            case .bool, .int8, .int16, .int32: input = Kernels.cast(input, to: .int64, semantics: .numpy)
            case .uint8, .uint16, .uint32: input = Kernels.cast(input, to: .uint64, semantics: .numpy)
            default: break
            }
        }
        var result = try Kernels.reduce(op, input, axes: axes, semantics: .numpy)
        if name == "mean" {
            var count = 1
            for axis in axes { count *= a.shape[axis < 0 ? axis + a.rank : axis] }
            let divisor = JaxArray.scalar(.float(Double(count)), dtype: result.dtype)
            result = try Kernels.binary(.divide, result, divisor, semantics: .numpy)
        }
        if keepdims {
            var shape = a.shape
            for axis in axes { shape[axis < 0 ? axis + a.rank : axis] = 1 }
            result = result.withShape(shape)
        }
        return NDArrayObject.result(result)
    }

    /// `np.cumsum`: small integers and booleans sum as int64 (uint64 when unsigned), other
    /// dtypes in their own; a given dtype converts first. No axis flattens.
    func numpyCumsum(_ a: JaxArray, axis: Int?, dtype: DType?) throws(PyException) -> JaxArray {
        let flat = axis == nil || a.rank == 0 ? a.withShape([a.count]) : a
        let along = try AxisRules.normalize(axis ?? 0, rank: flat.rank, semantics: .numpy)
        let target: DType
        if let dtype {
            target = dtype
        } else {
            switch a.dtype.kind {
            case .bool, .signedInteger: target = .int64
            case .unsignedInteger: target = .uint64
            case .floating, .complex: target = a.dtype
            }
        }
        return CumulativeSum.sequential(Kernels.cast(flat, to: target, semantics: .numpy), axis: along)
    }
}
