/// One entry of a Python subscript `x[...]`: an int, a slice, `None`, `...`, or an integer or
/// boolean array (NumPy's basic and advanced indexing).
public enum IndexItem: Sendable {
    case int(Int)
    case slice(start: Int?, stop: Int?, step: Int?)
    case newAxis
    case ellipsis
    case array(JaxArray)
}

/// What happens to an index outside its axis: JAX clamps reads and drops writes, NumPy raises.
enum OutOfBounds {
    case clamp, drop, raise
}

/// A subscript resolved against a shape: the result shape and, per result element, the flat
/// source index (-1 where an out-of-bounds write is to be dropped).
struct ResolvedIndex {
    let shape: [Int]
    let indices: [Int]

    /// Resolves `items` against `shape` following NumPy's rules, including the placement of
    /// the broadcast advanced-index dimensions (in place when the advanced indices are adjacent,
    /// first otherwise).
    init(_ items: [IndexItem], shape: [Int], bounds: OutOfBounds, semantics: ArraySemantics) throws(PyException) {
        let rank = shape.count
        let strides = Shape.strides(shape)
        // bool arrays become one integer array per masked dimension
        var expanded: [IndexItem] = []
        var boolScalars: [Int: Bool] = [:]
        var consumed = 0
        var ellipses = 0
        for item in items {
            switch item {
            case .ellipsis:
                ellipses += 1
                expanded.append(item)
            case .newAxis:
                expanded.append(item)
            case .int, .slice:
                consumed += 1
                expanded.append(item)
            case .array(let a):
                if a.dtype == .bool {
                    if a.rank == 0 {
                        boolScalars[expanded.count] = a.storage.int64(at: 0) != 0
                        expanded.append(.newAxis)
                        continue
                    }
                    let masked = Array(shape.dropFirst(consumed).prefix(a.rank))
                    if masked != a.shape {
                        if semantics == .jax {
                            throw PyException.indexError(
                                "boolean index did not match shape of indexed array in index \(consumed): got \(Shape.describe(a.shape)), expected [\(masked.map(String.init).joined(separator: ", "))]")
                        }
                        let axis = masked.count < a.rank ? masked.count : (0..<a.rank).first { masked[$0] != a.shape[$0] } ?? 0
                        let size = axis < masked.count ? masked[axis] : 0
                        throw PyException.indexError(
                            "boolean index did not match indexed array along axis \(consumed + axis); size of axis is \(size) but size of corresponding boolean axis is \(a.shape[axis])")
                    }
                    expanded.append(contentsOf: ResolvedIndex.nonzero(a))
                    consumed += a.rank
                } else if a.dtype.isInteger {
                    consumed += 1
                    expanded.append(item)
                } else {
                    if semantics == .jax {
                        throw PyException.typeError("Indexer must have integer or boolean type, got indexer with type \(a.dtype.name)")
                    }
                    throw PyException.indexError("arrays used as indices must be of integer (or boolean) type")
                }
            }
        }
        if ellipses > 1 { throw PyException.indexError("an index can only have a single ellipsis ('...')") }
        if consumed > rank {
            throw PyException.indexError(semantics == .jax
                ? "Too many indices: array is \(rank)-dimensional, but \(consumed) were indexed"
                : "too many indices for array: array is \(rank)-dimensional, but \(consumed) were indexed")
        }
        if let e = expanded.firstIndex(where: { if case .ellipsis = $0 { return true } else { return false } }) {
            expanded.replaceSubrange(e...e, with: [IndexItem](repeating: .slice(start: nil, stop: nil, step: nil), count: rank - consumed))
        } else {
            expanded.append(contentsOf: [IndexItem](repeating: .slice(start: nil, stop: nil, step: nil), count: rank - consumed))
        }
        let hasArrays = expanded.contains { if case .array = $0 { return true } else { return false } }

        // advanced indices: broadcast together; ints join them when any array is present
        var advancedPositions: [Int] = []
        var advancedArrays: [(axis: Int, array: JaxArray)] = []
        var axis = 0
        for (p, item) in expanded.enumerated() {
            switch item {
            case .array(let a):
                advancedPositions.append(p)
                advancedArrays.append((axis, a))
                axis += 1
            case .int(let i):
                if hasArrays {
                    advancedPositions.append(p)
                    advancedArrays.append((axis, JaxArray(shape: [], storage: .int64([Int64(i)]))))
                }
                axis += 1
            case .slice:
                axis += 1
            case .newAxis, .ellipsis:
                break
            }
        }
        var broadcastShape: [Int] = []
        var advancedTable: [Int] = []
        if hasArrays {
            broadcastShape = try ResolvedIndex.broadcastIndexShapes(advancedArrays.map(\.array.shape), semantics: semantics)
            let count = AxisRules.product(broadcastShape)
            advancedTable = [Int](repeating: 0, count: count)
            for (ax, array) in advancedArrays {
                let pattern = ResolvedIndex.broadcastPattern(array.shape, to: broadcastShape)
                for b in 0..<count where advancedTable[b] >= 0 {
                    let raw = Int(truncatingIfNeeded: array.storage.int64(at: pattern[b]))
                    if let position = try ResolvedIndex.position(raw, size: shape[ax], axis: ax, bounds: bounds) {
                        advancedTable[b] += position * strides[ax]
                    } else {
                        advancedTable[b] = -1
                    }
                }
            }
        }
        let adjacent = advancedPositions.isEmpty
            || advancedPositions.last.map { $0 - advancedPositions[0] + 1 == advancedPositions.count } ?? true

        // one offset table per result dimension group
        var tables: [[Int]] = []
        var outShape: [Int] = []
        var fixedOffset = 0
        var dropped = false
        var placedAdvanced = false
        // slice tables are filled only when the result is nonempty: an empty result along one axis
        // must not build a table for a huge sliced axis
        var pendingSlices: [(table: Int, first: Int, step: Int, count: Int, stride: Int)] = []
        if hasArrays && !adjacent {
            tables.append(advancedTable)
            outShape.append(contentsOf: broadcastShape)
            placedAdvanced = true
        }
        axis = 0
        for (p, item) in expanded.enumerated() {
            switch item {
            case .int(let i):
                if !hasArrays {
                    if let position = try ResolvedIndex.position(i, size: shape[axis], axis: axis, bounds: bounds) {
                        fixedOffset += position * strides[axis]
                    } else {
                        dropped = true
                    }
                } else if !placedAdvanced {
                    tables.append(advancedTable)
                    outShape.append(contentsOf: broadcastShape)
                    placedAdvanced = true
                }
                axis += 1
            case .array:
                if !placedAdvanced {
                    tables.append(advancedTable)
                    outShape.append(contentsOf: broadcastShape)
                    placedAdvanced = true
                }
                axis += 1
            case .slice(let start, let stop, let step):
                let (first, stepValue, count) = try ResolvedIndex.sliceIndices(start, stop, step, size: shape[axis])
                pendingSlices.append((tables.count, first, stepValue, count, strides[axis]))
                tables.append([])
                outShape.append(count)
                axis += 1
            case .newAxis:
                let keep = boolScalars[p] ?? true
                tables.append(keep ? [0] : [])
                outShape.append(keep ? 1 : 0)
            case .ellipsis:
                break
            }
        }
        self.shape = outShape
        if !outShape.contains(0) {
            for slice in pendingSlices {
                tables[slice.table] = (0..<slice.count).map { (slice.first + $0 * slice.step) * slice.stride }
            }
        }
        if dropped {
            indices = [Int](repeating: -1, count: AxisRules.product(outShape))
        } else {
            indices = ResolvedIndex.sumOfTables(tables, offset: fixedOffset)
        }
    }

