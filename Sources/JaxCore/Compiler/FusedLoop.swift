import CElementwiseKernels
import Dispatch

/// A chain of float32 elementwise equations over one shape, optionally ending in a sum of the
/// whole array, run as one loop over cache-sized blocks: each block of every input is read
/// once, intermediate values live in block-sized buffers, and only the values used after the
/// loop are written out in full. Each step is the eager kernel's own block kernel (or the FMA
/// XLA contracts a product into), so the bits are those of the unfused equations; blocks
/// compute their own elements and the sum keeps YNNPACK's chunks, so splitting the work
/// across cores changes no bit.
struct FusedLoop {
    /// Where a step reads an operand.
    enum Operand: Equatable {
        /// A full-size array read from the environment (`inputs[i]`).
        case input(Int)
        /// A one-element value broadcast over the block (`scalars[i]`).
        case scalar(Int)
        /// A value the loop computed earlier.
        case slot(Int)
    }

    /// One step of the loop body on a block.
    enum Step {
        case unary(UnaryBlock<Float, Float>, Operand, out: Int)
        case binary(BinaryBlocks<Float, Float>, Operand, Operand, out: Int)
        /// `x / s` for a one-element `s`: the product with the rounded reciprocal, as XLA
        /// divides by a broadcast value.
        case reciprocalProduct(Operand, divisor: Int, out: Int)
        /// One rounding of `a * b + c` (`negate`: see `jaxlab_f32_fma`).
        case fma(Operand, Operand, Operand, negate: Int32, out: Int)
        case integerPow(Operand, Int, out: Int)
        /// A broadcast one-element value written into a slot.
        case fill(Int, out: Int)
    }

    /// The elements each block holds (16 KB of float32: a few buffers stay in L1/L2).
    static let blockSize = 4096

    let shape: [Int]
    var count: Int { AxisRules.product(shape) }
    /// Full-size float32 arrays the loop reads.
    var inputs: [Atom] = []
    /// One-element operands.
    var scalars: [Atom] = []
    var steps: [Step] = []
    var slotCount = 0
    /// The value of each slot.
    var produced: [Var] = []
    /// The slots that hold a broadcast one-element value (`fill`), with the value's scalar:
    /// binary steps read the scalar instead, so the fill runs only when its slot is read whole.
    var filled: [Int: Int] = [:]
    /// The values written out in full, by slot.
    var outputs: [(slot: Int, variable: Var)] = []
    /// The whole-array sum the loop ends with (YNNPACK's order), by slot.
    var sum: (slot: Int, variable: Var)?
    /// The optimised jaxpr's equations the loop runs (for `%explain`).
    var equations: [Int] = []
    /// The primitives of those equations, in order (for `%explain`).
    var names: [String] = []

    init(shape: [Int]) { self.shape = shape }

    /// The one-element operands a step reads through a pointer (splatted over a block).
    var splattedScalars: [Int] {
        var used: Set<Int> = []
        for step in steps {
            switch step {
            case .unary(_, .scalar(let i), _), .integerPow(.scalar(let i), _, _), .reciprocalProduct(.scalar(let i), _, _):
                used.insert(i)
            case .fma(let a, let b, let c, _, _):
                for case .scalar(let i) in [a, b, c] { used.insert(i) }
            default: break
            }
        }
        return used.sorted()
    }

    /// The bytes of full-size arrays the loop reads and writes.
    var traffic: (read: Int, written: Int) {
        (inputs.count * count * 4 + scalars.count * 4, outputs.count * count * 4 + (sum == nil ? 0 : 4))
    }

