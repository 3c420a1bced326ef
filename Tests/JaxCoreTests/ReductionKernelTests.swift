import CElementwiseKernels
import XCTest
@testable import JaxCore

/// YNNPACK's float32 sums written out lane by lane in Swift (the scalar definition of the C
/// kernels in reduce.c; `xla-cpu-reductions.md` describes them).
enum YNNReference {
    /// The 16 lane totals of YNNPACK's `sum_float_k1` kernel: blocks of 64 folded into 16 lanes,
    /// groups of 256 accumulated, with a Kahan step every 1,024 elements.
    static func ynnK1Lanes(_ a: UnsafeBufferPointer<Float>) -> SIMD16<Float> {
        guard let base = a.baseAddress else { return .zero }
        let raw = UnsafeRawPointer(base)
        @inline(__always) func load(_ i: Int) -> SIMD16<Float> {
            raw.loadUnaligned(fromByteOffset: i &* 4, as: SIMD16<Float>.self)
        }
        @inline(__always) func local(_ p: Int) -> SIMD16<Float> {
            ((load(p) + load(p &+ 16)) + load(p &+ 32)) + load(p &+ 48)
        }
        let k = a.count
        var acc0 = SIMD16<Float>.zero
        var acc1 = SIMD16<Float>.zero
        var acc2 = SIMD16<Float>.zero
        var err = SIMD16<Float>.zero
        var clock = 0
        var pos = 0
        let groups = k / 256
        for g in 0..<groups {
            let p = g &* 256
            acc1 += ((local(p) + local(p &+ 64)) + local(p &+ 128)) + local(p &+ 192)
            clock &+= 64
            if clock % 256 == 0 {
                kahan(acc1, &acc2, &err)
                acc1 = .zero
            }
        }
        pos = groups * 256
        while k - pos >= 64 {
            acc1 += local(pos)
            pos += 64
        }
        if k - pos > 0 {
            // the zero-padded last block
            for q in 0..<4 {
                var row = SIMD16<Float>.zero
                for j in 0..<16 where pos + q * 16 + j < k { row[j] = a[pos + q * 16 + j] }
                acc0 = acc0 + row
            }
        }
        acc1 += acc0
        kahan(acc1, &acc2, &err)
        return acc2
    }

    /// One Kahan-compensated step adding `a` into `acc`, dropping a non-finite error term.
    @inline(__always)
    static func kahan<V: SIMD>(_ a: V, _ acc: inout V, _ err: inout V) where V.Scalar == Float {
        let y = a - err
        let t = acc + y
        let e = (t - acc) - y
        err = e.replacing(with: 0, where: .!((e - e) .== 0))
        acc = t
    }

    /// YNNPACK's horizontal add of 16 lanes: halves added pairwise down to one.
    static func hsum16(_ v: SIMD16<Float>) -> Float {
        let v8 = v.lowHalf + v.highHalf
        let v4 = v8.lowHalf + v8.highHalf
        let v2 = v4.lowHalf + v4.highHalf
        return v2[0] + v2[1]
    }

