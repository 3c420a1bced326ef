/// The order of `jnp.sum` over any set of axes: XLA's windowed tree below 4,096 input
/// elements, YNNPACK's tiled kernels from 4,096 on (float32; float64 always takes XLA's tree).
enum JaxSumOrder {
    /// Sums `values` (row-major `shape`) over the sorted, distinct `axes`.
    static func sum(_ values: [Float], shape: [Int], axes: [Int]) -> [Float] {
        let (shape, axes) = dropUnitDimensions(shape, axes)
        if axes.isEmpty { return values }
        if values.count < SumOrder.ynnThreshold { return xlaTree(values, shape: shape, axes: axes) }
        return ynn(values, shape: shape, axes: axes)
    }

    /// The shape without its size-1 dimensions (XLA removes them first) and the axes renumbered.
    static func dropUnitDimensions(_ shape: [Int], _ axes: [Int]) -> ([Int], [Int]) {
        var newShape: [Int] = []
        var newAxes: [Int] = []
        for (d, dim) in shape.enumerated() where dim != 1 {
            if axes.contains(d) { newAxes.append(newShape.count) }
            newShape.append(dim)
        }
        return (newShape, newAxes)
    }

    // MARK: XLA

    /// XLA's tree reduction: while a reduced dimension exceeds 32, sum centred windows of up to
    /// 32 along every reduced dimension (each window in row-major order from +0), then reduce
    /// the window sums; once all are small, each output is a row-major sequential sum from +0.
    /// `jnp.prod` takes the same tree at every size (multiplying from 1).
    static func xlaTree<F: TreeFloat>(_ values: [F], shape: [Int], axes: [Int], product: Bool = false) -> [F] {
        let identity: F = product ? 1 : 0
        let (shape, axes) = dropUnitDimensions(shape, axes)
        if axes.isEmpty { return values }
        let rank = shape.count
        if axes == [rank - 1] {
            // only the last axis: every row is an independent 1-D tree
            let n = shape[rank - 1]
            return values.withUnsafeBufferPointer { src in
                (0..<(values.count / n)).map { SumOrder.xlaTree(UnsafeBufferPointer(rebasing: src[($0 * n)..<(($0 + 1) * n)]), product: product) }
            }
        }
        let strides = Shape.strides(shape)
        var window = [Int](repeating: 1, count: rank)
        var low = [Int](repeating: 0, count: rank)
        var outShape = shape
        var large = false
        for d in axes {
            let w = min(shape[d], 32)
            let m = (shape[d] + w - 1) / w
            window[d] = w
            low[d] = (m * w - shape[d]) / 2
            outShape[d] = m
            if shape[d] > 32 { large = true }
        }
        if !large {
            let kept = (0..<rank).filter { !axes.contains($0) }
            let order = kept + axes
            let perm = stridedIndices(order.map { shape[$0] }, order.map { strides[$0] })
            let length = AxisRules.product(axes.map { shape[$0] })
            var out: [F] = []
            var i = 0
            while i < perm.count {
                var s = identity
                for j in i..<(i + length) { s = product ? s * values[perm[j]] : s + values[perm[j]] }
                out.append(s)
                i += length
            }
            return out
        }
        let coordsOfWindow = coordinates(window)
        let outCoords = coordinates(outShape)
        var partial: [F] = []
        partial.reserveCapacity(outCoords.count)
        for o in outCoords {
            var s = identity
            for k in coordsOfWindow {
                var index = 0
                var inside = true
                for d in 0..<rank {
                    let p = o[d] * window[d] + k[d] - low[d]
                    if p < 0 || p >= shape[d] { inside = false; break }
                    index += p * strides[d]
                }
                if inside { s = product ? s * values[index] : s + values[index] }
            }
            partial.append(s)
        }
        return xlaTree(partial, shape: outShape, axes: axes, product: product)
    }

    /// Every index of `shape` in row-major order.
    static func coordinates(_ shape: [Int]) -> [[Int]] {
        let count = AxisRules.product(shape)
        if count == 0 { return [] }
        var result: [[Int]] = []
        result.reserveCapacity(count)
        var c = [Int](repeating: 0, count: shape.count)
        for _ in 0..<count {
            result.append(c)
            Shape.advance(&c, in: shape)
        }
        return result
    }

    private static func stridedIndices(_ shape: [Int], _ strides: [Int]) -> [Int] {
        Kernels.stridedIndices(shape: shape, strides: strides, offset: 0)
    }

    // MARK: YNNPACK

