import COpenBLAS

/// A float type LAPACK factorises: one set of entry points per precision (lapack.c).
protocol LAPACKFloat: BinaryFloatingPoint, Sendable {
    static func getrf(_ m: Int32, _ n: Int32, _ a: UnsafeMutablePointer<Self>, _ ipiv: UnsafeMutablePointer<Int32>) -> Int32
    static func potrf(_ n: Int32, _ a: UnsafeMutablePointer<Self>) -> Int32
    static func geqrf(_ m: Int32, _ n: Int32, _ a: UnsafeMutablePointer<Self>, _ tau: UnsafeMutablePointer<Self>) -> Int32
    static func orgqr(_ m: Int32, _ n: Int32, _ k: Int32, _ a: UnsafeMutablePointer<Self>, _ tau: UnsafePointer<Self>) -> Int32
    static func syevd(_ lower: Bool, _ n: Int32, _ a: UnsafeMutablePointer<Self>, _ w: UnsafeMutablePointer<Self>) -> Int32
    static func gesdd(_ job: CChar, _ m: Int32, _ n: Int32, _ a: UnsafeMutablePointer<Self>, _ s: UnsafeMutablePointer<Self>,
                      _ u: UnsafeMutablePointer<Self>, _ ldu: Int32, _ vt: UnsafeMutablePointer<Self>, _ ldvt: Int32) -> Int32
    static func trsm(_ left: Bool, _ lower: Bool, _ transpose: Bool, _ unit: Bool, _ m: Int32, _ n: Int32,
                     _ a: UnsafePointer<Self>, _ b: UnsafeMutablePointer<Self>) -> Int32
    static func storage(_ values: [Self]) -> Storage
    static func values(_ storage: Storage) -> [Self]?
}

extension Float: LAPACKFloat {
    static func getrf(_ m: Int32, _ n: Int32, _ a: UnsafeMutablePointer<Float>, _ ipiv: UnsafeMutablePointer<Int32>) -> Int32 { jaxlab_sgetrf(m, n, a, ipiv) }
    static func potrf(_ n: Int32, _ a: UnsafeMutablePointer<Float>) -> Int32 { jaxlab_spotrf(n, a) }
    static func geqrf(_ m: Int32, _ n: Int32, _ a: UnsafeMutablePointer<Float>, _ tau: UnsafeMutablePointer<Float>) -> Int32 { jaxlab_sgeqrf(m, n, a, tau) }
    static func orgqr(_ m: Int32, _ n: Int32, _ k: Int32, _ a: UnsafeMutablePointer<Float>, _ tau: UnsafePointer<Float>) -> Int32 {
        jaxlab_sorgqr(m, n, k, a, tau)
    }
    static func syevd(_ lower: Bool, _ n: Int32, _ a: UnsafeMutablePointer<Float>, _ w: UnsafeMutablePointer<Float>) -> Int32 {
        jaxlab_ssyevd(lower ? 1 : 0, n, a, w)
    }
    static func gesdd(_ job: CChar, _ m: Int32, _ n: Int32, _ a: UnsafeMutablePointer<Float>, _ s: UnsafeMutablePointer<Float>,
                      _ u: UnsafeMutablePointer<Float>, _ ldu: Int32, _ vt: UnsafeMutablePointer<Float>, _ ldvt: Int32) -> Int32 {
        jaxlab_sgesdd(job, m, n, a, s, u, ldu, vt, ldvt)
    }
    static func trsm(_ left: Bool, _ lower: Bool, _ transpose: Bool, _ unit: Bool, _ m: Int32, _ n: Int32,
                     _ a: UnsafePointer<Float>, _ b: UnsafeMutablePointer<Float>) -> Int32 {
        jaxlab_strsm(left ? 1 : 0, lower ? 1 : 0, transpose ? 1 : 0, unit ? 1 : 0, m, n, a, b)
    }
    static func storage(_ values: [Float]) -> Storage { .float32(values) }
    static func values(_ storage: Storage) -> [Float]? { if case .float32(let v) = storage { return v } else { return nil } }
}

