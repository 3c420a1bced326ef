/// `jnp.isin` (JAX's jitted `_in1d`, comparing every element with every test element) and the
/// set operations `union1d`, `intersect1d`, `setdiff1d`, which need concrete operands (their
/// result's size depends on the values) as JAX's do without `size`.
extension JNP {
    /// `isin(element, test_elements, invert)`: where each element occurs among the test
    /// elements (or does not, with `invert`), in the element's shape.
    public static func isin(_ ctx: JaxContext, _ element: JaxValue, _ tests: JaxValue, invert: Bool) throws(PyException) -> JaxValue {
        let found = try in1d(ctx, element, tests, invert: invert)
        return try reshape(ctx, found, element.shape)
    }

    /// `_in1d` with the compare-all method: an equality table reduced along the test axis.
    static func in1d(_ ctx: JaxContext, _ a: JaxValue, _ b: JaxValue, invert: Bool) throws(PyException) -> JaxValue {
        try jitted(ctx, name: "_in1d", [a, b], cacheKey: "\(invert)") { args throws(PyException) -> JaxValue in
            let pair = try promote(ctx, args)
            let x = try ravel(ctx, pair[0]), y = try ravel(ctx, pair[1])
            if x.aval.count == 0 || y.aval.count == 0 { return try Lax.full(ctx, x.shape, .bool(invert), dtype: .bool) }
            let all = JNPIndex.item(.slice(start: nil, stop: nil, step: nil)), new = JNPIndex.item(.newAxis)
            let column = try getItem(ctx, x, [all, new]), row = try getItem(ctx, y, [new, all])
            if invert { return try JNP.all(ctx, try notEqual(ctx, column, row), axes: [-1]) }
            return try any(ctx, try equal(ctx, column, row), axes: [-1])
        }
    }

    /// `union1d`: the sorted unique values of both arrays together.
    public static func union1d(_ ctx: JaxContext, _ a: JaxValue, _ b: JaxValue) throws(PyException) -> JaxValue {
        for v in [a, b] { _ = try Concrete.argument(v, "The error arose in union1d()") }
        return try uniqueValues(ctx, try concatenate(ctx, [try ravel(ctx, a), try ravel(ctx, b)]))
    }

    /// `intersect1d`: the sorted values found in both arrays.
    public static func intersect1d(_ ctx: JaxContext, _ a: JaxValue, _ b: JaxValue) throws(PyException) -> JaxValue {
        let pair = try promote(ctx, [a, b])
        let x = try uniqueValues(ctx, try ravel(ctx, pair[0])), y = try uniqueValues(ctx, try ravel(ctx, pair[1]))
        let sorted = try sort(ctx, try concatenate(ctx, [x, y]), axis: 0)
        guard let values = sorted.concrete else { throw PyException("RuntimeError", "intersect1d: the sort gave no concrete value") }
        // a value in both appears twice in a row
        var kept: [Int] = []
        let floating = values.dtype.isInexact
        for i in 0..<Swift.max(values.count - 1, 0) {
            let same = floating ? values.storage.double(at: i) == values.storage.double(at: i + 1)
                : values.storage.int64(at: i) == values.storage.int64(at: i + 1)
            if same { kept.append(i) }
        }
        return try take(ctx, sorted, indexArray(ctx, kept), axis: 0, mode: .fill, fillValue: nil)
    }

    /// `setdiff1d`: the sorted unique values of the first array not in the second.
    public static func setdiff1d(_ ctx: JaxContext, _ a: JaxValue, _ b: JaxValue) throws(PyException) -> JaxValue {
        _ = try Concrete.argument(a, "The error arose in setdiff1d()")
        let x = try uniqueValues(ctx, try ravel(ctx, a))
        guard let mask = try in1d(ctx, x, try ravel(ctx, b), invert: true).concrete else {
            throw PyException("RuntimeError", "setdiff1d: the mask has no concrete value")
        }
        let kept = (0..<mask.count).filter { mask.storage.int64(at: $0) != 0 }
        return try take(ctx, x, indexArray(ctx, kept), axis: 0, mode: .fill, fillValue: nil)
    }

    private static func uniqueValues(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        guard let values = try unique(ctx, x, UniqueRequest(index: false, inverse: false, counts: false, equalNan: true)).first else {
            throw PyException("RuntimeError", "unique returned no values")
        }
        return values
    }

    private static func indexArray(_ ctx: JaxContext, _ positions: [Int]) -> JaxValue {
        let wide = JaxArray(shape: [positions.count], storage: .int64(positions.map { Int64($0) }))
        return .array(Kernels.cast(wide, to: ctx.defaultInt, semantics: .jax))
    }
}
