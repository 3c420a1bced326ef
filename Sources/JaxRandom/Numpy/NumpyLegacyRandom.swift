import CJaxRandomKernels
import JaxCore
#if canImport(Glibc)
import Glibc
#endif

/// NumPy's legacy global generator (`np.random.seed`, `rand`, `randn`, `normal`, ...): an
/// MT19937 state plus the cached second Gaussian of the polar method. A value the session
/// owns; every draw is a mutating call, giving NumPy's numbers bit for bit.
public struct NumpyLegacyRandom: Sendable, Equatable {
    public var generator: MT19937
    /// The second value of the last polar Box-Muller pair, returned by the next Gaussian draw.
    var cachedGauss: Double?

    /// `np.random.seed(n)`.
    public init(seed: UInt32) {
        generator = MT19937(seed: seed)
        cachedGauss = nil
    }

    /// A generator at a saved state (`np.random.set_state`).
    public init(generator: MT19937, cachedGauss: Double?) {
        self.generator = generator
        self.cachedGauss = cachedGauss
    }

    /// The Gaussian a polar pair left for the next draw (`get_state`'s has_gauss and gauss).
    public var pendingGauss: Double? { cachedGauss }

    /// `np.random.seed(array)`, also used with OS entropy for an unseeded generator.
    public init(seedArray: [UInt32]) {
        generator = MT19937(seedArray: seedArray)
        cachedGauss = nil
    }

    /// Checks a Python int seed as `np.random.seed` does.
    public static func checkedSeed(_ seed: Int64) throws(PyException) -> UInt32 {
        guard seed >= 0, seed <= Int64(UInt32.max) else {
            throw PyException.valueError("Seed must be between 0 and 2**32 - 1")
        }
        return UInt32(seed)
    }

    /// The element count of a `size=` shape (NumPy's error for negative dimensions).
    static func count(_ shape: [Int]) throws(PyException) -> Int {
        try Shape.checkedCount(shape, itemSize: 8)
    }

    // MARK: Floats

    /// `np.random.random_sample` / `random` / `rand`: doubles in [0, 1).
    public mutating func randomSample(shape: [Int]) throws(PyException) -> JaxArray {
        return JaxArray(shape: shape, storage: .float64(doubles(low: 0, range: 1, count: try Self.count(shape))))
    }

    /// One legacy Gaussian: the polar method, keeping the pair's second value for next time.
    public mutating func gauss() -> Double {
        if let cached = cachedGauss {
            cachedGauss = nil
            return cached
        }
        var x1 = 0.0
        var x2 = 0.0
        var r2 = 0.0
        repeat {
            x1 = 2.0 * generator.nextDouble() - 1.0
            x2 = 2.0 * generator.nextDouble() - 1.0
            r2 = x1 * x1 + x2 * x2
        } while r2 >= 1.0 || r2 == 0.0
        let f = (-2.0 * Glibc.log(r2) / r2).squareRoot()
        cachedGauss = f * x1
        return f * x2
    }

    /// `np.random.normal(loc, scale, size)` (`randn` and `standard_normal` are loc 0, scale 1).
    public mutating func normal(loc: Double = 0, scale: Double = 1, shape: [Int]) throws(PyException) -> JaxArray {
        guard !(scale < 0) else { throw PyException.valueError("scale < 0") }
        let n = try Self.count(shape)
        var values = [Double](repeating: 0, count: n)
        var cached = cachedGauss ?? 0
        var hasCached: Int32 = cachedGauss == nil ? 0 : 1
        var position = Int32(generator.position)
        values.withUnsafeMutableBufferPointer { out in
            generator.key.withUnsafeMutableBufferPointer { key in
                jaxrandom_legacy_gauss_fill(key.baseAddress, &position, &cached, &hasCached, loc, scale, n, out.baseAddress)
            }
        }
        generator.position = Int(position)
        cachedGauss = hasCached != 0 ? cached : nil
        return JaxArray(shape: shape, storage: .float64(values))
    }

    /// `np.random.uniform(low, high, size)`: `low + (high - low) * random_sample()`.
    public mutating func uniform(low: Double = 0, high: Double = 1, shape: [Int]) throws(PyException) -> JaxArray {
        let range = high - low
        guard range.isFinite else { throw PyException("OverflowError", "Range exceeds valid bounds") }
        return JaxArray(shape: shape, storage: .float64(doubles(low: low, range: range, count: try Self.count(shape))))
    }