extension Double: LAPACKFloat {
    static func getrf(_ m: Int32, _ n: Int32, _ a: UnsafeMutablePointer<Double>, _ ipiv: UnsafeMutablePointer<Int32>) -> Int32 { jaxlab_dgetrf(m, n, a, ipiv) }
    static func potrf(_ n: Int32, _ a: UnsafeMutablePointer<Double>) -> Int32 { jaxlab_dpotrf(n, a) }
    static func geqrf(_ m: Int32, _ n: Int32, _ a: UnsafeMutablePointer<Double>, _ tau: UnsafeMutablePointer<Double>) -> Int32 { jaxlab_dgeqrf(m, n, a, tau) }
    static func orgqr(_ m: Int32, _ n: Int32, _ k: Int32, _ a: UnsafeMutablePointer<Double>, _ tau: UnsafePointer<Double>) -> Int32 {
        jaxlab_dorgqr(m, n, k, a, tau)
    }
    static func syevd(_ lower: Bool, _ n: Int32, _ a: UnsafeMutablePointer<Double>, _ w: UnsafeMutablePointer<Double>) -> Int32 {
        jaxlab_dsyevd(lower ? 1 : 0, n, a, w)
    }
    static func gesdd(_ job: CChar, _ m: Int32, _ n: Int32, _ a: UnsafeMutablePointer<Double>, _ s: UnsafeMutablePointer<Double>,
                      _ u: UnsafeMutablePointer<Double>, _ ldu: Int32, _ vt: UnsafeMutablePointer<Double>, _ ldvt: Int32) -> Int32 {
        jaxlab_dgesdd(job, m, n, a, s, u, ldu, vt, ldvt)
    }
    static func trsm(_ left: Bool, _ lower: Bool, _ transpose: Bool, _ unit: Bool, _ m: Int32, _ n: Int32,
                     _ a: UnsafePointer<Double>, _ b: UnsafeMutablePointer<Double>) -> Int32 {
        jaxlab_dtrsm(left ? 1 : 0, lower ? 1 : 0, transpose ? 1 : 0, unit ? 1 : 0, m, n, a, b)
    }
    static func storage(_ values: [Double]) -> Storage { .float64(values) }
    static func values(_ storage: Storage) -> [Double]? { if case .float64(let v) = storage { return v } else { return nil } }
}

/// A column-major matrix, as LAPACK reads and writes it.
struct ColumnMajor<T: LAPACKFloat> {
    var rows: Int, columns: Int
    var values: [T]

    init(rows: Int, columns: Int, values: [T]) {
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// The matrix at `offset` of row-major `flat`.
    init(rowMajor flat: [T], offset: Int, rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
        values = [T](repeating: 0, count: rows * columns)
        for i in 0..<rows { for j in 0..<columns { values[j * rows + i] = flat[offset + i * columns + j] } }
    }

    /// Appends the top-left `rows` x `columns` block in row-major order.
    func appendRowMajor(to out: inout [T], rows r: Int? = nil, columns c: Int? = nil) {
        let r = r ?? rows, c = c ?? columns
        for i in 0..<r { for j in 0..<c { out.append(values[j * rows + i]) } }
    }
}

/// LAPACK's factorisations over the trailing two axes of each operand (every leading axis a
/// batch, looped over as jaxlib loops), with jaxlib's treatment of a failed factorisation
/// (NaNs in its place).
enum LinalgKernels {
    /// OpenBLAS must be there, and each matrix dimension must fit LAPACK's 32-bit integers.
    static func ready(_ shape: [Int]) throws(PyException) {
        try OpenBLAS.ready(shape.suffix(2).reduce(1, *))
    }

