/// `jnp.einsum`, as JAX's `_einsum` contracts the steps of opt_einsum's path: labels summed
/// out alone by `reduce_sum`, repeated labels by a Kronecker-delta select, and each pair of
/// operands by one `dot_general` (the later operand first when that needs no transpose), then a
/// transpose into the step's order.
extension JNP {
    /// `jnp.einsum(subscripts, *operands, optimize=...)`.
    public static func einsum(_ ctx: JaxContext, _ subscripts: String, _ operands: [JaxValue],
                              optimize: EinsumOptimize = .auto) throws(PyException) -> JaxValue {
        let (inputs, output) = try parseEinsum(subscripts, operands)
        let steps = try einsumSteps(inputs, output, operands.map(\.shape), optimize)
        let result = Promotion.jax(operands.map { ($0.dtype, $0.weakType) }, enableX64: ctx.enableX64)
        let preferred = ctx.canonical(result.dtype)
        var operands = operands
        for step in steps {
            let taken = step.positions.map { operands.remove(at: $0) }
            operands.append(try contract(ctx, taken, step, preferred))
        }
        return try Lax.convert(ctx, operands[0], to: preferred, weak: result.weak)
    }

    /// One step of `_einsum`'s loop: a single operand reduced, or a pair contracted.
    private static func contract(_ ctx: JaxContext, _ taken: [JaxValue], _ step: EinsumStep, _ preferred: DType) throws(PyException) -> JaxValue {
        let contracted = step.removed.sorted(), output = step.result
        var operand: JaxValue, names: [Character]
        if taken.count == 1 {
            let counts = labelCounts(step.inputs[0])
            (operand, names) = try sumUniques(ctx, taken[0], step.inputs[0], contracted.filter { counts[$0] == 1 }, preferred)
            (operand, names) = try sumRepeats(ctx, operand, names, counts, keep: Set(output), preferred)
        } else {
            // the pair comes later operand first: lhs is the one further right
            var (lhs, lhsNames) = try squeezeSingletons(ctx, taken[0], step.inputs[0], taken[1].shape, step.inputs[1])
            var (rhs, rhsNames) = try squeezeSingletons(ctx, taken[1], step.inputs[1], lhs.shape, lhsNames)
            let lhsCounts = labelCounts(lhsNames), rhsCounts = labelCounts(rhsNames)
            (lhs, lhsNames) = try sumUniques(ctx, lhs, lhsNames, contracted.filter { lhsCounts[$0] == 1 && rhsCounts[$0] == nil }, preferred)
            (rhs, rhsNames) = try sumUniques(ctx, rhs, rhsNames, contracted.filter { rhsCounts[$0] == 1 && lhsCounts[$0] == nil }, preferred)
            (lhs, lhsNames) = try sumRepeats(ctx, lhs, lhsNames, lhsCounts, keep: Set(output + rhsNames), preferred)
            (rhs, rhsNames) = try sumRepeats(ctx, rhs, rhsNames, rhsCounts, keep: Set(output + lhsNames), preferred)
            let remaining = Set(lhsNames).union(rhsNames)
            let contract = contracted.filter { remaining.contains($0) }
            let shared = Set(lhsNames).intersection(rhsNames)
            let batch = output.filter { shared.contains($0) }
            func position(_ names: [Character], _ c: Character) -> Int { names.firstIndex(of: c) ?? 0 }
            let lhsBatch = batch.map { position(lhsNames, $0) }, rhsBatch = batch.map { position(rhsNames, $0) }
            let lhsContract = contract.map { position(lhsNames, $0) }, rhsContract = contract.map { position(rhsNames, $0) }
            let deleted = Set(batch + contract)
            let restLhs = lhsNames.filter { !deleted.contains($0) }, restRhs = rhsNames.filter { !deleted.contains($0) }
            // opt_einsum contracts right to left, so (rhs, lhs) is tried first
            if batch + restRhs + restLhs == output {
                names = batch + restRhs + restLhs
                operand = try einsumDot(ctx, rhs, lhs, contracting: (rhsContract, lhsContract), batch: (rhsBatch, lhsBatch), preferred)
            } else {
                names = batch + restLhs + restRhs
                operand = try einsumDot(ctx, lhs, rhs, contracting: (lhsContract, rhsContract), batch: (lhsBatch, rhsBatch), preferred)
            }
        }
        if names != output {
            operand = try Lax.transpose(ctx, operand, output.map { c in names.firstIndex(of: c) ?? 0 })
        }
        return operand
    }