    /// `count` draws of `low + range * random_sample()`, in C for speed.
    mutating func doubles(low: Double, range: Double, count: Int) -> [Double] {
        var values = [Double](repeating: 0, count: count)
        var position = Int32(generator.position)
        values.withUnsafeMutableBufferPointer { out in
            generator.key.withUnsafeMutableBufferPointer { key in
                jaxrandom_legacy_double_fill(key.baseAddress, &position, low, range, count, out.baseAddress)
            }
        }
        generator.position = Int(position)
        return values
    }

    // MARK: Integers

    /// `np.random.randint(low, high, size, dtype)` (`high` nil: draws from [0, low)), by the
    /// legacy masked rejection; 8- and 16-bit dtypes take their values from buffered 32-bit words.
    public mutating func randint(low: Int64, high: Int64? = nil, shape: [Int], dtype: DType = .int64) throws(PyException) -> JaxArray {
        guard dtype.isInteger || dtype == .bool else {
            throw PyException.typeError("Unsupported dtype \"\(dtype.name)\" for randint")
        }
        let (lo, hi): (Int64, Int64)
        if let high {
            (lo, hi) = (low, high)
            guard lo < hi else { throw PyException.valueError("low >= high") }
        } else {
            (lo, hi) = (0, low)
            guard hi > 0 else { throw PyException.valueError("high <= 0") }
        }
        let (typeMin, typeMax) = dtype.integerRange
        guard lo >= typeMin else { throw PyException.valueError("low is out of bounds for \(dtype.name)") }
        guard hi &- 1 <= typeMax else { throw PyException.valueError("high is out of bounds for \(dtype.name)") }
        let n = try Self.count(shape)
        let range = UInt64(bitPattern: hi &- 1 &- lo)
        let offset = UInt64(bitPattern: lo)
        let width = dtype == .bool ? 1 : dtype.itemSize * 8
        var values = [Int64](repeating: 0, count: n)
        var buffer: UInt32 = 0
        var buffered = 0
        let mask = Self.mask(range)
        for i in 0 ..< n {
            values[i] = Int64(bitPattern: offset &+ boundedValue(range, mask: mask, width: width, buffer: &buffer, buffered: &buffered))
        }
        return JaxArray(shape: shape, storage: NumpyArrays.integerStorage(values, dtype))
    }

    /// The smallest all-ones mask covering `range`.
    static func mask(_ range: UInt64) -> UInt64 {
        var mask = range
        for s: UInt64 in [1, 2, 4, 8, 16, 32] { mask |= mask >> s }
        return mask
    }

    /// One draw in [0, range] for an integer dtype of `width` bits.
    mutating func boundedValue(_ range: UInt64, mask: UInt64, width: Int, buffer: inout UInt32, buffered: inout Int) -> UInt64 {
        if range == 0 { return 0 }
        switch width {
        case 64 where range > 0xFFFF_FFFF:
            if range == .max { return generator.next64() }
            while true {
                let value = generator.next64() & mask
                if value <= range { return value }
            }
        case 32, 64:
            if range == 0xFFFF_FFFF { return UInt64(generator.next32()) }
            while true {
                let value = UInt64(generator.next32()) & mask
                if value <= range { return value }
            }
        default:
            // 8- and 16-bit values come from one 32-bit word, low bits first.
            let perWord = 32 / width
            while true {
                if buffered == 0 {
                    buffer = generator.next32()
                    buffered = perWord - 1
                } else {
                    buffer >>= UInt32(width)
                    buffered -= 1
                }
                let value = UInt64(buffer) & ((1 << UInt64(width)) - 1) & mask
                if range == (1 << UInt64(width)) - 1 || value <= range { return value }
            }
        }
    }

    // MARK: Permutations

    /// `np.random.shuffle(x)` of an array's first axis, returned as a new array (the Language
    /// stores it back into the array object).
    public mutating func shuffled(_ x: JaxArray) throws(PyException) -> JaxArray {
        guard let n = x.shape.first else {
            throw PyException.typeError("object of type 'numpy.ndarray' has no len()")
        }
        return NumpyArrays.take(x, shuffleOrder(n), axis: 0)
    }

    /// The order `shuffle` leaves `n` items in: Fisher-Yates from the end with `random_interval`.
    public mutating func shuffleOrder(_ n: Int) -> [Int] {
        var order = Array(0 ..< Swift.max(n, 0))
        var i = n - 1
        while i >= 1 {
            let j = Int(generator.interval(UInt64(i)))
            order.swapAt(i, j)
            i -= 1
        }
        return order
    }