    static func failed(_ info: Int32, _ routine: String) throws(PyException) {
        if Int(info) == JAXLAB_LAPACK_MISSING { throw PyException("RuntimeError", "the OpenBLAS library found lacks LAPACK's \(routine)") }
        if Int(info) == JAXLAB_LAPACK_NO_MEMORY { throw PyException("MemoryError", "\(routine): no memory for LAPACK's workspace") }
    }

    static func values<T: LAPACKFloat>(_ x: JaxArray, as: T.Type) throws(PyException) -> [T] {
        guard let v = T.values(x.storage) else { throw PyException.typeError("LAPACK kernels take float32 or float64, got \(x.dtype.name)") }
        return v
    }

    /// Runs `body` for float32 or float64 operands.
    static func dispatch<R>(_ dtype: DType, _ name: String, float: () throws(PyException) -> R,
                            double: () throws(PyException) -> R) throws(PyException) -> R {
        switch dtype {
        case .float32: return try float()
        case .float64: return try double()
        // jaxlib's LAPACK table has no entry for the type
        default: throw PyException.notImplemented("(KeyError(<class 'numpy.\(dtype.name)'>), 'Unsupported dtype \(dtype.name).')")
        }
    }

    /// `lu`: the packed factors, LAPACK's pivots (0-based) and the row permutation they make.
    static func lu(_ x: JaxArray, interrupt: () throws(PyException) -> Void) throws(PyException) -> [JaxArray] {
        try ready(x.shape)
        return try dispatch(x.dtype, "lu", float: { () throws(PyException) in try lu(x, Float.self, interrupt) },
                            double: { () throws(PyException) in try lu(x, Double.self, interrupt) })
    }

    private static func lu<T: LAPACKFloat>(_ x: JaxArray, _: T.Type, _ interrupt: () throws(PyException) -> Void) throws(PyException) -> [JaxArray] {
        let m = x.shape[x.rank - 2], n = x.shape[x.rank - 1], k = Swift.min(m, n), batch = Shape.product(Array(x.shape.dropLast(2)))
        let flat = try values(x, as: T.self)
        var out: [T] = [], pivots: [Int32] = [], permutations: [Int32] = []
        out.reserveCapacity(flat.count)
        for b in 0..<batch {
            try interrupt()
            var a = ColumnMajor(rowMajor: flat, offset: b * m * n, rows: m, columns: n)
            var ipiv = [Int32](repeating: 0, count: Swift.max(k, 1))
            let info = k == 0 ? 0 : a.values.withBase { pa in ipiv.withBase { T.getrf(Int32(m), Int32(n), pa, $0) } }
            try failed(info, "getrf")
            if info < 0 { a.values = [T](repeating: .nan, count: a.values.count) }
            a.appendRowMajor(to: &out)
            let zeroBased = ipiv.prefix(k).map { $0 &- 1 }
            pivots += zeroBased
            permutations += permutation(zeroBased, size: m)
        }
        let lead = Array(x.shape.dropLast(2))
        return [JaxArray(shape: x.shape, storage: T.storage(out)), JaxArray(shape: lead + [k], storage: .int32(pivots)),
                JaxArray(shape: lead + [m], storage: .int32(permutations))]
    }

    /// lax's `lu_pivots_to_permutation`: the row swaps applied in order to 0..<size (a pivot
    /// out of range swaps nothing).
    static func permutation(_ pivots: [Int32], size: Int) -> [Int32] {
        var p = (0..<size).map { Int32($0) }
        for (i, pivot) in pivots.enumerated() where i < size && pivot >= 0 && Int(pivot) < size {
            p.swapAt(i, Int(pivot))
        }
        return p
    }

