/// The geometry of one `conv_general_dilated`: operand shapes, where each operand keeps its
/// batch, feature and spatial axes, strides, padding, dilations and groups, as lax states them.
struct ConvGeometry {
    var lhsShape: [Int], rhsShape: [Int]
    var dimensions: ConvDimensions
    var strides: [Int], padding: [(low: Int, high: Int)]
    var lhsDilation: [Int], rhsDilation: [Int]
    var featureGroups: Int, batchGroups: Int

    /// The result's shape in the output's own axis order, with lax's errors for operands and
    /// parameters that do not fit.
    func outputShape() throws(PyException) -> [Int] {
        let d = dimensions
        let rank = lhsShape.count
        guard rhsShape.count == rank else {
            throw PyException.valueError("conv_general_dilated lhs and rhs must have the same number of dimensions, but got \(Shape.describe(lhsShape)) and \(Shape.describe(rhsShape)).")
        }
        guard rank >= 2, d.lhsSpec.count == rank, d.rhsSpec.count == rank, d.outSpec.count == rank,
              [d.lhsSpec, d.rhsSpec, d.outSpec].allSatisfy({ Set($0) == Set(0..<rank) }) else {
            throw PyException.typeError("convolution dimension_numbers must each name every axis of operands of rank \(rank), got \(d)")
        }
        guard featureGroups > 0 else {
            throw PyException.valueError("conv_general_dilated feature_group_count must be a positive integer, got \(featureGroups).")
        }
        let lhsFeatures = lhsShape[d.lhsSpec[1]]
        guard lhsFeatures % featureGroups == 0 else {
            throw PyException.valueError("conv_general_dilated feature_group_count must divide lhs feature dimension size, but \(featureGroups) does not divide \(lhsFeatures).")
        }
        guard lhsFeatures / featureGroups == rhsShape[d.rhsSpec[1]] else {
            throw PyException.valueError("conv_general_dilated lhs feature dimension size divided by feature_group_count must equal the rhs input feature dimension size, but \(lhsFeatures) // \(featureGroups) != \(rhsShape[d.rhsSpec[1]]).")
        }
        let outFeatures = rhsShape[d.rhsSpec[0]]
        guard outFeatures % featureGroups == 0 else {
            throw PyException.valueError("conv_general_dilated rhs output feature dimension size must be a multiple of feature_group_count, but \(outFeatures) is not a multiple of \(featureGroups).")
        }
        guard batchGroups > 0 else {
            throw PyException.valueError("conv_general_dilated batch_group_count must be a positive integer, got \(batchGroups).")
        }
        let batch = lhsShape[d.lhsSpec[0]]
        if batchGroups > 1 && batch % batchGroups != 0 {
            throw PyException.valueError("conv_general_dilated batch_group_count must divide lhs batch dimension size, but \(batchGroups) does not divide \(batch).")
        }
        guard outFeatures % batchGroups == 0 else {
            throw PyException.valueError("conv_general_dilated rhs output feature dimension size must be a multiple of batch_group_count, but \(outFeatures) is not a multiple of \(batchGroups).")
        }
        if batchGroups > 1 && featureGroups > 1 {
            throw PyException.valueError("At most one of batch_group_count and feature_group_count may be > 1, got batch_group_count=\(batchGroups) and feature_group_count=\(featureGroups)")
        }
        let spatial = rank - 2
        guard strides.count == spatial else {
            throw PyException.valueError("conv_general_dilated window and window_strides must have the same number of dimensions, but got \(spatial) and \(strides.count)")
        }
        guard padding.count == spatial else {
            throw PyException.typeError("Wrong number of explicit pads for convolution: expected \(spatial), got \(padding.count).")
        }
        guard lhsDilation.count == spatial, rhsDilation.count == spatial else {
            throw PyException.valueError("conv_general_dilated lhs_dilation and rhs_dilation must have \(spatial) entries each")
        }
        for (name, values) in [("window_strides", strides), ("lhs_dilation", lhsDilation), ("rhs_dilation", rhsDilation)]
        where values.contains(where: { $0 < 1 }) {
            throw PyException.valueError("conv_general_dilated \(name) must be positive, got \(Shape.describe(values))")
        }
        var out = Array(repeating: 0, count: rank)
        out[d.outSpec[0]] = batchGroups > 1 ? batch / batchGroups : batch
        out[d.outSpec[1]] = outFeatures
        for s in 0..<spatial {
            let padded = try paddedInputSize(s)
            let window = try ConvGeometry.dilated(rhsShape[d.rhsSpec[s + 2]], rhsDilation[s])
            if padded < 0 {
                throw PyException.valueError("Negative padding is larger than the size of the corresponding dimension: got padding=\(padding.map { [$0.low, $0.high] }) for lhs_shape[2:]=\(Shape.describe((0..<spatial).map { lhsShape[d.lhsSpec[$0 + 2]] }))")
            }
            // lax's stride_dim: how many windows fit, never negative
            out[d.outSpec[s + 2]] = padded < window ? 0 : (padded - window) / strides[s] + 1
        }
        return out
    }

    /// The size of spatial axis `s` of the lhs once dilated and padded.
    func paddedInputSize(_ s: Int) throws(PyException) -> Int {
        let size = try ConvGeometry.dilated(lhsShape[dimensions.lhsSpec[s + 2]], lhsDilation[s])
        let (a, o1) = size.addingReportingOverflow(padding[s].low)
        let (b, o2) = a.addingReportingOverflow(padding[s].high)
        if o1 || o2 { throw PyException.valueError("conv_general_dilated padding is too large") }
        return b
    }

