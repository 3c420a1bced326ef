/// conv_general_dilated's `ConvDimensionNumbers`: for the lhs, the rhs and the output, the axis
/// holding the batch (or output feature), the feature (or input feature) and each spatial axis.
public struct ConvDimensions: Equatable, Sendable, CustomStringConvertible, ParamRepresentable {
    public var lhsSpec: [Int], rhsSpec: [Int], outSpec: [Int]

    public init(lhs: [Int], rhs: [Int], out: [Int]) {
        lhsSpec = lhs
        rhsSpec = rhs
        outSpec = out
    }

    /// Each spec with its first two entries swapped, as lax's transposition rules use them.
    static func swapped(_ spec: [Int]) -> [Int] {
        spec.count < 2 ? spec : [spec[1], spec[0]] + spec.dropFirst(2)
    }

    public var description: String {
        "ConvDimensionNumbers(lhs_spec=\(ParamValue.tuple(lhsSpec.map(String.init))), rhs_spec=\(ParamValue.tuple(rhsSpec.map(String.init))), out_spec=\(ParamValue.tuple(outSpec.map(String.init))))"
    }

    public init?(param: ParamValue) {
        guard case .convDimensions(let v) = param else { return nil }
        self = v
    }
    public var param: ParamValue { .convDimensions(self) }
}

/// `conv_general_dilated`: XLA's convolution with strides, padding, dilations and feature or
/// batch groups. It is bilinear, so its JVP is two convolutions, and each operand's transpose
/// is a convolution of the cotangent with the other (lax's `_conv_general_dilated_transpose_*`).
extension Primitive {
    static let convGeneralDilated: Primitive = Primitive("conv_general_dilated", Rules(
        abstractEval: { ins, params throws(PyException) in
            guard ins.count == 2 else { throw PyException.typeError("conv_general_dilated needs two operands") }
            let lhs = ins[0], rhs = ins[1]
            guard lhs.dtype == rhs.dtype else {
                throw PyException.typeError("lax.conv_general_dilated requires arguments to have the same dtypes, got \(lhs.dtype.name), \(rhs.dtype.name).")
            }
            let shape = try ConvParams(params).geometry(lhs.shape, rhs.shape).outputShape()
            return [ShapedArray(shape: shape, dtype: params[.preferredElementType] ?? lhs.dtype, weakType: false)]
        },
        evaluate: { _, xs, params throws(PyException) in
            var lhs = try Operands.at(xs, 0, "conv_general_dilated"), rhs = try Operands.at(xs, 1, "conv_general_dilated")
            if let out = params[.preferredElementType] {
                lhs = Kernels.cast(lhs, to: out, semantics: .jax)
                rhs = Kernels.cast(rhs, to: out, semantics: .jax)
            }
            return [try Kernels.convolution(lhs, rhs, try ConvParams(params).geometry(lhs.shape, rhs.shape))]
        },
        jvp: .bilinear,
        transpose: .linear { prim, ctx, ct, args, params throws(PyException) in
            let p = try ConvParams(params)
            if args[0].isLinear, let rhs = args[1].value { return [try p.transposeLHS(ctx, ct, lhsAval: args[0].aval, rhs), nil] }
            if args[1].isLinear, let lhs = args[0].value { return [nil, try p.transposeRHS(ctx, ct, lhs, rhsAval: args[1].aval)] }
            throw prim.missingRule(.transpose)
        },
        batch: .rule { _, ctx, xs, dims, params, _ throws(PyException) in try ConvParams(params).batch(ctx, xs, dims) }))
}

/// The parameters of one conv_general_dilated equation, typed, with lax's rules that build
/// new convolutions from them.
struct ConvParams {
    var strides: [Int], padding: [(low: Int, high: Int)], lhsDilation: [Int], rhsDilation: [Int]
    var dimensions: ConvDimensions
    var featureGroups: Int, batchGroups: Int
    var preferred: DType?

