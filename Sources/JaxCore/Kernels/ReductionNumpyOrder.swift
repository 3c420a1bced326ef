/// The order of NumPy's `sum` over any set of axes: pairwise summation over the trailing run
/// of reduced axes, and plain in-order accumulation across the other reduced axes.
enum NumpySumOrder {
    /// Sums `values` (row-major `shape`) over the sorted, distinct `axes`.
    static func sum<F: BinaryFloatingPoint & SIMDScalar>(_ values: [F], shape: [Int], axes: [Int]) -> [F] {
        // like NumPy's iterator, size-1 dimensions take no part in the order
        let (shape, axes) = JaxSumOrder.dropUnitDimensions(shape, axes)
        if axes.isEmpty { return values.map { 0 + $0 } }
        let rank = shape.count
        let strides = Shape.strides(shape)
        let kept = (0..<rank).filter { !axes.contains($0) }
        var run = rank
        while run > 0 && axes.contains(run - 1) { run -= 1 }
        let runLength = AxisRules.product(shape[run...])
        let outer = axes.filter { $0 < run }
        let outCount = AxisRules.product(kept.map { shape[$0] })
        if run == rank {
            // innermost axis kept: whole rows are added in order into the output
            var out = [F](repeating: 0, count: outCount)
            let keptStarts = Kernels.stridedIndices(shape: kept.map { shape[$0] }, strides: kept.map { strides[$0] }, offset: 0)
            let reducedStarts = Kernels.stridedIndices(shape: outer.map { shape[$0] }, strides: outer.map { strides[$0] }, offset: 0)
            values.withUnsafeBufferPointer { src in
                for r in reducedStarts {
                    for (o, k) in keptStarts.enumerated() { out[o] += src[r + k] }
                }
            }
            return out
        }
        let order = kept + outer
        let starts = Kernels.stridedIndices(shape: order.map { shape[$0] }, strides: order.map { strides[$0] }, offset: 0)
        let perOutput = AxisRules.product(outer.map { shape[$0] })
        var out: [F] = []
        out.reserveCapacity(outCount)
        values.withUnsafeBufferPointer { src in
            var i = 0
            while i < starts.count {
                var s: F = 0
                for j in i..<(i + perOutput) {
                    s += SumOrder.numpyPairwise(UnsafeBufferPointer(rebasing: src[starts[j]..<(starts[j] + runLength)]))
                }
                out.append(s)
                i += perOutput
            }
        }
        return out
    }
}