    /// One `sum_float_kn` call: groups of 4 rows, flushed every 16 rows, Kahan every 256.
    static func ynnKn(_ x: UnsafeBufferPointer<Float>, rows k: Int, cols n: Int) -> [Float] {
        var result = [Float](repeating: 0, count: n)
        guard let src = x.baseAddress, n > 0 else { return result }
        if k <= 4 {
            // one local block: 0 + ((row0 + row1) + row2) + row3
            result.withUnsafeMutableBufferPointer { out in
                guard let o = out.baseAddress else { return }
                for c in 0..<n { o[c] = src[c] }
                var r = 1
                while r < k {
                    let row = src + r * n
                    for c in 0..<n { o[c] += row[c] }
                    r += 1
                }
                for c in 0..<n { o[c] = 0 + o[c] }
            }
            return result
        }
        // acc0, acc1, acc2, err and the current 4-row sum, side by side in one buffer
        var scratch = [Float](repeating: 0, count: 5 * n)
        scratch.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let acc0 = base, acc1 = base + n, acc2 = base + 2 * n, err = base + 3 * n, local = base + 4 * n
            // acc0 += ((row0 + row1) + row2) + row3, reading rows in memory order
            func addLocal(_ start: Int, _ count: Int) {
                let first = src + start * n
                for c in 0..<n { local[c] = first[c] }
                var r = 1
                while r < count {
                    let row = src + (start + r) * n
                    for c in 0..<n { local[c] += row[c] }
                    r += 1
                }
                for c in 0..<n { acc0[c] += local[c] }
            }
            func kahanAll() {
                for c in 0..<n {
                    let y = acc1[c] - err[c]
                    let t = acc2[c] + y
                    let e = (t - acc2[c]) - y
                    err[c] = e.isFinite ? e : 0
                    acc2[c] = t
                    acc1[c] = 0
                }
            }
            var clock = 0
            var pos = 0
            while k - pos >= 4 {
                addLocal(pos, 4)
                pos += 4
                clock += 4
                if clock % 16 == 0 {
                    for c in 0..<n { acc1[c] += acc0[c]; acc0[c] = 0 }
                    if clock % 256 == 0 { kahanAll() }
                }
            }
            if k - pos > 0 { addLocal(pos, k - pos) }
            for c in 0..<n { acc1[c] += acc0[c] }
            kahanAll()
            result.withUnsafeMutableBufferPointer { out in
                for c in 0..<n { out[c] = acc2[c] }
            }
        }
        return result
    }
}

extension YNNReference {
    /// XLA's tree, written out: sequential from the identity up to 32 elements, else centred
    /// windows of 32 folded in order, then the window results reduced the same way.
    static func xlaTree<F: BinaryFloatingPoint>(_ x: [F], product: Bool) -> F {
        let n = x.count
        let identity: F = product ? 1 : 0
        if n == 0 { return identity }
        if n == 1 { return x[0] }
        if n <= 32 { return x.reduce(identity) { product ? $0 * $1 : $0 + $1 } }
        let windows = (n + 31) / 32
        let low = (windows * 32 - n) / 2
        let parts = (0..<windows).map { j -> F in
            x[max(0, j * 32 - low)..<min(n, j * 32 + 32 - low)].reduce(identity) { product ? $0 * $1 : $0 + $1 }
        }
        return xlaTree(parts, product: product)
    }
}

/// The C reduction kernels against their definitions, bit for bit, at every length class the
/// kernels branch on (tails, groups of 256, Kahan steps every 1,024, YNNPACK's 32,768 chunks).
final class ReductionKernelTests: XCTestCase {
    static let values = CPUPathTests.awkwardFloats(70_000, seed: 31).map { $0.isFinite ? $0 : 1.5 }

    func testK1SumsEqualTheDefinition() {
        // the kernels run as XLA runs them, with denormals flushed; so does the definition
        FloatEnvironment.value(flushingDenormals: true) {
            let lengths = Array(0...300) + [511, 512, 1023, 1024, 1025, 4095, 4096, 4097, 32767, 32768, 32769, 65_537]
            let mixed = Self.values + [.infinity, -.infinity, .nan, 1e38, 1e38, -0.0]
            for n in lengths {
                for data in [Self.values, mixed.reversed()] where data.count >= n {
                    let line = Array(data.prefix(n))
                    let expected = line.withUnsafeBufferPointer { YNNReference.hsum16(YNNReference.ynnK1Lanes($0)) }
                    let fast = jaxlab_ynn_k1_sum(line, n)
                    let portable = jaxlab_ynn_k1_sum_portable(line, n)
                    XCTAssertTrue(fast.bitPattern == expected.bitPattern || (fast.isNaN && expected.isNaN), "k1 n = \(n)")
                    // where NaNs meet, which one comes out is the compiler's choice (see DispatchPathTests)
                    XCTAssertTrue(fast.bitPattern == portable.bitPattern || (fast.isNaN && portable.isNaN), "k1 portable n = \(n)")
                }
            }
        }
    }