    /// The labels einsum subscripts may use, in opt_einsum's `get_symbol` order.
    public static let einsumSymbols = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")

    /// The subscripts of each operand and of the result, `...` spelt out as letters no
    /// subscript uses, with NumPy's errors for subscripts that do not fit the operands.
    static func parseEinsum(_ subscripts: String, _ operands: [JaxValue]) throws(PyException) -> ([[Character]], [Character]) {
        let text = subscripts.filter { $0 != " " }
        let parts = text.splitting("->")
        guard parts.count <= 2 else { throw PyException.valueError("Subscripts can only contain one '->'.") }
        let terms = parts[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard terms.count == operands.count else {
            throw PyException.valueError("Number of einsum subscripts, \(terms.count), must be equal to the number of operands, \(operands.count).")
        }
        for c in text where !(c.isLetter && c.isASCII) && !",.->".contains(c) {
            throw PyException.valueError("Character \(c) is not a valid symbol.")
        }
        let letters = Set(text.filter(\.isLetter))
        let spare = einsumSymbols.filter { !letters.contains($0) }
        var ellipsisRank = 0
        for (term, x) in zip(terms, operands) where term.contains("...") {
            ellipsisRank = Swift.max(ellipsisRank, x.rank - term.replacingEllipsis().count)
        }
        // opt_einsum takes as many spare letters as the highest rank and gives the ellipsis the last ones
        let widest = operands.map(\.rank).max() ?? 0
        let ellipsis = Array(spare.prefix(widest).suffix(Swift.max(ellipsisRank, 0)))
        var inputs: [[Character]] = []
        var sizes: [Character: Int] = [:]
        for (i, (term, x)) in zip(terms, operands).enumerated() {
            var labels: [Character]
            if term.contains("...") {
                let pieces = term.splitting("...")
                let own = x.rank - (pieces.joined().count)
                guard pieces.count == 2, own >= 0 else {
                    throw PyException.valueError("Einstein sum subscript '\(term)' does not contain the correct number of indices for operand \(i).")
                }
                labels = Array(pieces[0]) + Array(ellipsis.suffix(own)) + Array(pieces[1])
            } else {
                labels = Array(term)
            }
            guard labels.count == x.rank else {
                throw PyException.valueError("Einstein sum subscript '\(term)' does not contain the correct number of indices for operand \(i).")
            }
            for (c, size) in zip(labels, x.shape) {
                if let seen = sizes[c], seen != size, seen != 1, size != 1 {
                    // opt_einsum's message gives the earlier size first
                    throw PyException.valueError("Size of label '\(c)' for operand \(i) (\(seen)) does not match previous terms (\(size)).")
                }
                sizes[c] = Swift.max(sizes[c] ?? size, size)
            }
            inputs.append(labels)
        }
        var output: [Character]
        if parts.count == 2 {
            let pieces = parts[1].splitting("...")
            output = pieces.count == 2 ? Array(pieces[0]) + ellipsis + Array(pieces[1]) : Array(parts[1])
            let inputLabels = Set(inputs.joined())
            for c in output where !inputLabels.contains(c) {
                throw PyException.valueError("Output character '\(c)' did not appear in the input")
            }
        } else {
            // implicit: the ellipsis, then every label used exactly once, in alphabetical order
            let counts = labelCounts(Array(inputs.joined()))
            output = ellipsis + counts.keys.filter { counts[$0] == 1 && !ellipsis.contains($0) }.sorted()
        }
        return (inputs, output)
    }

    private static func labelCounts(_ labels: [Character]) -> [Character: Int] {
        var counts: [Character: Int] = [:]
        for c in labels { counts[c, default: 0] += 1 }
        return counts
    }

    /// `lax.reduce` with add (or, for booleans) over `axes`, in the result dtype.
    private static func einsumSum(_ ctx: JaxContext, _ x: JaxValue, _ axes: [Int], _ preferred: DType) throws(PyException) -> JaxValue {
        let y = x.dtype == preferred || preferred == .bool ? x : try Lax.convert(ctx, x, preferred)
        if y.dtype == .bool { return try any(ctx, y, axes: axes) }
        return try Lax.reduceSum(ctx, y, axes: axes)
    }

    private static func sumUniques(_ ctx: JaxContext, _ x: JaxValue, _ names: [Character], _ uniques: [Character],
                                   _ preferred: DType) throws(PyException) -> (JaxValue, [Character]) {
        guard !uniques.isEmpty else { return (x, names) }
        let axes = uniques.compactMap { names.firstIndex(of: $0) }
        return (try einsumSum(ctx, x, axes, preferred), names.filter { !uniques.contains($0) })
    }

    /// A label repeated within one operand: its diagonal kept by a Kronecker-delta select, then
    /// summed out (or down to one axis when the label stays).
    private static func sumRepeats(_ ctx: JaxContext, _ x: JaxValue, _ names: [Character], _ counts: [Character: Int], keep: Set<Character>,
                                   _ preferred: DType) throws(PyException) -> (JaxValue, [Character]) {
        var operand = x, names = names
        for c in counts.keys.sorted(by: { (names.firstIndex(of: $0) ?? 0) < (names.firstIndex(of: $1) ?? 0) }) where (counts[c] ?? 0) > 1 {
            let axes = names.indices.filter { names[$0] == c }
            let base = axes.map { operand.shape[$0] }
            let iotas = try base.indices.map { (i: Int) throws(PyException) -> JaxValue in try Lax.iota(ctx, .uint32, shape: base, dimension: i) }
            var eye = try Lax.compare(ctx, .eq, iotas[0], iotas[1])
            for i in 2..<Swift.max(iotas.count, 2) {
                eye = try bind(ctx, .and, [eye, try Lax.compare(ctx, .eq, iotas[i - 1], iotas[i])])
            }
            eye = try Lax.broadcastInDim(ctx, eye, shape: operand.shape, dims: axes)
            operand = try Lax.select(ctx, eye, try Lax.full(ctx, operand, 0), operand)
            if keep.contains(c) {
                operand = try einsumSum(ctx, operand, Array(axes.dropLast()), preferred)
                var dropped = 0
                names = names.filter { n in
                    guard n == c, dropped < axes.count - 1 else { return true }
                    dropped += 1
                    return false
                }
            } else {
                operand = try einsumSum(ctx, operand, axes, preferred)
                names = names.filter { $0 != c }
            }
        }
        return (operand, names)
    }

    /// `filter_singleton_dims`: size-1 axes whose label the other operand has at another size
    /// are squeezed away.
    private static func squeezeSingletons(_ ctx: JaxContext, _ x: JaxValue, _ names: [Character], _ otherShape: [Int],
                                          _ otherNames: [Character]) throws(PyException) -> (JaxValue, [Character]) {
        var squeeze: [Int] = []
        for (i, c) in names.enumerated() where x.shape[i] == 1 {
            if let j = otherNames.firstIndex(of: c), otherShape[j] != 1 { squeeze.append(i) }
        }
        guard !squeeze.isEmpty else { return (x, names) }
        return (try Lax.squeeze(ctx, x, squeeze), names.enumerated().filter { !squeeze.contains($0.offset) }.map(\.element))
    }

    private static func einsumDot(_ ctx: JaxContext, _ x: JaxValue, _ y: JaxValue, contracting: ([Int], [Int]), batch: ([Int], [Int]),
                                  _ preferred: DType) throws(PyException) -> JaxValue {
        var params = Params()
        params.set(.dotDimensionNumbers, DotDimensions(contracting: contracting, batch: batch))
        params.set(.precision, .none, shown: false)
        params.set(.preferredElementType, preferred)
        params.set(.outSharding, .none, shown: false)
        return try bind(ctx, .dotGeneral, [x, y], params)
    }
}

private extension String {
    /// The pieces between occurrences of `separator`.
    func splitting(_ separator: String) -> [String] {
        var pieces: [String] = [], current = "", rest = Substring(self)
        while !rest.isEmpty {
            if rest.hasPrefix(separator) {
                pieces.append(current)
                current = ""
                rest = rest.dropFirst(separator.count)
            } else {
                current.append(rest.removeFirst())
            }
        }
        return pieces + [current]
    }

    /// The subscript's own labels, without its `...`.
    func replacingEllipsis() -> String { splitting("...").joined() }
}
