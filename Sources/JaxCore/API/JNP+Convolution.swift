/// `lax.conv_general_dilated` with lax's argument handling, and `jnp.convolve` /
/// `jnp.correlate` built on it as `jax.numpy` builds them.
extension JNP {
    /// How the caller gave the convolution's padding: explicit pairs or one of lax's names.
    public enum ConvPadding: Sendable {
        case explicit([(low: Int, high: Int)])
        case named(String)
    }

    /// How the caller gave `dimension_numbers`: None, or three strings such as
    /// `('NCHW', 'OIHW', 'NCHW')`.
    public enum ConvLayout: Sendable {
        case standard
        case strings(String, String, String)
    }

    /// `lax.conv_general_dilated`.
    public static func convGeneralDilated(_ ctx: JaxContext, _ lhs: JaxValue, _ rhs: JaxValue, strides: [Int], padding: ConvPadding,
                                          lhsDilation: [Int]?, rhsDilation: [Int]?, layout: ConvLayout = .standard,
                                          featureGroups: Int = 1, batchGroups: Int = 1, preferred: DType? = nil) throws(PyException) -> JaxValue {
        let dims = try convDimensions(lhs.shape, rhs.shape, layout)
        let spatial = Swift.max(lhs.rank - 2, 0)
        let lhsDilation = lhsDilation ?? Array(repeating: 1, count: spatial)
        let rhsDilation = rhsDilation ?? Array(repeating: 1, count: spatial)
        let pads: [(low: Int, high: Int)]
        switch padding {
        case .explicit(let pairs): pads = pairs
        case .named(let name):
            if lhsDilation.contains(where: { $0 != 1 }) {
                throw PyException.valueError("String padding is not implemented for transposed convolution using this op. Please either exactly specify the required padding or use conv_transpose.")
            }
            let window = try zip(dims.rhsSpec.dropFirst(2), rhsDilation).map { (axis, r) throws(PyException) in
                try ConvGeometry.dilated(rhs.shape[axis], r)
            }
            pads = try paddingFor(name, input: dims.lhsSpec.dropFirst(2).map { lhs.shape[$0] }, window: window, strides: strides)
        }
        let p = ConvParams(strides: strides, padding: pads, lhsDilation: lhsDilation, rhsDilation: rhsDilation, dimensions: dims,
                           featureGroups: featureGroups, batchGroups: batchGroups, preferred: preferred.map { ctx.canonical($0) })
        return try p.bind(ctx, lhs, rhs)
    }

    /// lax's `padtype_to_pads`.
    static func paddingFor(_ name: String, input: [Int], window: [Int], strides: [Int]) throws(PyException) -> [(low: Int, high: Int)] {
        switch name.uppercased() {
        case "VALID": return input.map { _ in (0, 0) }
        case let kind where kind == "SAME" || kind == "SAME_LOWER":
            guard strides.count == input.count, strides.allSatisfy({ $0 > 0 }) else {
                throw PyException.valueError("conv_general_dilated window and window_strides must have the same number of dimensions, but got \(input.count) and \(strides.count)")
            }
            return zip(zip(input, window), strides).map { pair, stride in
                let (size, w) = pair
                let out = (size + stride - 1) / stride
                let total = Swift.max((out - 1) * stride + w - size, 0)
                return kind == "SAME" ? (total / 2, total - total / 2) : (total - total / 2, total / 2)
            }
        default:
            throw PyException("RuntimeError", "Unrecognized padding type: expected 'VALID', 'SAME', or 'SAME_LOWER', got \(name).")
        }
    }

    /// lax's `conv_dimension_numbers` and `conv_general_permutations`.
    static func convDimensions(_ lhs: [Int], _ rhs: [Int], _ layout: ConvLayout) throws(PyException) -> ConvDimensions {
        guard lhs.count == rhs.count else {
            throw PyException.typeError("convolution requires lhs and rhs ndim to be equal, got \(lhs.count) and \(rhs.count).")
        }
        guard case .strings(let l, let r, let o) = layout else {
            return ConvDimensions(lhs: Array(0..<lhs.count), rhs: Array(0..<lhs.count), out: Array(0..<lhs.count))
        }
        let specs = [Array(l), Array(r), Array(o)]
        for (i, spec) in specs.enumerated() where spec.count != lhs.count {
            throw PyException.typeError("convolution dimension_numbers[\(i)] must have len equal to the ndim of lhs and rhs, got \(spec.count) for lhs and rhs shapes \(Shape.describe(lhs)) and \(Shape.describe(rhs)).")
        }
        let pairs: [(Character, Character)] = [("N", "C"), ("O", "I"), ("N", "C")]
        for (i, spec) in specs.enumerated() {
            let (a, b) = pairs[i]
            guard spec.filter({ $0 == a }).count == 1, spec.filter({ $0 == b }).count == 1 else {
                throw PyException.typeError("convolution dimension_numbers[\(i)] must contain the characters '\(a)' and '\(b)' exactly once, got \(String(spec)).")
            }
            guard Set(spec).count == spec.count else {
                throw PyException.typeError("convolution dimension_numbers[\(i)] cannot have duplicate characters, got \(String(spec)).")
            }
        }
        let spatialSets = specs.enumerated().map { i, spec in Set(spec).subtracting([pairs[i].0, pairs[i].1]) }
        guard spatialSets[0] == spatialSets[1], spatialSets[1] == spatialSets[2] else {
            throw PyException.typeError("convolution dimension_numbers elements must each have the same set of spatial characters, got ('\(l)', '\(r)', '\(o)').")
        }
        let rhsSpec = specs[1]
        func permutation(_ spec: [Character], _ pair: (Character, Character), isRHS: Bool) -> [Int] {
            var spatial = spec.indices.filter { spec[$0] != pair.0 && spec[$0] != pair.1 }
            if !isRHS { spatial.sort { (rhsSpec.firstIndex(of: spec[$0]) ?? 0) < (rhsSpec.firstIndex(of: spec[$1]) ?? 0) } }
            return [spec.firstIndex(of: pair.0) ?? 0, spec.firstIndex(of: pair.1) ?? 0] + spatial
        }
        return ConvDimensions(lhs: permutation(specs[0], pairs[0], isRHS: false), rhs: permutation(specs[1], pairs[1], isRHS: true),
                              out: permutation(specs[2], pairs[2], isRHS: false))
    }