    func testKnColumnSumsEqualTheDefinition() {
        // the kernels run as XLA runs them, with denormals flushed; so does the definition
        FloatEnvironment.value(flushingDenormals: true) {
            for (rows, cols) in [(1, 5), (3, 7), (4, 1), (5, 3), (16, 9), (17, 33), (255, 4), (256, 6), (257, 2), (1030, 3)] {
                let block = Array(Self.values.prefix(rows * cols))
                let expected = block.withUnsafeBufferPointer { YNNReference.ynnKn($0, rows: rows, cols: cols) }
                var scratch = [Float](repeating: .nan, count: 5 * cols)
                var fast = [Float](repeating: .nan, count: cols), portable = fast
                jaxlab_ynn_kn_sum(block, rows, cols, cols, &fast, &scratch)
                jaxlab_ynn_kn_sum_portable(block, rows, cols, cols, &portable, &scratch)
                XCTAssertEqual(fast.map(\.bitPattern), expected.map(\.bitPattern), "kn \(rows)x\(cols)")
                XCTAssertEqual(portable.map(\.bitPattern), expected.map(\.bitPattern), "kn portable \(rows)x\(cols)")
            }
        }
    }

    /// Column sums large enough to run in bands of columns and blocks of rows across cores, and
    /// row sums handed out in groups, against the single-threaded definitions.
    func testLargeAxisSumsEqualTheDefinition() {
        // the kernels run as XLA runs them, with denormals flushed; so does the definition
        FloatEnvironment.value(flushingDenormals: true) {
            let values = (0..<3).flatMap { _ in Self.values }
            for (rows, cols) in [(300, 700), (1000, 201), (3, 70_000)] {
                let block = Array(values.prefix(rows * cols))
                let whole = block.withUnsafeBufferPointer { SumOrder.ynnKn($0, rows: rows, cols: cols) }
                XCTAssertEqual(whole.map(\.bitPattern), block.withUnsafeBufferPointer { YNNReference.ynnKn($0, rows: rows, cols: cols) }.map(\.bitPattern),
                               "kn \(rows)x\(cols)")
                let s1 = max(1, min(SumOrder.ynnChunk / min(cols, SumOrder.ynnChunk), rows))
                let partials = stride(from: 0, to: rows, by: s1).flatMap { r in
                    Array(block[(r * cols)..<(min(rows, r + s1) * cols)]).withUnsafeBufferPointer {
                        YNNReference.ynnKn($0, rows: min(s1, rows - r), cols: cols)
                    }
                }
                let expected = partials.withUnsafeBufferPointer { YNNReference.ynnKn($0, rows: partials.count / cols, cols: cols) }
                XCTAssertEqual(JaxSumOrder.sum(block, shape: [rows, cols], axes: [0]).map(\.bitPattern), expected.map(\.bitPattern),
                               "axis 0 of \(rows)x\(cols)")
                let rowSums = (0..<rows).map { r in
                    Array(block[(r * cols)..<((r + 1) * cols)]).withUnsafeBufferPointer { 0 + YNNReference.hsum16(YNNReference.ynnK1Lanes($0)) }
                }
                if cols <= SumOrder.ynnChunk {
                    XCTAssertEqual(JaxSumOrder.sum(block, shape: [rows, cols], axes: [1]).map(\.bitPattern), rowSums.map(\.bitPattern),
                                   "axis 1 of \(rows)x\(cols)")
                }
            }
        }
    }

    /// Integer sums and extremes of whole large arrays (folded in chunks across cores).
    func testLargeIntegerReductionsEqualTheFold() throws {
        let values: [Int32] = (0..<300_001).map { Int32(truncatingIfNeeded: $0 &* 2_654_435_761) }
        let x = JaxArray(shape: [values.count], storage: .int32(values))
        let expected: [(Kernels.ReduceOp, Int32)] = [
            (.sum, values.reduce(0, &+)), (.product, values.reduce(1, &*)), (.max, values.max() ?? 0), (.min, values.min() ?? 0),
        ]
        for (op, value) in expected {
            let got = try Kernels.reduce(op, x, axes: [0], semantics: .jax)
            guard case .int32(let v) = got.storage else { return XCTFail("\(op) gave \(got.dtype)") }
            XCTAssertEqual(v, [value], "\(op)")
        }
    }

