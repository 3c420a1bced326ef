import JaxCore

/// `jax.lax`'s shape, slicing and creation functions: the Python signatures of JAX 0.10.2,
/// read into the checked operations of `JNP+LaxShapes.swift` and `JNP+LaxSlicing.swift`.
extension JaxLaxModule {
    static func addShapes(_ m: PyModule, _ interp: Interpreter) {
        let ctx = interp.context
        m.define("broadcast_in_dim") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("broadcast_in_dim", ["operand", "shape", "broadcast_dimensions", "out_sharding"], required: 3, maxPositional: 3)
            try refuseSharding(slots[3], "broadcast_in_dim")
            let x = try operand(interp, slots[0], "broadcast_in_dim")
            return wrap(try JNP.laxBroadcastInDim(ctx, x, shape: try ints(interp, slots[1]), dims: try ints(interp, slots[2])))
        }
        m.define("broadcast") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("broadcast", ["operand", "sizes", "out_sharding"], required: 2, maxPositional: 2)
            try refuseSharding(slots[2], "broadcast")
            return wrap(try JNP.laxBroadcast(ctx, try operand(interp, slots[0], "broadcast"), sizes: try ints(interp, slots[1])))
        }
        m.define("reshape") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("reshape", ["operand", "new_sizes", "dimensions", "out_sharding"], required: 2, maxPositional: 3)
            try refuseSharding(slots[3], "reshape")
            let dims = try slots[2].flatMap { (v: PyValue) throws(PyException) -> [Int]? in v.isNone ? nil : try ints(interp, v) }
            return wrap(try JNP.laxReshape(ctx, try operand(interp, slots[0], "reshape"), try ints(interp, slots[1]), dimensions: dims))
        }
        m.define("transpose") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("transpose", ["operand", "permutation"], required: 2)
            return wrap(try JNP.laxTranspose(ctx, try operand(interp, slots[0], "transpose"), try ints(interp, slots[1])))
        }
        for (name, first) in [("squeeze", "array"), ("expand_dims", "array"), ("rev", "operand")] {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, [first, "dimensions"], required: 2)
                let x = try operand(interp, slots[0], name), dims = try ints(interp, slots[1])
                switch name {
                case "squeeze": return wrap(try JNP.laxSqueeze(ctx, x, dims))
                case "expand_dims": return wrap(try JNP.laxExpandDims(ctx, x, dims))
                default: return wrap(try JNP.laxRev(ctx, x, dims))
                }
            }
        }
        m.define("collapse") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("collapse", ["operand", "start_dimension", "stop_dimension"], required: 2)
            return wrap(try JNP.laxCollapse(ctx, try operand(interp, slots[0], "collapse"), start: try interp.index(slots[1] ?? .none),
                                            stop: try optionalInt(interp, slots[2])))
        }
        m.define("split") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("split", ["operand", "sizes", "axis"], required: 2)
            let pieces = try JNP.laxSplit(ctx, try operand(interp, slots[0], "split"), sizes: try ints(interp, slots[1]),
                                          axis: try optionalInt(interp, slots[2]) ?? 0)
            return .list(PyList(pieces.map(wrap)))
        }
        m.define("concatenate") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("concatenate", ["operands", "dimension"], required: 2)
            var xs: [JaxValue] = []
            for (i, v) in try interp.collect(slots[0] ?? .none).enumerated() { xs.append(try operand(interp, v, "concatenate", position: i)) }
            return wrap(try JNP.laxConcatenate(ctx, xs, dimension: try interp.index(slots[1] ?? .none)))
        }
        m.define("pad") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("pad", ["operand", "padding_value", "padding_config"], required: 3)
            var config: [(Int, Int, Int)] = []
            for row in try interp.collect(slots[2] ?? .none) {
                let items = try ints(interp, row)
                guard items.count == 3 else {
                    throw PyException.valueError("\(items.count < 3 ? "not enough" : "too many") values to unpack (expected 3\(items.count < 3 ? ", got \(items.count)" : ""))")
                }
                config.append((items[0], items[1], items[2]))
            }
            return wrap(try JNP.laxPad(ctx, try operand(interp, slots[0], "pad"), try operand(interp, slots[1], "pad", position: 1), config))
        }
        m.define("slice") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("slice", ["operand", "start_indices", "limit_indices", "strides"], required: 3)
            let strides = try slots[3].flatMap { (v: PyValue) throws(PyException) -> [Int]? in v.isNone ? nil : try ints(interp, v) }
            return wrap(try JNP.laxSlice(ctx, try operand(interp, slots[0], "slice"), start: try ints(interp, slots[1]),
                                         limit: try ints(interp, slots[2]), strides: strides))
        }
        m.define("slice_in_dim") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("slice_in_dim", ["operand", "start_index", "limit_index", "stride", "axis"], required: 3)
            return wrap(try JNP.laxSliceInDim(ctx, try operand(interp, slots[0], "slice_in_dim"), start: try optionalInt(interp, slots[1]),
                                              limit: try optionalInt(interp, slots[2]), stride: try optionalInt(interp, slots[3]) ?? 1,
                                              axis: try optionalInt(interp, slots[4]) ?? 0))
        }
        m.define("index_in_dim") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("index_in_dim", ["operand", "index", "axis", "keepdims"], required: 2)
            return wrap(try JNP.laxIndexInDim(ctx, try operand(interp, slots[0], "index_in_dim"), index: try interp.index(slots[1] ?? .none),
                                              axis: try optionalInt(interp, slots[2]) ?? 0, keepdims: try interp.truth(slots[3] ?? .bool(true))))
        }
        addDynamicSlicing(m, interp)
        addCreation(m, interp)
    }

    /// `dynamic_slice`, `dynamic_update_slice` and their `_in_dim` forms.
    private static func addDynamicSlicing(_ m: PyModule, _ interp: Interpreter) {
        let ctx = interp.context
        m.define("dynamic_slice") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("dynamic_slice", ["operand", "start_indices", "slice_sizes", "allow_negative_indices"], required: 3, maxPositional: 3)
            let x = try operand(interp, slots[0], "dynamic_slice")
            let starts = try indices(interp, slots[1])
            return wrap(try JNP.laxDynamicSlice(ctx, x, starts, sizes: try ints(interp, slots[2]),
                                                allowNegative: try allowNegative(interp, slots[3], count: starts.count)))
        }
        m.define("dynamic_update_slice") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("dynamic_update_slice", ["operand", "update", "start_indices", "allow_negative_indices"], required: 3, maxPositional: 3)
            let x = try operand(interp, slots[0], "dynamic_update_slice"), update = try operand(interp, slots[1], "dynamic_update_slice", position: 1)
            let starts = try indices(interp, slots[2])
            return wrap(try JNP.laxDynamicUpdateSlice(ctx, x, update, starts, allowNegative: try allowNegative(interp, slots[3], count: starts.count)))
        }
        m.define("dynamic_slice_in_dim") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("dynamic_slice_in_dim", ["operand", "start_index", "slice_size", "axis", "allow_negative_indices"], required: 3, maxPositional: 4)
            let x = try operand(interp, slots[0], "dynamic_slice_in_dim")
            let axis = try AxisRules.normalize(try optionalInt(interp, slots[3]) ?? 0, rank: x.rank)
            let (starts, negative) = try inDim(interp, x, slots[1], axis: axis, allow: slots[4])
            var sizes = x.shape
            sizes[axis] = try interp.index(slots[2] ?? .none)
            return wrap(try JNP.laxDynamicSlice(ctx, x, starts, sizes: sizes, allowNegative: negative))
        }
        m.define("dynamic_update_slice_in_dim") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("dynamic_update_slice_in_dim", ["operand", "update", "start_index", "axis", "allow_negative_indices"], required: 4, maxPositional: 4)
            let x = try operand(interp, slots[0], "dynamic_update_slice_in_dim")
            let update = try operand(interp, slots[1], "dynamic_update_slice_in_dim", position: 1)
            let axis = try AxisRules.normalize(try interp.index(slots[3] ?? .none), rank: x.rank)
            let (starts, negative) = try inDim(interp, x, slots[2], axis: axis, allow: slots[4])
            return wrap(try JNP.laxDynamicUpdateSlice(ctx, x, update, starts, allowNegative: negative))
        }
        m.define("dynamic_index_in_dim") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("dynamic_index_in_dim", ["operand", "index", "axis", "keepdims", "allow_negative_indices"], required: 2, maxPositional: 4)
            let x = try operand(interp, slots[0], "dynamic_index_in_dim")
            guard let index = try indices(interp, .tuple([slots[1] ?? .none])).first else { throw PyException.typeError("dynamic_index_in_dim needs an index") }
            return wrap(try JNP.laxDynamicIndexInDim(ctx, x, index, axis: try optionalInt(interp, slots[2]) ?? 0,
                                                     keepdims: try interp.truth(slots[3] ?? .bool(true)),
                                                     allowNegative: try interp.truth(slots[4] ?? .bool(true))))
        }
    }

    /// `full`, `full_like`, `iota`, `broadcasted_iota` and `convert_element_type`.
    private static func addCreation(_ m: PyModule, _ interp: Interpreter) {
        let ctx = interp.context
        func dtype(_ interp: Interpreter, _ v: PyValue?, _ name: String) throws(PyException) -> DType? {
            try interp.dtypeArgument(v ?? .none, semantics: .jax, in: name)
        }
        m.define("full") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("full", ["shape", "fill_value", "dtype", "sharding"], required: 2, maxPositional: 3)
            try refuseSharding(slots[3], "full")
            let fill = try operand(interp, slots[1], "full", position: 1)
            let asked = try dtype(interp, slots[2], "full")
            return wrap(try JNP.laxFull(ctx, try interp.shapeArgument(slots[0] ?? .none), fill, dtype: asked ?? fill.dtype,
                                        weak: asked == nil && fill.weakType))
        }
        m.define("full_like") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("full_like", ["x", "fill_value", "dtype", "shape", "sharding"], required: 2)
            try refuseSharding(slots[4], "full_like")
            let x = try operand(interp, slots[0], "full_like")
            let shape = try slots[3].flatMap { (v: PyValue) throws(PyException) -> [Int]? in v.isNone ? nil : try interp.shapeArgument(v) }
            let fill = try operand(interp, slots[1], "full_like", position: 1)
            let asked = try dtype(interp, slots[2], "full_like")
            return wrap(try JNP.laxFull(ctx, shape ?? x.shape, fill, dtype: asked ?? x.dtype, weak: asked == nil && x.weakType))
        }
        m.define("iota") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("iota", ["dtype", "size"], required: 2)
            guard let d = try dtype(interp, slots[0], "iota") else { throw PyException.typeError("iota requires a dtype, got None") }
            return wrap(try JNP.laxIota(ctx, d, shape: [try interp.index(slots[1] ?? .none)], dimension: 0))
        }
        m.define("broadcasted_iota") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("broadcasted_iota", ["dtype", "shape", "dimension", "out_sharding"], required: 3, maxPositional: 3)
            try refuseSharding(slots[3], "broadcasted_iota")
            guard let d = try dtype(interp, slots[0], "broadcasted_iota") else { throw PyException.typeError("broadcasted_iota requires a dtype, got None") }
            return wrap(try JNP.laxIota(ctx, d, shape: try ints(interp, slots[1]), dimension: try interp.index(slots[2] ?? .none)))
        }
        m.define("convert_element_type") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("convert_element_type", ["operand", "new_dtype"], required: 2)
            let x = try operand(interp, slots[0], "convert_element_type")
            guard let d = try dtype(interp, slots[1], "convert_element_type") else { return wrap(x) }
            return wrap(try JNP.laxConvertElementType(ctx, x, d))
        }
    }

    static func wrap(_ v: JaxValue) -> PyValue { .object(JaxArrayObject(v)) }

    /// An array argument to the lax function `name`, with lax's TypeError for anything else.
    static func operand(_ interp: Interpreter, _ v: PyValue?, _ name: String, position: Int = 0) throws(PyException) -> JaxValue {
        let v = v ?? .none
        guard let x = try interp.jaxOperand(v) else {
            throw PyException.typeError("Error interpreting argument to \(name) as a JAX value. The problematic value is of type \(interp.pythonTypeName(v)) and was passed to \(name) at position \(position).\n")
        }
        return x
    }

    /// A sequence of ints (a tuple, a list or a 1-D integer array).
    static func ints(_ interp: Interpreter, _ v: PyValue?) throws(PyException) -> [Int] {
        var out: [Int] = []
        for item in try interp.collect(v ?? .none) { out.append(try interp.index(item)) }
        return out
    }

    static func optionalInt(_ interp: Interpreter, _ v: PyValue?) throws(PyException) -> Int? {
        guard let v, !v.isNone else { return nil }
        return try interp.index(v)
    }

    /// `out_sharding` / `sharding`: only None (one CPU device, nothing to shard).
    static func refuseSharding(_ v: PyValue?, _ name: String) throws(PyException) {
        if let v, !v.isNone { throw PyException.notImplemented("lax.\(name)'s sharding argument is not supported (jaxlab runs on one CPU device)") }
    }

    /// Start indices: Python ints stay static, anything else becomes a 0-d array.
    private static func indices(_ interp: Interpreter, _ v: PyValue?) throws(PyException) -> [LaxIndex] {
        var out: [LaxIndex] = []
        for item in try interp.collect(v ?? .none) {
            switch item {
            case .int(let i): out.append(.int(i))
            default: out.append(.value(try operand(interp, item, "dynamic_slice")))
            }
        }
        return out
    }

    /// `allow_negative_indices`: one bool for every axis or one per axis.
    private static func allowNegative(_ interp: Interpreter, _ v: PyValue?, count: Int) throws(PyException) -> [Bool] {
        guard let v, !v.isNone else { return Array(repeating: true, count: count) }
        switch v {
        case .tuple, .list:
            var out: [Bool] = []
            for item in try interp.collect(v) { out.append(try interp.truth(item)) }
            return out
        default:
            return Array(repeating: try interp.truth(v), count: count)
        }
    }

    /// The starts of an `_in_dim` form: `index` on `axis`, a zero of its type elsewhere, only
    /// `axis` allowed a negative index.
    private static func inDim(_ interp: Interpreter, _ x: JaxValue, _ index: PyValue?, axis: Int,
                              allow: PyValue?) throws(PyException) -> ([LaxIndex], [Bool]) {
        guard let start = try indices(interp, .tuple([index ?? .none])).first else { throw PyException.typeError("a start index is required") }
        let zero: LaxIndex
        switch start {
        case .int: zero = .int(0)
        case .value(let v): zero = .value(.array(JaxArray.scalar(.int(0), dtype: v.dtype)))
        }
        var negative = Array(repeating: false, count: x.rank)
        negative[axis] = try interp.truth(allow ?? .bool(true))
        return ((0..<x.rank).map { $0 == axis ? start : zero }, negative)
    }
}