    /// `np.random.permutation(n)`: a shuffled `arange(n)` (int64).
    public mutating func permutation(count n: Int) throws(PyException) -> JaxArray {
        let size = try Self.count([max(n, 0)])
        return try shuffled(JaxArray(shape: [size], storage: .int64((0 ..< Int64(size)).map { $0 })))
    }

    /// `np.random.choice(a, size, replace, p)` for `a` an int (`arange(a)`) or a 1-D array.
    public mutating func choice(_ a: NumpyPopulation, shape: [Int], replace: Bool = true, p: [Double]? = nil) throws(PyException) -> JaxArray {
        let population: Int
        switch a {
        case .count(let n): population = n
        case .array(let array):
            guard array.rank == 1 else { throw PyException.valueError("a must be 1-dimensional") }
            population = array.shape[0]
        }
        let draws = try Self.count(shape)
        if population <= 0 && draws != 0 {
            throw PyException.valueError("a must be greater than 0 unless no samples are taken")
        }
        if let p { try Self.checkProbabilities(p, population: population) }
        var indices: [Int]
        if draws == 0 {
            indices = []
        } else if replace {
            if let p {
                let cdf = Self.normalizedCumulative(p)
                indices = (0 ..< draws).map { _ in Self.searchRight(cdf, generator.nextDouble()) }
            } else {
                let drawn = try randint(low: 0, high: Int64(population), shape: [draws])
                indices = (0 ..< draws).map { Int(drawn.storage.int64(at: $0)) }
            }
        } else {
            guard draws <= population else {
                throw PyException.valueError("Cannot take a larger sample than population when 'replace=False'")
            }
            if var weights = p {
                guard weights.filter({ $0 > 0 }).count >= draws else {
                    throw PyException.valueError("Fewer non-zero entries in p than size")
                }
                indices = []
                while indices.count < draws {
                    let fresh = (0 ..< draws - indices.count).map { _ in generator.nextDouble() }
                    for found in indices { weights[found] = 0 }
                    let cdf = Self.normalizedCumulative(weights)
                    let picked = fresh.map { Self.searchRight(cdf, $0) }
                    // np.unique(return_index=True) keeps each value's first position; sorted by position.
                    var seen = Set<Int>()
                    for value in picked where !seen.contains(value) {
                        seen.insert(value)
                        indices.append(value)
                    }
                }
            } else {
                guard case .int64(let order) = try permutation(count: population).storage else { return JaxArray(shape: shape, storage: .int64([])) }
                indices = order.prefix(draws).map { Int($0) }
            }
        }
        switch a {
        case .count:
            return JaxArray(shape: shape, storage: .int64(indices.map { Int64($0) }))
        case .array(let array):
            return NumpyArrays.take(array, indices, axis: 0, indexShape: shape)
        }
    }

    /// NumPy's checks on `p`: same size, no NaN, non-negative, summing to 1 within sqrt(eps)
    /// (Kahan-summed).
    static func checkProbabilities(_ p: [Double], population: Int) throws(PyException) {
        guard p.count == population else { throw PyException.valueError("'a' and 'p' must have same size") }
        guard !p.contains(where: \.isNaN) else { throw PyException.valueError("probabilities contain NaN") }
        guard !p.contains(where: { $0 < 0 }) else { throw PyException.valueError("probabilities are not non-negative") }
        var sum = 0.0
        var compensation = 0.0
        for value in p {
            let y = value - compensation
            let t = sum + y
            compensation = (t - sum) - y
            sum = t
        }
        guard (sum - 1).magnitude <= Double.ulpOfOne.squareRoot() else {
            throw PyException.valueError("probabilities do not sum to 1")
        }
    }

    /// `cumsum(p) / cumsum(p)[-1]`, summed left to right.
    static func normalizedCumulative(_ p: [Double]) -> [Double] {
        var running = 0.0
        let cdf = p.map { running += $0; return running }
        guard let total = cdf.last else { return [] }
        return cdf.map { $0 / total }
    }

    /// `searchsorted(cdf, x, side='right')`: how many entries are <= x.
    static func searchRight(_ cdf: [Double], _ x: Double) -> Int {
        var low = 0
        var high = cdf.count
        while low < high {
            let mid = (low + high) / 2
            if cdf[mid] <= x { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