    /// Runs the loop on the values `read` gives, returning every output and the sum.
    func run(_ read: (Atom) throws(PyException) -> JaxArray, interrupt: InterruptFlag?) throws(PyException) -> [(Var, JaxArray)] {
        var inputArrays: [[Float]] = []
        for atom in inputs {
            guard case .float32(let v) = try read(atom).storage, v.count == count else {
                throw PyException("RuntimeError", "internal error: a fused loop's input is not a float32 array of its size")
            }
            inputArrays.append(v)
        }
        var scalarValues: [Float] = []
        for atom in scalars {
            guard case .float32(let v) = try read(atom).storage, v.count == 1 else {
                throw PyException("RuntimeError", "internal error: a fused loop's scalar operand is not one float32 value")
            }
            scalarValues.append(v[0])
        }
        // the reciprocal is rounded once, outside the loop, as XLA folds it
        let reciprocals = scalarValues.map { 1 / $0 }
        var total: Float = 0
        let arrays = FusedLoop.withPointers(inputArrays, []) { inputPointers in
            FusedLoop.allocating(outputs.count, count: count, []) { outputPointers in
                let frame = Frame(loop: self, inputs: inputPointers, outputs: outputPointers, scalars: scalarValues,
                                  reciprocals: reciprocals)
                if let sum {
                    total = frame.summing(sum.slot, interrupt: interrupt)
                } else {
                    frame.elementwise(interrupt: interrupt)
                }
            }
        }
        if interrupt?.consume() == true { throw PyException("KeyboardInterrupt", "") }
        var results: [(Var, JaxArray)] = []
        for ((_, v), values) in zip(outputs, arrays) {
            results.append((v, JaxArray(shape: v.aval.shape, storage: .float32(values), weakType: v.aval.weakType)))
        }
        if let sum {
            results.append((sum.variable, JaxArray(shape: sum.variable.aval.shape, storage: .float32([total]),
                                                   weakType: sum.variable.aval.weakType)))
        }
        return results
    }

    /// `body` with a base pointer for each array (kept alive and unmoved meanwhile).
    private static func withPointers<R>(_ arrays: [[Float]], _ pointers: [UnsafePointer<Float>],
                                        _ body: ([UnsafePointer<Float>]) -> R) -> R {
        guard let first = arrays.first else { return body(pointers) }
        return first.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return body(pointers) }
            return withPointers(Array(arrays.dropFirst()), pointers + [base], body)
        }
    }

    /// `remaining` new arrays of `count` elements that `body` fills through their pointers.
    private static func allocating(_ remaining: Int, count: Int, _ pointers: [UnsafeMutablePointer<Float>],
                                   _ body: ([UnsafeMutablePointer<Float>]) -> Void) -> [[Float]] {
        if remaining == 0 {
            body(pointers)
            return []
        }
        var rest: [[Float]] = []
        let first = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            LargeAllocation.advise(buffer)
            if let base = buffer.baseAddress {
                rest = allocating(remaining - 1, count: count, pointers + [base], body)
            }
            initialized = count
        }
        return [first] + rest
    }
}

/// One run of a fused loop: the addresses of its arrays, shared by the threads that run its
/// blocks, and where each step's block lives.
private struct Frame: @unchecked Sendable {
    /// Where a slot's block is written.
    enum Place {
        /// Into the materialised output `outputs[i]`.
        case output(Int)
        /// Into scratch block `i`.
        case buffer(Int)
    }

    let loop: FusedLoop
    let inputs: [UnsafePointer<Float>]
    let outputs: [UnsafeMutablePointer<Float>]
    let scalars: [Float]
    let reciprocals: [Float]
    /// The steps that run: a fill nothing reads as a block is left out (binary steps read its
    /// scalar).
    let steps: [FusedLoop.Step]
    /// The place of each slot.
    let places: [Place]
    /// The scratch blocks each thread needs.
    let bufferCount: Int