    init(strides: [Int], padding: [(low: Int, high: Int)], lhsDilation: [Int], rhsDilation: [Int], dimensions: ConvDimensions,
         featureGroups: Int = 1, batchGroups: Int = 1, preferred: DType? = nil) {
        self.strides = strides
        self.padding = padding
        self.lhsDilation = lhsDilation
        self.rhsDilation = rhsDilation
        self.dimensions = dimensions
        self.featureGroups = featureGroups
        self.batchGroups = batchGroups
        self.preferred = preferred
    }

    init(_ params: Params) throws(PyException) {
        strides = try params.required(.windowStrides)
        padding = try params.required(.convPadding).shapes.map { ($0.first ?? 0, $0.count > 1 ? $0[1] : 0) }
        lhsDilation = try params.required(.lhsDilation)
        rhsDilation = try params.required(.rhsDilation)
        dimensions = try params.required(.convDimensionNumbers)
        featureGroups = try params.required(.featureGroupCount)
        batchGroups = try params.required(.batchGroupCount)
        preferred = params[.preferredElementType]
    }

    /// The equation's parameters as JAX prints them.
    var params: Params {
        var p = Params()
        p.set(.batchGroupCount, batchGroups)
        p.set(.convDimensionNumbers, dimensions)
        p.set(.featureGroupCount, featureGroups)
        p.set(.lhsDilation, lhsDilation)
        p.set(.outSharding, .none)
        p.set(.convPadding, ShapeList(padding.map { [$0.low, $0.high] }))
        p.set(.precision, .none)
        if let preferred { p.set(.preferredElementType, preferred) } else { p.set(.preferredElementType, printed: .none) }
        p.set(.rhsDilation, rhsDilation)
        p.set(.windowStrides, strides)
        return p
    }

    func geometry(_ lhs: [Int], _ rhs: [Int]) -> ConvGeometry {
        ConvGeometry(lhsShape: lhs, rhsShape: rhs, dimensions: dimensions, strides: strides, padding: padding,
                     lhsDilation: lhsDilation, rhsDilation: rhsDilation, featureGroups: featureGroups, batchGroups: batchGroups)
    }

    func bind(_ ctx: JaxContext, _ lhs: JaxValue, _ rhs: JaxValue) throws(PyException) -> JaxValue {
        try Tracing.bind1(ctx, .convGeneralDilated, [lhs, rhs], params)
    }

    private func spatial(_ shape: [Int], _ spec: [Int]) -> [Int] { spec.dropFirst(2).map { $0 < shape.count ? shape[$0] : 0 } }

    /// lax's `_conv_general_dilated_transpose_lhs`.
    func transposeLHS(_ ctx: JaxContext, _ g: JaxValue, lhsAval: ShapedArray, _ rhs: JaxValue) throws(PyException) -> JaxValue {
        let d = dimensions
        var rhs = rhs
        var groups = featureGroups
        if featureGroups > 1 || batchGroups > 1 {
            // the group moves from the kernel's output features into its input features
            let count = Swift.max(featureGroups, batchGroups)
            rhs = try ConvParams.reshapeAxisOutOf(ctx, d.rhsSpec[0], count, rhs)
            rhs = try ConvParams.reshapeAxisInto(ctx, d.rhsSpec[0], d.rhsSpec[1], rhs)
            groups = count
        }
        let lhsSpatial = spatial(lhsAval.shape, d.lhsSpec), rhsSpatial = spatial(rhs.shape, d.rhsSpec)
        var pads: [(low: Int, high: Int)] = []
        for s in 0..<lhsSpatial.count {
            let lhsD = try ConvGeometry.dilated(lhsSpatial[s], lhsDilation[s]), rhsD = try ConvGeometry.dilated(rhsSpatial[s], rhsDilation[s])
            let outD = try ConvGeometry.dilated(spatial(g.shape, d.outSpec)[s], strides[s])
            let before = rhsD - padding[s].low - 1
            pads.append((before, lhsD + rhsD - 1 - outD - before))
        }
        var reversed = try Tracing.bind1(ctx, .rev, [rhs], Params().with(.dimensions, Array(d.rhsSpec.dropFirst(2))))
        if g.dtype != reversed.dtype { reversed = try Lax.convert(ctx, reversed, to: g.dtype) }
        let t = ConvParams(strides: lhsDilation, padding: pads, lhsDilation: strides, rhsDilation: rhsDilation,
                           dimensions: ConvDimensions(lhs: d.outSpec, rhs: ConvDimensions.swapped(d.rhsSpec), out: d.lhsSpec),
                           featureGroups: groups, preferred: preferred)
        var out = try t.bind(ctx, g, reversed)
        if out.dtype != lhsAval.dtype { out = try Lax.convert(ctx, out, to: lhsAval.dtype) }
        if batchGroups > 1 {
            out = try ConvParams.reshapeAxisOutOf(ctx, d.lhsSpec[1], batchGroups, out)
            out = try ConvParams.reshapeAxisInto(ctx, d.lhsSpec[1], d.lhsSpec[0], out)
        }
        return out
    }