    /// Every sum `offset + t0[i0] + t1[i1] + ...` in row-major order; -1 entries stay -1.
    static func sumOfTables(_ tables: [[Int]], offset: Int) -> [Int] {
        var result = [offset]
        for table in tables {
            var next: [Int] = []
            next.reserveCapacity(result.count * table.count)
            for base in result {
                for t in table { next.append(base < 0 || t < 0 ? -1 : base + t) }
            }
            result = next
        }
        return result
    }

    /// A Python index within an axis of `size`: negatives count from the end; out of range it is
    /// clamped, dropped (nil) or refused with NumPy's IndexError.
    static func position(_ raw: Int, size: Int, axis: Int, bounds: OutOfBounds) throws(PyException) -> Int? {
        let resolved = raw < 0 ? raw &+ size : raw
        if resolved >= 0 && resolved < size { return resolved }
        switch bounds {
        case .clamp: return size == 0 ? nil : min(max(resolved, 0), size - 1)
        case .drop: return nil
        case .raise: throw PyException.indexError("index \(raw) is out of bounds for axis \(axis) with size \(size)")
        }
    }

    /// Python's `slice(start, stop, step).indices(size)`: the first index, the step and the count.
    static func sliceIndices(_ start: Int?, _ stop: Int?, _ step: Int?, size: Int) throws(PyException) -> (Int, Int, Int) {
        // a step of Int.min behaves as -Int.max on any real axis and cannot overflow when negated
        let step = max(step ?? 1, -Int.max)
        if step == 0 { throw PyException.valueError("slice step cannot be zero") }
        let (first, last) = Shape.sliceBounds(start, stop, step: step, size: size)
        let count: Int
        if step > 0 {
            count = first < last ? (last - first - 1) / step + 1 : 0
        } else {
            count = first > last ? (first - last - 1) / (-step) + 1 : 0
        }
        return (first, step, count)
    }

