import JaxCore

/// `jax.lax`'s structural functions: slice, slice_in_dim, index_in_dim, pad, broadcast,
/// broadcast_in_dim, reshape, concatenate, squeeze, expand_dims, transpose, tile, stack, unstack.
extension JaxLaxModule {
    static func addStructure(_ m: PyModule, _ interp: Interpreter) {
        let ctx = interp.context
        func wrap(_ v: JaxValue) -> PyValue { .object(JaxArrayObject(v)) }
        /// An argument as lax takes it: an array or a Python scalar, never a list.
        func operand(_ interp: Interpreter, _ v: PyValue, _ name: String, _ position: Int) throws(PyException) -> JaxValue {
            guard let x = try interp.jaxOperand(v) else {
                throw PyException.typeError("Error interpreting argument to \(name) as a JAX value. The problematic value is of type "
                    + "\(interp.pythonTypeName(v)) and was passed to \(name) at position \(position).\n")
            }
            return x
        }
        func ints(_ interp: Interpreter, _ v: PyValue?) throws(PyException) -> [Int] {
            try interp.collect(v ?? .none).map { (i: PyValue) throws(PyException) -> Int in try interp.index(i) }
        }
        func optionalInt(_ interp: Interpreter, _ v: PyValue?) throws(PyException) -> Int? {
            guard let v, !v.isNone else { return nil }
            return try interp.index(v)
        }
        m.define("slice") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("slice", ["operand", "start_indices", "limit_indices", "strides"], required: 3)
            let strides = slots[3].flatMap { $0.isNone ? nil : $0 }
            return wrap(try JNP.laxSlice(ctx, try operand(interp, slots[0] ?? .none, "slice", 0), start: try ints(interp, slots[1]),
                                         limit: try ints(interp, slots[2]), strides: try strides.map { (v: PyValue) throws(PyException) in try ints(interp, v) }))
        }
        m.define("slice_in_dim") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("slice_in_dim", ["operand", "start_index", "limit_index", "stride", "axis"], required: 3)
            return wrap(try JNP.laxSliceInDim(ctx, try operand(interp, slots[0] ?? .none, "slice_in_dim", 0),
                                              start: try optionalInt(interp, slots[1]), limit: try optionalInt(interp, slots[2]),
                                              stride: try optionalInt(interp, slots[3]) ?? 1, axis: try optionalInt(interp, slots[4]) ?? 0))
        }
        m.define("index_in_dim") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("index_in_dim", ["operand", "index", "axis", "keepdims"], required: 2)
            return wrap(try JNP.laxIndexInDim(ctx, try operand(interp, slots[0] ?? .none, "index_in_dim", 0), index: try interp.index(slots[1] ?? .none),
                                              axis: try optionalInt(interp, slots[2]) ?? 0, keepdims: try interp.truth(slots[3] ?? .bool(true))))
        }
        m.define("pad") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("pad", ["operand", "padding_value", "padding_config"], required: 3)
            let x = try operand(interp, slots[0] ?? .none, "pad", 0)
            let value = try operand(interp, slots[1] ?? .none, "pad", 1)
            var config: [(low: Int, high: Int, interior: Int)] = []
            for row in try interp.collect(slots[2] ?? .none) {
                let r = try ints(interp, row)
                guard r.count == 3 else { throw PyException.valueError("padding_config must be a sequence of (low, high, interior) triples, got \(try interp.repr(row))") }
                config.append((r[0], r[1], r[2]))
            }
            return wrap(try JNP.laxPad(ctx, x, value, config: config))
        }
        m.define("broadcast_in_dim") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("broadcast_in_dim", ["operand", "shape", "broadcast_dimensions", "out_sharding"], required: 3)
            return wrap(try JNP.laxBroadcastInDim(ctx, try operand(interp, slots[0] ?? .none, "broadcast_in_dim", 0), shape: try ints(interp, slots[1]),
                                                  dims: try ints(interp, slots[2])))
        }
        m.define("broadcast") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("broadcast", ["operand", "sizes", "out_sharding"], required: 2)
            let x = try operand(interp, slots[0] ?? .none, "broadcast", 0)
            let sizes = try ints(interp, slots[1])
            return wrap(try JNP.laxBroadcastInDim(ctx, x, shape: sizes + x.shape, dims: Array(sizes.count..<(sizes.count + x.rank))))
        }
        m.define("reshape") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("reshape", ["operand", "new_sizes", "dimensions", "out_sharding"], required: 2)
            let dims = slots[2].flatMap { $0.isNone ? nil : $0 }
            return wrap(try JNP.laxReshape(ctx, try operand(interp, slots[0] ?? .none, "reshape", 0), try ints(interp, slots[1]),
                                           dimensions: try dims.map { (v: PyValue) throws(PyException) in try ints(interp, v) }))
        }
        m.define("concatenate") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("concatenate", ["operands", "dimension"], required: 2)
            var xs: [JaxValue] = []
            for (i, v) in try interp.collect(slots[0] ?? .none).enumerated() { xs.append(try operand(interp, v, "concatenate", i)) }
            if let first = xs.first, xs.contains(where: { $0.dtype != first.dtype }) {
                throw PyException.typeError("lax.concatenate requires arguments to have the same dtypes, got \(xs.map(\.dtype.name).joined(separator: ", ")). (Tip: jnp.concatenate is a similar function that does automatic type promotion on inputs).")
            }
            return wrap(try JNP.concatenate(ctx, xs, axis: try interp.index(slots[1] ?? .none)))
        }
        m.define("squeeze") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("squeeze", ["array", "dimensions"], required: 2)
            return wrap(try JNP.squeeze(ctx, try operand(interp, slots[0] ?? .none, "squeeze", 0), try ints(interp, slots[1])))
        }
        m.define("expand_dims") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("expand_dims", ["array", "dimensions"], required: 2)
            return wrap(try JNP.expandDims(ctx, try operand(interp, slots[0] ?? .none, "expand_dims", 0), try ints(interp, slots[1])))
        }
        m.define("transpose") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("transpose", ["operand", "permutation"], required: 2)
            let x = try operand(interp, slots[0] ?? .none, "transpose", 0)
            let perm = try ints(interp, slots[1])
            guard perm.sorted() == Array(0..<x.rank) else {
                throw PyException.typeError("transpose permutation isn't a permutation of operand dimensions, got permutation \(try interp.repr(slots[1] ?? .none)) for operand shape \(try interp.repr(.tuple(x.shape.map { .int($0) }))).")
            }
            return wrap(try JNP.transpose(ctx, x, perm))
        }
        m.define("tile") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("tile", ["operand", "reps"], required: 2)
            return wrap(try JNP.tile(ctx, try operand(interp, slots[0] ?? .none, "tile", 0), try ints(interp, slots[1])))
        }
        m.define("stack") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("stack", ["operands", "axis"], required: 1)
            var xs: [JaxValue] = []
            for (i, v) in try interp.collect(slots[0] ?? .none).enumerated() { xs.append(try operand(interp, v, "stack", i)) }
            return wrap(try JNP.stack(ctx, xs, axis: try optionalInt(interp, slots[1]) ?? 0))
        }
        m.define("unstack") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("unstack", ["operand", "axis"], required: 1)
            let x = try operand(interp, slots[0] ?? .none, "unstack", 0)
            let axis = try AxisRules.normalize(try optionalInt(interp, slots[1]) ?? 0, rank: x.rank)
            var parts: [PyValue] = []
            for i in 0..<x.shape[axis] { parts.append(wrap(try JNP.laxIndexInDim(ctx, x, index: i, axis: axis, keepdims: false))) }
            return .tuple(parts)
        }
    }
}