    /// lax's `_conv_general_dilated_transpose_rhs`: feature groups become batch groups and the
    /// other way round.
    func transposeRHS(_ ctx: JaxContext, _ g: JaxValue, _ lhs: JaxValue, rhsAval: ShapedArray) throws(PyException) -> JaxValue {
        if g.aval.count == 0 { return try Lax.zeros(ctx, rhsAval) }
        let d = dimensions
        let lhsSpatial = spatial(lhs.shape, d.lhsSpec), rhsSpatial = spatial(rhsAval.shape, d.rhsSpec)
        let outSpatial = spatial(g.shape, d.outSpec)
        var pads: [(low: Int, high: Int)] = []
        for s in 0..<lhsSpatial.count {
            let lhsD = try ConvGeometry.dilated(lhsSpatial[s], lhsDilation[s]), rhsD = try ConvGeometry.dilated(rhsSpatial[s], rhsDilation[s])
            let outD = try ConvGeometry.dilated(outSpatial[s], strides[s])
            pads.append((padding[s].low, (outD - lhsD) + (rhsD - padding[s].low - 1)))
        }
        var lhs = lhs
        if g.dtype != lhs.dtype { lhs = try Lax.convert(ctx, lhs, to: g.dtype) }
        let t = ConvParams(strides: rhsDilation, padding: pads, lhsDilation: lhsDilation, rhsDilation: strides,
                           dimensions: ConvDimensions(lhs: ConvDimensions.swapped(d.lhsSpec), rhs: ConvDimensions.swapped(d.outSpec),
                                                      out: ConvDimensions.swapped(d.rhsSpec)),
                           featureGroups: batchGroups, batchGroups: featureGroups, preferred: preferred)
        var out = try t.bind(ctx, lhs, g)
        if out.dtype != rhsAval.dtype { out = try Lax.convert(ctx, out, to: rhsAval.dtype) }
        return out
    }