    /// The integer index arrays a boolean mask stands for (NumPy's `nonzero`).
    static func nonzero(_ mask: JaxArray) -> [IndexItem] {
        let strides = Shape.strides(mask.shape)
        var coordinates = [[Int64]](repeating: [], count: mask.rank)
        for flat in 0..<mask.count where mask.storage.int64(at: flat) != 0 {
            var rest = flat
            for d in 0..<mask.rank {
                coordinates[d].append(Int64(rest / strides[d]))
                rest %= strides[d]
            }
        }
        return coordinates.map { .array(JaxArray(shape: [$0.count], storage: .int64($0))) }
    }

    /// The NumPy broadcast of the index arrays' shapes, with JAX's or NumPy's error.
    static func broadcastIndexShapes(_ shapes: [[Int]], semantics: ArraySemantics) throws(PyException) -> [Int] {
        let rank = shapes.map(\.count).max() ?? 0
        var result = [Int](repeating: 1, count: rank)
        for shape in shapes {
            for (i, dim) in shape.enumerated() {
                let r = rank - shape.count + i
                if result[r] == 1 {
                    result[r] = dim
                } else if dim != 1 && dim != result[r] {
                    if semantics == .jax {
                        throw PyException.valueError(
                            "Incompatible shapes for broadcasting: shapes=[\(shapes.map(Shape.describe).joined(separator: ", "))]")
                    }
                    throw PyException.indexError(
                        "shape mismatch: indexing arrays could not be broadcast together with shapes \(shapes.map { Shape.describe($0) + " " }.joined())")
                }
            }
        }
        return result
    }

    /// For each element of `target`, the flat index of the element of `shape` broadcast onto it.
    static func broadcastPattern(_ shape: [Int], to target: [Int]) -> [Int] {
        let strides = Shape.strides(shape)
        let offset = target.count - shape.count
        let aligned = (0..<target.count).map { d -> Int in
            let s = d - offset
            return s < 0 || shape[s] == 1 ? 0 : strides[s]
        }
        return Kernels.stridedIndices(shape: target, strides: aligned, offset: 0)
    }
}

extension Kernels {
    /// `x[index]` with NumPy's full indexing; `.jax` clamps out-of-bounds reads, `.numpy`
    /// raises IndexError with NumPy's message.
    public static func getItem(_ a: JaxArray, _ index: [IndexItem], semantics: ArraySemantics) throws(PyException) -> JaxArray {
        let resolved = try ResolvedIndex(index, shape: a.shape, bounds: semantics == .jax ? .clamp : .raise, semantics: semantics)
        _ = try Shape.checkedCount(resolved.shape, itemSize: a.dtype.itemSize)
        if resolved.indices.contains(where: { $0 < 0 }) {
            // only an empty axis can leave nothing to clamp to
            throw PyException.indexError("index is out of bounds for an axis of size 0")
        }
        return JaxArray(shape: resolved.shape, storage: a.storage.gathered(resolved.indices), weakType: a.weakType)
    }
}