    /// YNNPACK's reduce, by where the reduced axes sit.
    static func ynn(_ values: [Float], shape: [Int], axes: [Int]) -> [Float] {
        let rank = shape.count
        let first = axes[0]
        let contiguous = axes.count == axes[axes.count - 1] - first + 1
        let strides = Shape.strides(shape)
        return values.withUnsafeBufferPointer { src -> [Float] in
            if contiguous && axes[axes.count - 1] == rank - 1 {
                // trailing block: each output is a full reduce of its block, independent of the others
                let sub = Array(shape[first...])
                let block = AxisRules.product(sub)
                let outputs = values.count / max(block, 1)
                if outputs == 1 { return [full(src, shape: sub)] }
                if block <= SumOrder.ynnChunk {
                    // each block is one tile: one k1 per output, rows handed out in groups
                    // so that a task is worth handing to a thread
                    let group = max(1, SumOrder.ynnChunk / max(block, 1))
                    let line = UncheckedSendable(src)
                    return BlockLoop.parallelMap(count: (outputs + group - 1) / group, elementsEach: group * block) { g in
                        (g * group..<min(outputs, (g + 1) * group)).map { o in
                            0 + SumOrder.k1(UnsafeBufferPointer(rebasing: line.value[(o * block)..<((o + 1) * block)]))
                        }
                    }.flatMap { $0 }
                }
                return BlockLoop.parallelMap(count: outputs, elementsEach: block) { o in
                    full(UnsafeBufferPointer(rebasing: src[(o * block)..<((o + 1) * block)]), shape: sub)
                }
            }
            if contiguous && first == 0 {
                let rows = AxisRules.product(shape[...axes[axes.count - 1]])
                return SumOrder.ynnAxis0(src, rows: rows, cols: values.count / rows)
            }
            let kept = (0..<rank).filter { !axes.contains($0) }
            if axes.contains(rank - 1) {
                // innermost reduced: the trailing reduced run is summed by k1 into each output,
                // once per index of the other reduced axes, in order
                var run = rank - 1
                while run > 0 && axes.contains(run - 1) { run -= 1 }
                let runLength = AxisRules.product(shape[run...])
                let outer = axes.filter { $0 < run }
                let order = kept + outer
                let starts = Kernels.stridedIndices(shape: order.map { shape[$0] }, strides: order.map { strides[$0] }, offset: 0)
                let perOutput = AxisRules.product(outer.map { shape[$0] })
                var out: [Float] = []
                var i = 0
                while i < starts.count {
                    var s: Float = 0
                    for j in i..<(i + perOutput) {
                        let line = UnsafeBufferPointer(rebasing: src[starts[j]..<(starts[j] + runLength)])
                        s = s + SumOrder.k1(line)
                    }
                    out.append(s)
                    i += perOutput
                }
                return out
            }
            let order = axes + kept
            let moved = Kernels.stridedIndices(shape: order.map { shape[$0] }, strides: order.map { strides[$0] }, offset: 0)
            let arranged = moved.map { src[$0] }
            let rows = AxisRules.product(axes.map { shape[$0] })
            return arranged.withUnsafeBufferPointer { SumOrder.ynnAxis0($0, rows: rows, cols: values.count / rows) }
        }
    }

    /// A full reduce of one block: tiles of YNNPACK's 32,768-element area handed out innermost
    /// dimension first, each tile summed by `k1`, then `k1` over the tile sums.
    static func full(_ block: UnsafeBufferPointer<Float>, shape: [Int]) -> Float {
        var tile = [Int](repeating: 1, count: shape.count)
        var remaining = SumOrder.ynnChunk
        for d in stride(from: shape.count - 1, through: 0, by: -1) {
            tile[d] = max(1, min(remaining, shape[d]))
            remaining = max(1, remaining / tile[d])
        }
        if tile == shape { return 0 + SumOrder.k1(block) }
        var partials: [Float] = []
        if tile.dropFirst() == shape.dropFirst() {
            // tiles of whole rows: contiguous chunks, summed independently across cores
            let chunk = AxisRules.product(tile)
            partials = BlockLoop.parallelMap(count: (block.count + chunk - 1) / chunk, elementsEach: chunk) { c in
                0 + SumOrder.k1(UnsafeBufferPointer(rebasing: block[(c * chunk)..<min(block.count, (c + 1) * chunk)]))
            }
        } else {
            let strides = Shape.strides(shape)
            let grid = (0..<shape.count).map { (shape[$0] + tile[$0] - 1) / tile[$0] }
            for g in coordinates(grid) {
                let start = (0..<shape.count).map { g[$0] * tile[$0] }
                let extent = (0..<shape.count).map { min(tile[$0], shape[$0] - start[$0]) }
                var offset = 0
                for d in 0..<shape.count { offset += start[d] * strides[d] }
                let picked = Kernels.stridedIndices(shape: extent, strides: strides, offset: offset).map { block[$0] }
                partials.append(picked.withUnsafeBufferPointer { 0 + SumOrder.k1($0) })
            }
        }
        return partials.withUnsafeBufferPointer { 0 + SumOrder.k1($0) }
    }
}