    /// Which 1-D convolution `jnp.convolve` and `jnp.correlate` compute.
    public enum ConvolveMode: String, Sendable {
        case full, same, valid
    }

    /// `jnp.convolve(a, v, mode)` (or `jnp.correlate` when `correlate`): JAX's jitted
    /// `convolve` around its jitted `_conv`, which flips the shorter operand (convolve) and
    /// runs one `conv_general_dilated` over a batch and a feature axis of size one.
    public static func convolve(_ ctx: JaxContext, _ a: JaxValue, _ v: JaxValue, mode: ConvolveMode,
                                correlate: Bool = false) throws(PyException) -> JaxValue {
        let op = correlate ? "correlate" : "convolve"
        return try jitted(ctx, name: op, [a, v], cacheKey: mode.rawValue) { outer throws(PyException) -> JaxValue in
            try jitted(ctx, name: "_conv", outer, cacheKey: op + mode.rawValue) { args throws(PyException) -> JaxValue in
                guard args[0].rank == 1, args[1].rank == 1 else { throw PyException.valueError("\(op)() only support 1-dimensional inputs.") }
                let promoted = Promotion.jax(args.map { ($0.dtype, $0.weakType) }, enableX64: ctx.enableX64)
                let dtype = promoted.dtype.isFloating ? promoted.dtype : ctx.defaultFloat
                var x = try convert(ctx, args[0], to: dtype, weak: promoted.weak)
                var y = try convert(ctx, args[1], to: dtype, weak: promoted.weak)
                guard x.shape[0] > 0, y.shape[0] > 0 else {
                    throw PyException.valueError("\(op): inputs cannot be empty, got shapes \(Shape.describe(x.shape)) and \(Shape.describe(y.shape)).")
                }
                var reverseOutput = false
                if x.shape[0] < y.shape[0] {
                    swap(&x, &y)
                    reverseOutput = correlate
                }
                if !correlate { y = try flip(ctx, y, axes: nil) }
                let k = y.shape[0]
                let pads: (Int, Int)
                switch mode {
                case .valid: pads = (0, 0)
                case .same: pads = (k / 2, k - k / 2 - 1)
                case .full: pads = (k - 1, k - 1)
                }
                let lhs = try Lax.broadcastInDim(ctx, x, shape: [1, 1, x.shape[0]], dims: [2])
                let rhs = try Lax.broadcastInDim(ctx, y, shape: [1, 1, k], dims: [2])
                let out = try convGeneralDilated(ctx, lhs, rhs, strides: [1], padding: .explicit([pads]), lhsDilation: nil, rhsDilation: nil)
                // result[0, 0, ::-1]: the reversal is staged before the squeeze
                let ordered = reverseOutput ? try Tracing.bind1(ctx, .rev, [out], Params().with(.dimensions, [2])) : out
                return try Lax.squeeze(ctx, ordered, [0, 1])
            }
        }
    }

    /// `jnp.flip(m, axis)`: JAX's jitted `_flip`, one `rev` of the named axes (all by default).
    public static func flip(_ ctx: JaxContext, _ m: JaxValue, axes: [Int]?) throws(PyException) -> JaxValue {
        let reversed = try normalizeAxes(axes, rank: m.rank)
        return try jitted(ctx, name: "_flip", [m], cacheKey: "\(reversed)") { args throws(PyException) -> JaxValue in
            try Tracing.bind1(ctx, .rev, args, Params().with(.dimensions, reversed))
        }
    }
}

extension JNP {
    /// `jnp.rot90(m, k, axes)`: m turned k quarter turns from the first axis towards the
    /// second, as JAX composes it from flips and one transpose.
    public static func rot90(_ ctx: JaxContext, _ m: JaxValue, k: Int, axes: (Int, Int)) throws(PyException) -> JaxValue {
        guard m.rank >= 2 else {
            throw PyException.valueError("rot90 requires its first argument to have ndim at least two, but got first argument of shape \(Shape.describe(m.shape)), which has ndim \(m.rank)")
        }
        let a1 = try AxisRules.normalize(axes.0, rank: m.rank), a2 = try AxisRules.normalize(axes.1, rank: m.rank)
        guard a1 != a2 else { throw PyException.valueError("Axes must be different") }
        let turns = ((k % 4) + 4) % 4
        return try jitted(ctx, name: "rot90", [m], cacheKey: "\(turns)|\(a1)|\(a2)") { args throws(PyException) -> JaxValue in
            let x = args[0]
            var perm = Array(0..<x.rank)
            perm.swapAt(a1, a2)
            switch turns {
            case 0: return x
            case 2: return try flip(ctx, try flip(ctx, x, axes: [a1]), axes: [a2])
            case 1: return try Lax.transpose(ctx, try flip(ctx, x, axes: [a2]), perm)
            default: return try flip(ctx, try Lax.transpose(ctx, x, perm), axes: [a2])
            }
        }
    }
}
