/// The random primitives on typed key arrays (`key<fry>`): making keys from seeds or raw
/// words, splitting and folding them, and drawing bits. Their eager rules are the context's
/// PRNG (threefry2x32, `Random/`); they have no tangents and batch over the keys.
extension Primitive {
    static var random: [Primitive] { [.randomSeed, .randomWrap, .randomUnwrap, .randomBits, .randomSplit, .randomFoldIn] }

    /// A random primitive of one key operand (or seed), batched by moving the batch axis to
    /// the front: each primitive applies to every key of a key array.
    static func random(_ name: String, acceptsKeys: Bool = true, abstractEval: @escaping Rules.AbstractEval,
                       evaluate: @escaping Rules.Evaluate) -> Primitive {
        Primitive(name, Rules(
            abstractEval: abstractEval, evaluate: evaluate, jvp: .zero, transpose: .notLinear,
            batch: .rule { prim, ctx, xs, dims, params, _ throws(PyException) in
                guard let d = dims.first ?? nil else { return (try Tracing.bind(ctx, prim, xs, params), [nil]) }
                let x = try Lax.moveAxis(ctx, xs[0], from: d, to: 0)
                return ([try Tracing.bind1(ctx, prim, [x], params)], [0])
            },
            acceptsKeys: acceptsKeys))
    }

    /// The key operand, which must be a typed key array.
    static func keyOperand(_ name: String, _ ins: [ShapedArray]) throws(PyException) -> ShapedArray {
        guard let x = ins.first, x.isKey else {
            throw PyException.typeError("\(name) requires a typed key array (dtype key<fry>), got \(ins.first.map(\.description) ?? "nothing")")
        }
        return x
    }

    /// `random_seed[impl=fry]`: keys from integer seeds of any shape.
    static let randomSeed: Primitive = random("random_seed", acceptsKeys: false, abstractEval: { ins, _ throws(PyException) in
        guard let x = ins.first else { throw PyException.typeError("random_seed needs seeds") }
        return [.keys(x.shape)]
    }, evaluate: { ctx, xs, _ throws(PyException) in
        [try ctx.prng.seed(try Operands.at(xs, 0, "random_seed")).withKeyData(true)]
    })

    /// `random_wrap[impl=fry]`: typed keys over raw uint32 key data.
    static let randomWrap: Primitive = random("random_wrap", acceptsKeys: false, abstractEval: { ins, _ throws(PyException) in
        guard let x = ins.first, !x.isKey, x.dtype == .uint32, x.shape.last == 2 else {
            throw PyException.typeError("random_wrap expects uint32 key data with a trailing dimension of 2, got \(ins.first.map(\.description) ?? "nothing")")
        }
        return [.keys(Array(x.shape.dropLast()))]
    }, evaluate: { _, xs, _ throws(PyException) in
        [try Operands.at(xs, 0, "random_wrap").withKeyData(true)]
    })

    /// `random_unwrap`: the raw uint32 words of typed keys.
    static let randomUnwrap: Primitive = random("random_unwrap", abstractEval: { ins, _ throws(PyException) in
        [ShapedArray(shape: try keyOperand("random_unwrap", ins).shape + [2], dtype: .uint32)]
    }, evaluate: { _, xs, _ throws(PyException) in
        [try Operands.at(xs, 0, "random_unwrap").withKeyData(false)]
    })

    /// `random_split[shape=...]`: for each key, keys of `shape`.
    static let randomSplit: Primitive = random("random_split", abstractEval: { ins, params throws(PyException) in
        [.keys(try keyOperand("random_split", ins).shape + (try params.required(.shape)))]
    }, evaluate: { ctx, xs, params throws(PyException) in
        let keys = try Operands.at(xs, 0, "random_split").withKeyData(false)
        return [try ctx.prng.split(keys, shape: try params.required(.shape)).withKeyData(true)]
    })

    /// `random_bits[bit_width=... shape=...]`: for each key, unsigned bits of `shape`.
    static let randomBits: Primitive = random("random_bits", abstractEval: { ins, params throws(PyException) in
        let k = try keyOperand("random_bits", ins)
        return [ShapedArray(shape: k.shape + (try params.required(.shape)), dtype: bitsDType(try params.required(.bitWidth)))]
    }, evaluate: { ctx, xs, params throws(PyException) in
        let keys = try Operands.at(xs, 0, "random_bits").withKeyData(false)
        // an interrupted result is dropped by `Primitive.evaluate`'s check
        return [try ctx.prng.bits(keys, bitWidth: try params.required(.bitWidth), shape: try params.required(.shape),
                                  stoppingAt: ctx.interrupt)]
    })

    /// `random_fold_in`: each key folded with the matching uint32 of `data` (broadcast).
    static let randomFoldIn: Primitive = Primitive("random_fold_in", Rules(
        abstractEval: { ins, _ throws(PyException) in
            let k = try keyOperand("random_fold_in", ins)
            guard ins.count == 2 else { throw PyException.typeError("random_fold_in needs a key and data") }
            return [.keys(try Kernels.broadcastShapes([k.shape, ins[1].shape]))]
        },
        evaluate: { ctx, xs, _ throws(PyException) in
            guard xs.count == 2 else { throw PyException.typeError("random_fold_in needs a key and data") }
            let data = Kernels.cast(xs[1], to: .uint32, semantics: .jax)
            return [try ctx.prng.foldIn(xs[0].withKeyData(false), data).withKeyData(true)]
        },
        jvp: .zero, transpose: .notLinear, batch: .broadcasting, acceptsKeys: true))

    /// The unsigned dtype of `random_bits` for a bit width.
    static func bitsDType(_ width: Int) -> DType {
        switch width {
        case 8: return .uint8
        case 16: return .uint16
        case 64: return .uint64
        default: return .uint32
        }
    }
}