    /// `cholesky`: LAPACK's lower factor with zeros above the diagonal (where jaxlib leaves
    /// the operand's values, which every caller masks off, as the JVP's primal does); all NaN
    /// where the matrix is not positive definite.
    static func cholesky(_ x: JaxArray, interrupt: () throws(PyException) -> Void) throws(PyException) -> JaxArray {
        try ready(x.shape)
        return try dispatch(x.dtype, "cholesky", float: { () throws(PyException) in try cholesky(x, Float.self, interrupt) },
                            double: { () throws(PyException) in try cholesky(x, Double.self, interrupt) })
    }

    private static func cholesky<T: LAPACKFloat>(_ x: JaxArray, _: T.Type, _ interrupt: () throws(PyException) -> Void) throws(PyException) -> JaxArray {
        let n = x.shape[x.rank - 1], batch = Shape.product(Array(x.shape.dropLast(2)))
        let flat = try values(x, as: T.self)
        var out: [T] = []
        out.reserveCapacity(flat.count)
        for b in 0..<batch {
            try interrupt()
            var a = ColumnMajor(rowMajor: flat, offset: b * n * n, rows: n, columns: n)
            let info = n == 0 ? 0 : a.values.withBase { T.potrf(Int32(n), $0) }
            try failed(info, "potrf")
            if info != 0 {
                a.values = [T](repeating: .nan, count: a.values.count)
            } else {
                for j in 0..<n { for i in 0..<j { a.values[j * n + i] = 0 } }
            }
            a.appendRowMajor(to: &out)
        }
        return JaxArray(shape: x.shape, storage: T.storage(out))
    }

    /// `qr` without pivoting, as lax lowers it: geqrf, then orgqr on the reflectors (padded
    /// with zero columns for a complete Q of a tall matrix), R the upper triangle.
    static func qr(_ x: JaxArray, fullMatrices: Bool, interrupt: () throws(PyException) -> Void) throws(PyException) -> [JaxArray] {
        try ready(x.shape)
        return try dispatch(x.dtype, "qr", float: { () throws(PyException) in try qr(x, Float.self, fullMatrices, interrupt) },
                            double: { () throws(PyException) in try qr(x, Double.self, fullMatrices, interrupt) })
    }

    private static func qr<T: LAPACKFloat>(_ x: JaxArray, _: T.Type, _ fullMatrices: Bool,
                                           _ interrupt: () throws(PyException) -> Void) throws(PyException) -> [JaxArray] {
        let m = x.shape[x.rank - 2], n = x.shape[x.rank - 1], k = Swift.min(m, n), batch = Shape.product(Array(x.shape.dropLast(2)))
        let qColumns = fullMatrices ? m : k, rRows = fullMatrices ? m : k
        let flat = try values(x, as: T.self)
        var qs: [T] = [], rs: [T] = []
        for b in 0..<batch {
            try interrupt()
            var r = ColumnMajor(rowMajor: flat, offset: b * m * n, rows: m, columns: n)
            var taus = [T](repeating: 0, count: Swift.max(k, 1))
            var q = ColumnMajor<T>(rows: m, columns: qColumns, values: [T](repeating: 0, count: m * qColumns))
            if k > 0 {
                let info = r.values.withBase { pa in taus.withBase { pt in T.geqrf(Int32(m), Int32(n), pa, pt) } }
                try failed(info, "geqrf")
                // the reflectors fill Q's first columns; the rest start as zeros
                for j in 0..<Swift.min(n, qColumns) { for i in 0..<m { q.values[j * m + i] = r.values[j * m + i] } }
                let info2 = q.values.withBase { pq in taus.withBase { pt in T.orgqr(Int32(m), Int32(qColumns), Int32(k), pq, pt) } }
                try failed(info2, "orgqr")
            } else {
                for i in 0..<Swift.min(m, qColumns) { q.values[i * m + i] = 1 }
            }
            q.appendRowMajor(to: &qs)
            for i in 0..<rRows {
                for j in 0..<n { rs.append(i < m && j >= i ? r.values[j * m + i] : 0) }
            }
        }
        let lead = Array(x.shape.dropLast(2))
        return [JaxArray(shape: lead + [m, qColumns], storage: T.storage(qs)), JaxArray(shape: lead + [rRows, n], storage: T.storage(rs))]
    }