    /// The frame of `loop`'s run; a slot's scratch block is taken over by later values once
    /// its last reader has run (by that reader itself, in place, when it can), so a chain
    /// needs few blocks and they stay in the first-level cache.
    init(loop: FusedLoop, inputs: [UnsafePointer<Float>], outputs: [UnsafeMutablePointer<Float>], scalars: [Float],
         reciprocals: [Float]) {
        self.loop = loop
        self.inputs = inputs
        self.outputs = outputs
        self.scalars = scalars
        self.reciprocals = reciprocals
        var outputOf = [Int?](repeating: nil, count: loop.slotCount)
        for (i, o) in loop.outputs.enumerated() { outputOf[o.slot] = i }
        var read = Set(loop.outputs.map(\.slot) + [loop.sum?.slot].compactMap { $0 })
        for step in loop.steps { read.formUnion(step.slots) }
        steps = loop.steps.filter { if case .fill(_, let out) = $0 { return read.contains(out) } else { return true } }
        // the step that reads each slot last (the sum reads its slot after every step)
        var lastRead = [Int](repeating: -1, count: loop.slotCount)
        for (k, step) in steps.enumerated() { for s in step.slots { lastRead[s] = k } }
        if let sum = loop.sum { lastRead[sum.slot] = steps.count }
        var places = [Place](repeating: .buffer(0), count: loop.slotCount)
        var free: [Int] = []
        var bufferCount = 0
        for (k, step) in steps.enumerated() {
            for s in step.slots.sorted() where lastRead[s] == k {
                if outputOf[s] == nil, case .buffer(let b) = places[s] { free.append(b) }
            }
            let out = step.out
            if let o = outputOf[out] {
                places[out] = .output(o)
                continue
            }
            if let b = free.popLast() {
                places[out] = .buffer(b)
            } else {
                places[out] = .buffer(bufferCount)
                bufferCount += 1
            }
            if lastRead[out] < k, case .buffer(let b) = places[out] { free.append(b) }
        }
        self.places = places
        self.bufferCount = bufferCount
    }

    /// Every element, in pieces across cores (each piece in blocks, with its own buffers).
    func elementwise(interrupt: InterruptFlag?) {
        let n = loop.count
        let block = FusedLoop.blockSize
        let pieces = BlockLoop.processorCount > 1 && n >= 1 << 16 ? min(4 * BlockLoop.processorCount, (n + block - 1) / block) : 1
        let perPiece = ((n + pieces - 1) / pieces + block - 1) / block * block
        let work: @Sendable (Int) -> Void = { piece in
            let start = piece * perPiece
            guard start < n else { return }
            _ = self.blocks(start ..< min(n, start + perPiece), summing: nil, interrupt: interrupt)
        }
        if pieces == 1 {
            work(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: pieces) { work($0) }
        }
    }

    /// The elements, then the sum of `slot` as YNNPACK adds a whole array: chunk by chunk
    /// (the chunks across cores), then the chunks' sums.
    func summing(_ slot: Int, interrupt: InterruptFlag?) -> Float {
        let n = loop.count
        let chunk = FusedLoop.sumChunk(loop.shape)
        let chunks = (n + chunk - 1) / chunk
        let partials = BlockLoop.parallelMap(count: chunks, elementsEach: chunk) { c -> Float in
            let start = c * chunk
            return 0 + blocks(start ..< min(n, start + chunk), summing: slot, interrupt: interrupt)
        }
        if partials.count == 1 { return partials[0] }
        return partials.withUnsafeBufferPointer { 0 + SumOrder.k1($0) }
    }