    /// lax's `dilate_dim`: `d` elements with `dilation - 1` holes between neighbours.
    static func dilated(_ d: Int, _ dilation: Int) throws(PyException) -> Int {
        if d == 0 { return 0 }
        let (m, overflow) = (d - 1).multipliedReportingOverflow(by: dilation)
        if overflow { throw PyException.valueError("conv_general_dilated dilation is too large") }
        return m + 1
    }
}

extension Kernels {
    /// `conv_general_dilated` on concrete operands of one dtype. Each output element sums its
    /// window in the order XLA's CPU convolution does, kernel positions outermost and input
    /// features innermost, one multiply-add at a time from zero; positions that fall in the
    /// padding or between dilated inputs are skipped, not added as zeros.
    static func convolution(_ lhs: JaxArray, _ rhs: JaxArray, _ g: ConvGeometry) throws(PyException) -> JaxArray {
        let outShape = try g.outputShape()
        let count = try Shape.checkedCount(outShape, itemSize: lhs.dtype.itemSize)
        let taps = ConvTaps(g, outShape: outShape)
        switch (lhs.storage, rhs.storage) {
        case (.float32(let a), .float32(let b)):
            return JaxArray(shape: outShape, storage: .float32(taps.sums(count, a, b, zero: Float(0)) { $0.addingProduct($1, $2) }))
        case (.float64(let a), .float64(let b)):
            return JaxArray(shape: outShape, storage: .float64(taps.sums(count, a, b, zero: 0.0) { $0.addingProduct($1, $2) }))
        default:
            if lhs.dtype.isFloating {
                // half-precision operands are widened to float32 for the sums, then rounded once
                let wide = try convolution(cast(lhs, to: .float32, semantics: .jax), cast(rhs, to: .float32, semantics: .jax), g)
                return cast(wide, to: lhs.dtype, semantics: .jax)
            }
            let a = (0..<lhs.count).map { lhs.storage.int64(at: $0) }, b = (0..<rhs.count).map { rhs.storage.int64(at: $0) }
            let sums = taps.sums(count, a, b, zero: Int64(0)) { $0 &+ $1 &* $2 }
            return cast(JaxArray(shape: outShape, storage: .int64(sums)), to: lhs.dtype, semantics: .jax)
        }
    }
}

/// Which lhs and rhs elements meet in each output element of a convolution, as flat offsets.
private struct ConvTaps {
    let g: ConvGeometry
    let outShape: [Int]

    init(_ g: ConvGeometry, outShape: [Int]) {
        self.g = g
        self.outShape = outShape
    }

    /// Every output element's sum, in row-major order of the output.
    func sums<T>(_ count: Int, _ a: [T], _ b: [T], zero: T, _ fma: (T, T, T) -> T) -> [T] {
        let d = g.dimensions, spatial = outShape.count - 2
        let lhsStrides = Shape.strides(g.lhsShape), rhsStrides = Shape.strides(g.rhsShape), outStrides = Shape.strides(outShape)
        let inFeatures = g.rhsShape[d.rhsSpec[1]], outFeatures = g.rhsShape[d.rhsSpec[0]]
        let perFeatureGroup = outFeatures / g.featureGroups, perBatchGroup = outFeatures / g.batchGroups
        let groupBatch = g.lhsShape[d.lhsSpec[0]] / g.batchGroups
        let window = (0..<spatial).map { g.rhsShape[d.rhsSpec[$0 + 2]] }
        let windowCount = Shape.product(window)
        var result = Array(repeating: zero, count: count)
        var position = Array(repeating: 0, count: outShape.count)
        for flat in 0..<count {
            var rest = flat
            for axis in 0..<outShape.count {
                position[axis] = rest / outStrides[axis]
                rest %= outStrides[axis]
            }
            let o = position[d.outSpec[1]]
            let batch = (g.batchGroups > 1 ? (o / perBatchGroup) * groupBatch : 0) + position[d.outSpec[0]]
            let firstFeature = (o / perFeatureGroup) * inFeatures
            var acc = zero
            var tap = Array(repeating: 0, count: spatial)
            for _ in 0..<windowCount {
                var lhsBase = batch * lhsStrides[d.lhsSpec[0]] + firstFeature * lhsStrides[d.lhsSpec[1]]
                var rhsBase = o * rhsStrides[d.rhsSpec[0]]
                var inside = true
                for s in 0..<spatial {
                    // the tap's place in the dilated, padded input; holes and padding add nothing
                    let q = position[d.outSpec[s + 2]] * g.strides[s] + tap[s] * g.rhsDilation[s] - g.padding[s].low
                    let size = g.lhsShape[d.lhsSpec[s + 2]]
                    if q < 0 || q % g.lhsDilation[s] != 0 || q / g.lhsDilation[s] >= size { inside = false; break }
                    lhsBase += (q / g.lhsDilation[s]) * lhsStrides[d.lhsSpec[s + 2]]
                    rhsBase += tap[s] * rhsStrides[d.rhsSpec[s + 2]]
                }
                if inside {
                    for i in 0..<inFeatures {
                        acc = fma(acc, a[lhsBase + i * lhsStrides[d.lhsSpec[1]]], b[rhsBase + i * rhsStrides[d.rhsSpec[1]]])
                    }
                }
                var s = spatial - 1
                while s >= 0 {
                    tap[s] += 1
                    if tap[s] < window[s] { break }
                    tap[s] = 0
                    s -= 1
                }
            }
            result[flat] = acc
        }
        return result
    }
}