    /// `eigh`: syevd's eigenvectors (columns) and ascending eigenvalues; NaN where it failed.
    static func eigh(_ x: JaxArray, lower: Bool, interrupt: () throws(PyException) -> Void) throws(PyException) -> [JaxArray] {
        try ready(x.shape)
        return try dispatch(x.dtype, "eigh", float: { () throws(PyException) in try eigh(x, Float.self, lower, interrupt) },
                            double: { () throws(PyException) in try eigh(x, Double.self, lower, interrupt) })
    }

    private static func eigh<T: LAPACKFloat>(_ x: JaxArray, _: T.Type, _ lower: Bool,
                                             _ interrupt: () throws(PyException) -> Void) throws(PyException) -> [JaxArray] {
        let n = x.shape[x.rank - 1], batch = Shape.product(Array(x.shape.dropLast(2)))
        let flat = try values(x, as: T.self)
        var vs: [T] = [], ws: [T] = []
        for b in 0..<batch {
            try interrupt()
            var a = ColumnMajor(rowMajor: flat, offset: b * n * n, rows: n, columns: n)
            var w = [T](repeating: 0, count: Swift.max(n, 1))
            let info = n == 0 ? 0 : a.values.withBase { pa in w.withBase { pw in T.syevd(lower, Int32(n), pa, pw) } }
            try failed(info, "syevd")
            if info != 0 {
                a.values = [T](repeating: .nan, count: a.values.count)
                w = [T](repeating: .nan, count: w.count)
            }
            a.appendRowMajor(to: &vs)
            ws += w.prefix(n)
        }
        let lead = Array(x.shape.dropLast(2))
        return [JaxArray(shape: x.shape, storage: T.storage(vs)), JaxArray(shape: lead + [n], storage: T.storage(ws))]
    }

    /// `svd` by gesdd (job 'A', 'S' or 'N'): the singular values, then U and Vᵀ when asked.
    static func svd(_ x: JaxArray, fullMatrices: Bool, computeUV: Bool,
                    interrupt: () throws(PyException) -> Void) throws(PyException) -> [JaxArray] {
        try ready(x.shape)
        return try dispatch(x.dtype, "svd", float: { () throws(PyException) in try svd(x, Float.self, fullMatrices, computeUV, interrupt) },
                            double: { () throws(PyException) in try svd(x, Double.self, fullMatrices, computeUV, interrupt) })
    }