    /// The steps over `range`, one block at a time, under XLA's FTZ/DAZ mode; with `sumSlot`,
    /// YNNPACK's k1 sum of that slot over the range, fed each block while it is in cache
    /// (blocks are whole groups of 256 from the range's start, so the sum's clock is the
    /// whole range's).
    private func blocks(_ range: Range<Int>, summing sumSlot: Int?, interrupt: InterruptFlag?) -> Float {
        let block = FusedLoop.blockSize
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: max(1, bufferCount) * block)
        defer { scratch.deallocate() }
        // one-element operands of kernels that only take arrays, splatted once
        let splatted = loop.splattedScalars
        let splat = UnsafeMutablePointer<Float>.allocate(capacity: max(1, splatted.count) * block)
        defer { splat.deallocate() }
        var splatIndex = [Int](repeating: 0, count: scalars.count)
        for (k, i) in splatted.enumerated() {
            splatIndex[i] = k
            (splat + k * block).initialize(repeating: scalars[i], count: block)
        }
        var state = jaxlab_k1_state()
        return FloatEnvironment.value(flushingDenormals: true) { () -> Float in
            var start = range.lowerBound
            while start < range.upperBound {
                if interrupt?.isRaised == true { return 0 }
                let count = min(block, range.upperBound - start)
                func slot(_ k: Int) -> UnsafeMutablePointer<Float> {
                    switch places[k] {
                    case .output(let o): return outputs[o] + start
                    case .buffer(let b): return scratch + b * block
                    }
                }
                func pointer(_ operand: FusedLoop.Operand) -> UnsafePointer<Float> {
                    switch operand {
                    case .input(let i): return inputs[i] + start
                    case .scalar(let i): return UnsafePointer(splat + splatIndex[i] * block)
                    case .slot(let k): return UnsafePointer(slot(k))
                    }
                }
                for step in steps {
                    switch step {
                    case .unary(let kernel, let x, let out):
                        kernel(pointer(x), slot(out), count)
                    case .binary(let kernel, .scalar(let s), let b, let out):
                        kernel.scalarLeft(scalars[s], pointer(b), slot(out), count)
                    case .binary(let kernel, let a, .scalar(let s), let out):
                        kernel.scalarRight(pointer(a), scalars[s], slot(out), count)
                    case .binary(let kernel, let a, let b, let out):
                        kernel.both(pointer(a), pointer(b), slot(out), count)
                    case .reciprocalProduct(let x, let divisor, let out):
                        jaxlab_f32_mul_vs(pointer(x), reciprocals[divisor], slot(out), count)
                    case .fma(let a, let b, let c, let negate, let out):
                        jaxlab_f32_fma(pointer(a), pointer(b), pointer(c), slot(out), count, negate)
                    case .fill(let s, let out):
                        slot(out).update(repeating: scalars[s], count: count)
                    case .integerPow(let x, let y, let out):
                        switch y {
                        case 2: jaxlab_f32_square(pointer(x), slot(out), count)
                        case 3: jaxlab_f32_cube(pointer(x), slot(out), count)
                        default: jaxlab_f32_integer_pow(pointer(x), slot(out), count, y)
                        }
                    }
                }
                if let sumSlot {
                    if start + count == range.upperBound { return jaxlab_ynn_k1_finish(&state, slot(sumSlot), count) }
                    jaxlab_ynn_k1_feed(&state, slot(sumSlot), count)
                }
                start += count
            }
            return 0
        }
    }
}

extension FusedLoop.Step {
    /// What the step reads.
    var operands: [FusedLoop.Operand] {
        switch self {
        case .unary(_, let x, _), .reciprocalProduct(let x, _, _), .integerPow(let x, _, _): [x]
        case .binary(_, let a, let b, _): [a, b]
        case .fma(let a, let b, let c, _, _): [a, b, c]
        case .fill: []
        }
    }

    /// The slots the step reads.
    var slots: Set<Int> {
        var slots: Set<Int> = []
        for case .slot(let k) in operands { slots.insert(k) }
        return slots
    }

    /// The slot the step writes.
    var out: Int {
        switch self {
        case .unary(_, _, let out), .binary(_, _, _, let out), .reciprocalProduct(_, _, let out), .fma(_, _, _, _, let out),
             .integerPow(_, _, let out), .fill(_, let out): out
        }
    }
}

extension FusedLoop {
    /// The chunk YNNPACK sums on its own when it reduces a whole array of `shape`: its tile
    /// (filled from the last axis up to 32,768 elements); nil when the tiles are not
    /// contiguous runs of whole rows.
    static func sumChunk(_ shape: [Int]) -> Int {
        let kept = shape.filter { $0 != 1 }
        var tile = [Int](repeating: 1, count: kept.count)
        var remaining = SumOrder.ynnChunk
        for d in stride(from: kept.count - 1, through: 0, by: -1) {
            tile[d] = max(1, min(remaining, kept[d]))
            remaining = max(1, remaining / tile[d])
        }
        return AxisRules.product(tile)
    }

    /// Whether a whole-array sum of `shape` is one of YNNPACK's contiguous-chunk sums.
    static func sumsInChunks(_ shape: [Int]) -> Bool {
        let kept = shape.filter { $0 != 1 }
        guard !kept.isEmpty else { return false }
        var tile = [Int](repeating: 1, count: kept.count)
        var remaining = SumOrder.ynnChunk
        for d in stride(from: kept.count - 1, through: 0, by: -1) {
            tile[d] = max(1, min(remaining, kept[d]))
            remaining = max(1, remaining / tile[d])
        }
        return tile == kept || Array(tile.dropFirst()) == Array(kept.dropFirst())
    }
}