    /// float32 and float64 max and min of long lines (vectorised, across cores) against the ordered scalar rule,
    /// including lines whose answer is a NaN or a signed zero.
    func testExtremesEqualTheOrderedRule() {
        var lines: [[Float]] = [Self.values, Self.values.map { -$0 }, Array(repeating: -0.0, count: 100_000)]
        var withNaN = Self.values
        withNaN[50_000] = .nan
        lines.append(withNaN)
        var zeros = [Float](repeating: -1, count: 200_000)
        zeros[7] = -0.0
        zeros[150_000] = 0
        lines.append(zeros)
        for line in lines {
            for max in [true, false] {
                let got = line.withUnsafeBufferPointer { FloatReduction.extreme($0, max: max, semantics: .jax) }
                let expected = line.reduce(max ? -Float.infinity : .infinity) {
                    max ? FloatReduction.jaxMax($0, $1) : FloatReduction.jaxMin($0, $1)
                }
                XCTAssertTrue(got.bitPattern == expected.bitPattern || (got.isNaN && expected.isNaN), "max \(max)")
                let wide = line.map(Double.init)
                let got64 = wide.withUnsafeBufferPointer { FloatReduction.extreme($0, max: max, semantics: .jax) }
                let expected64 = wide.reduce(max ? -Double.infinity : .infinity) {
                    max ? FloatReduction.jaxMax($0, $1) : FloatReduction.jaxMin($0, $1)
                }
                XCTAssertTrue(got64.bitPattern == expected64.bitPattern || (got64.isNaN && expected64.isNaN), "float64 max \(max)")
            }
        }
    }

    /// jnp.cumsum's blocked scan (C) against its definition (`CumulativeSum.blockedSums`,
    /// float64 steps rounded to float32), forward and reversed, at lengths around each level
    /// of the recursion.
    func testCumulativeSumsEqualTheBlockedDefinition() {
        for n in Array(0...70) + [255, 256, 257, 4095, 4096, 4097, 70_000] {
            let line = Array(Self.values.prefix(n))
            for reverse in [false, true] {
                var scratch = [Float](repeating: .nan, count: n / 7 + 64)
                var got = [Float](repeating: .nan, count: n)
                jaxlab_f32_cumsum(line, &got, n, reverse ? 1 : 0, &scratch)
                let expected = CumulativeSum.blockedSums(line.map(Double.init), reverse: reverse) { Double(Float($0)) }.map(Float.init)
                XCTAssertEqual(got.map(\.bitPattern), expected.map(\.bitPattern), "n = \(n) reverse \(reverse)")
            }
        }
    }

    /// XLA's window tree (sums and products, float32 and float64) against its definition, at
    /// lengths around the window size and its powers.
    func testWindowTreesEqualTheDefinition() {
        // the kernels run as XLA runs them, with denormals flushed; so does the definition
        FloatEnvironment.value(flushingDenormals: true) {
            for n in [0, 1, 2, 32, 33, 34, 63, 64, 65, 100, 257, 1000, 1023, 1025, 4095, 70_000] {
                let floats = Array(Self.values.prefix(n)).map { 1 + $0 * 1e-3 }
                let doubles = floats.map { Double($0) * 1.0000001 }
                for product in [false, true] {
                    let f = floats.withUnsafeBufferPointer { SumOrder.xlaTree($0, product: product) }
                    let d = doubles.withUnsafeBufferPointer { SumOrder.xlaTree($0, product: product) }
                    XCTAssertEqual(f.bitPattern, YNNReference.xlaTree(floats, product: product).bitPattern, "float n \(n) product \(product)")
                    XCTAssertEqual(d.bitPattern, YNNReference.xlaTree(doubles, product: product).bitPattern, "double n \(n) product \(product)")
                }
            }
        }
    }
}