    private static func svd<T: LAPACKFloat>(_ x: JaxArray, _: T.Type, _ full: Bool, _ computeUV: Bool,
                                            _ interrupt: () throws(PyException) -> Void) throws(PyException) -> [JaxArray] {
        let m = x.shape[x.rank - 2], n = x.shape[x.rank - 1], k = Swift.min(m, n), batch = Shape.product(Array(x.shape.dropLast(2)))
        let uColumns = full ? m : k, vtRows = full ? n : k
        let job: CChar = computeUV ? (full ? 65 : 83) : 78  // 'A', 'S', 'N'
        let flat = try values(x, as: T.self)
        var ss: [T] = [], us: [T] = [], vts: [T] = []
        for b in 0..<batch {
            try interrupt()
            var a = ColumnMajor(rowMajor: flat, offset: b * m * n, rows: m, columns: n)
            var s = [T](repeating: 0, count: Swift.max(k, 1))
            var u = ColumnMajor<T>(rows: m, columns: uColumns, values: [T](repeating: 0, count: Swift.max(m * uColumns, 1)))
            var vt = ColumnMajor<T>(rows: vtRows, columns: n, values: [T](repeating: 0, count: Swift.max(vtRows * n, 1)))
            var info: Int32 = 0
            if k == 0 {
                // lax's empty SVD: identity singular vectors
                for i in 0..<Swift.min(m, uColumns) { u.values[i * m + i] = 1 }
                for i in 0..<Swift.min(vtRows, n) { vt.values[i * vtRows + i] = 1 }
            } else {
                info = a.values.withBase { pa in
                    s.withBase { ps in
                        u.values.withBase { pu in
                            vt.values.withBase { pv in
                                T.gesdd(job, Int32(m), Int32(n), pa, ps, pu, Int32(Swift.max(m, 1)), pv, Int32(Swift.max(vtRows, 1)))
                            }
                        }
                    }
                }
                try failed(info, "gesdd")
            }
            if info != 0 {
                s = [T](repeating: .nan, count: s.count)
                u.values = [T](repeating: .nan, count: u.values.count)
                vt.values = [T](repeating: .nan, count: vt.values.count)
            }
            ss += s.prefix(k)
            if computeUV {
                u.appendRowMajor(to: &us, rows: m, columns: uColumns)
                vt.appendRowMajor(to: &vts, rows: vtRows, columns: n)
            }
        }
        let lead = Array(x.shape.dropLast(2))
        let values = JaxArray(shape: lead + [k], storage: T.storage(ss))
        guard computeUV else { return [values] }
        return [values, JaxArray(shape: lead + [m, uColumns], storage: T.storage(us)),
                JaxArray(shape: lead + [vtRows, n], storage: T.storage(vts))]
    }

    /// `triangular_solve`: BLAS trsm of each `b` by the triangle of `a`.
    static func triangularSolve(_ a: JaxArray, _ b: JaxArray, leftSide: Bool, lower: Bool, transposeA: Bool, unitDiagonal: Bool,
                                interrupt: () throws(PyException) -> Void) throws(PyException) -> JaxArray {
        try ready(b.shape)
        return try dispatch(a.dtype, "triangular_solve", float: { () throws(PyException) in
            try triangularSolve(a, b, Float.self, leftSide, lower, transposeA, unitDiagonal, interrupt)
        }, double: { () throws(PyException) in
            try triangularSolve(a, b, Double.self, leftSide, lower, transposeA, unitDiagonal, interrupt)
        })
    }

    private static func triangularSolve<T: LAPACKFloat>(_ a: JaxArray, _ b: JaxArray, _: T.Type, _ left: Bool, _ lower: Bool, _ transpose: Bool,
                                                        _ unit: Bool, _ interrupt: () throws(PyException) -> Void) throws(PyException) -> JaxArray {
        let k = a.shape[a.rank - 1], m = b.shape[b.rank - 2], n = b.shape[b.rank - 1]
        let batch = Shape.product(Array(b.shape.dropLast(2)))
        let fa = try values(a, as: T.self), fb = try values(b, as: T.self)
        var out: [T] = []
        out.reserveCapacity(fb.count)
        for i in 0..<batch {
            try interrupt()
            let ma = ColumnMajor(rowMajor: fa, offset: i * k * k, rows: k, columns: k)
            var mb = ColumnMajor(rowMajor: fb, offset: i * m * n, rows: m, columns: n)
            if m > 0 && n > 0 {
                var av = ma.values
                let info = av.withBase { pa in mb.values.withBase { pb in T.trsm(left, lower, transpose, unit, Int32(m), Int32(n), pa, pb) } }
                try failed(info, "trsm")
            }
            mb.appendRowMajor(to: &out)
        }
        return JaxArray(shape: b.shape, storage: T.storage(out))
    }
}

extension Array {
    /// `body` on the first element's address; LAPACK's status 0 for an empty array (callers
    /// skip empty matrices before calling LAPACK).
    mutating func withBase(_ body: (UnsafeMutablePointer<Element>) -> Int32) -> Int32 {
        withUnsafeMutableBufferPointer { p in p.baseAddress.map(body) ?? 0 }
    }
}