    /// lax's `_conv_general_dilated_batch_rule`: a vmapped axis is folded into the batch or
    /// feature axis (with feature groups when both operands carry one) and taken out again.
    func batch(_ ctx: JaxContext, _ xs: [JaxValue], _ dims: [Int?]) throws(PyException) -> ([JaxValue], [Int?]) {
        let (lhs, rhs) = (xs[0], xs[1])
        let d = dimensions
        var p = self
        switch (dims[0], dims[1]) {
        case (nil, nil):
            return ([try bind(ctx, lhs, rhs)], [nil])
        case (let ld?, let rd?):
            let size = lhs.shape[ld]
            let newLHS: JaxValue
            if batchGroups > 1 {
                newLHS = try ConvParams.reshapeAxisInto(ctx, ld, d.lhsSpec[0], lhs)
                p.batchGroups *= size
            } else {
                newLHS = try ConvParams.reshapeAxisInto(ctx, ld, d.lhsSpec[1], lhs)
                p.featureGroups *= size
            }
            let newRHS = try ConvParams.reshapeAxisInto(ctx, rd, d.rhsSpec[0], rhs)
            let out = try p.bind(ctx, newLHS, newRHS)
            return ([try ConvParams.reshapeAxisOutOf(ctx, d.outSpec[1], size, out)], [d.outSpec[1]])
        case (let ld?, nil):
            var newLHS: JaxValue
            if batchGroups == 1 {
                newLHS = try ConvParams.reshapeAxisInto(ctx, ld, d.lhsSpec[0], lhs)
            } else {
                newLHS = try ConvParams.reshapeAxisOutOf(ctx, d.lhsSpec[0] + (ld <= d.lhsSpec[0] ? 1 : 0), batchGroups, lhs)
                newLHS = try ConvParams.reshapeAxisInto(ctx, ld + (d.lhsSpec[0] < ld ? 1 : 0), d.lhsSpec[0] + 1, newLHS)
                newLHS = try ConvParams.reshapeAxisInto(ctx, d.lhsSpec[0], d.lhsSpec[0], newLHS)
            }
            let out = try bind(ctx, newLHS, rhs)
            return ([try ConvParams.reshapeAxisOutOf(ctx, d.outSpec[0], lhs.shape[ld], out)], [d.outSpec[0]])
        case (nil, let rd?):
            if featureGroups == 1 && batchGroups == 1 {
                let out = try bind(ctx, lhs, try ConvParams.reshapeAxisInto(ctx, rd, d.rhsSpec[0], rhs))
                return ([try ConvParams.reshapeAxisOutOf(ctx, d.outSpec[1], rhs.shape[rd], out)], [d.outSpec[1]])
            }
            // the groups stay outermost in the kernel's output features, then the vmapped axis
            let groups = featureGroups > 1 ? featureGroups : batchGroups
            var newRHS = try ConvParams.reshapeAxisOutOf(ctx, d.rhsSpec[0] + (rd <= d.rhsSpec[0] ? 1 : 0), groups, rhs)
            newRHS = try ConvParams.reshapeAxisInto(ctx, rd + (d.rhsSpec[0] < rd ? 1 : 0), d.rhsSpec[0] + 1, newRHS)
            newRHS = try ConvParams.reshapeAxisInto(ctx, d.rhsSpec[0], d.rhsSpec[0], newRHS)
            var out = try bind(ctx, lhs, newRHS)
            out = try ConvParams.reshapeAxisOutOf(ctx, d.outSpec[1], groups, out)
            out = try ConvParams.reshapeAxisOutOf(ctx, d.outSpec[1] + 1, rhs.shape[rd], out)
            return ([try ConvParams.reshapeAxisInto(ctx, d.outSpec[1], d.outSpec[1] + 1, out)], [d.outSpec[1]])
        }
    }

    /// lax's `_reshape_axis_into`: axis `src` merged into axis `dst` (numbered after `src` is
    /// removed), as its major part.
    static func reshapeAxisInto(_ ctx: JaxContext, _ src: Int, _ dst: Int, _ x: JaxValue) throws(PyException) -> JaxValue {
        var perm = (0..<x.rank).filter { $0 != src }
        guard src < x.rank, dst < perm.count else { throw PyException.valueError("conv_general_dilated: axis out of range while batching") }
        perm.insert(src, at: dst)
        var shape = x.shape
        shape.remove(at: src)
        shape[dst] *= x.shape[src]
        return try Lax.reshape(ctx, x, shape, dimensions: perm)
    }

    /// lax's `_reshape_axis_out_of`: axis `src` split into `size` and the rest.
    static func reshapeAxisOutOf(_ ctx: JaxContext, _ src: Int, _ size: Int, _ x: JaxValue) throws(PyException) -> JaxValue {
        guard src < x.rank, size > 0 else { throw PyException.valueError("conv_general_dilated: axis out of range while batching") }
        var shape = x.shape
        shape.replaceSubrange(src...src, with: [size, x.shape[src] / size])
        return try Lax.reshape(ctx, x, shape)
    }
}
