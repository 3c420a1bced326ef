import JaxCore

/// `jnp.convolve` and `jnp.correlate` (1-D, through `conv_general_dilated` as JAX does), and
/// `lax.conv_general_dilated` itself.
extension JaxNumpyModule {
    static func addConvolutions(_ m: PyModule, _ interp: Interpreter) {
        let ctx = interp.context
        for (name, defaultMode) in [("convolve", "full"), ("correlate", "valid")] {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["a", "v", "mode", "precision", "preferred_element_type"], required: 2, maxPositional: 3)
                try refuseConvolutionOptions(name, precision: slots[3], preferred: slots[4])
                let a = try interp.jnpArgument(slots[0] ?? .none, name), v = try interp.jnpArgument(slots[1] ?? .none, name, position: 1)
                let modeText = try slots[2].map { (v: PyValue) throws(PyException) in try interp.str(v) } ?? defaultMode
                guard let mode = JNP.ConvolveMode(rawValue: modeText) else {
                    throw PyException.valueError("mode must be one of ['full', 'same', 'valid']")
                }
                return .object(JaxArrayObject(try JNP.convolve(ctx, a, v, mode: mode, correlate: name == "correlate")))
            }
        }
    }

    /// `precision` and `preferred_element_type` change nothing lax computes on CPU for the
    /// dtypes jaxlab has, but they show in the jaxpr; only their defaults are accepted.
    static func refuseConvolutionOptions(_ name: String, precision: PyValue?, preferred: PyValue?) throws(PyException) {
        for (option, value) in [("precision", precision), ("preferred_element_type", preferred)] where value.map({ !$0.isNone }) ?? false {
            throw PyException.notImplemented("\(name)'s \(option) argument is not supported")
        }
    }
}

extension JaxLaxModule {
    static func addConvolution(_ m: PyModule, _ interp: Interpreter) {
        m.define("conv_general_dilated", convGeneralDilated)
        // lax.conv and conv_with_general_padding call conv_general_dilated with their
        // arguments under the same names
        let forms = [("conv", ["lhs", "rhs", "window_strides", "padding", "precision", "preferred_element_type"]),
                     ("conv_with_general_padding", ["lhs", "rhs", "window_strides", "padding", "lhs_dilation", "rhs_dilation", "precision",
                                                    "preferred_element_type"])]
        for (name, parameters) in forms {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, parameters, required: parameters.count - 2)
                var keywords: [(String, PyValue)] = []
                for (parameter, slot) in zip(parameters, slots) { if let slot { keywords.append((parameter, slot)) } }
                return try convGeneralDilated(interp, Arguments([], keywords: keywords))
            }
        }
        m.define("conv_dimension_numbers") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("conv_dimension_numbers", ["lhs_shape", "rhs_shape", "dimension_numbers"], required: 3)
            let lhsRank = try interp.collect(slots[0] ?? .none).count, rhsRank = try interp.collect(slots[1] ?? .none).count
            guard lhsRank == rhsRank else {
                throw PyException.typeError("convolution requires lhs and rhs ndim to be equal, got \(lhsRank) and \(rhsRank).")
            }
            let specs: [[Int]]
            let numbers = slots[2] ?? .none
            if numbers.isNone {
                let identity = Array(0..<lhsRank)
                specs = [identity, identity, identity]
            } else {
                let parts = try interp.collect(numbers)
                guard parts.count == 3, case .str(let l) = parts[0], case .str(let r) = parts[1], case .str(let o) = parts[2] else {
                    throw PyException.typeError("convolution dimension_numbers must be None or a tuple of three strings, got \(try interp.repr(numbers)).")
                }
                guard [l, r, o].allSatisfy({ $0.count == lhsRank }) else {
                    throw PyException.typeError("convolution dimension_numbers[0] must have len equal to the ndim of lhs and rhs, got \(l.count) for lhs and rhs shapes of ndim \(lhsRank).")
                }
                specs = try convPermutations(Array(l), Array(r), Array(o))
            }
            return try interp.namedTupleResult("jax._src.lax.convolution", "ConvDimensionNumbers", ["lhs_spec", "rhs_spec", "out_spec"],
                                               specs.map { spec in .tuple(spec.map { .int($0) }) })
        }
    }

    /// JAX's `conv_general_permutations`: where N and C (O and I for the kernel) sit, then the
    /// spatial axes in the kernel's order.
    private static func convPermutations(_ lhs: [Character], _ rhs: [Character], _ out: [Character]) throws(PyException) -> [[Int]] {
        func spec(_ chars: [Character], _ batch: Character, _ feature: Character) throws(PyException) -> [Int] {
            guard let b = chars.firstIndex(of: batch), let f = chars.firstIndex(of: feature) else {
                throw PyException.typeError("convolution dimension_numbers must contain \(batch) and \(feature), got \(String(chars)).")
            }
            var spatial: [(Int, Int)] = []
            for (i, c) in chars.enumerated() where c != batch && c != feature {
                guard let order = rhs.firstIndex(of: c) else {
                    throw PyException.typeError("convolution dimension_numbers spatial dimensions must match between lhs, rhs and out, got \(String(chars)).")
                }
                spatial.append((order, i))
            }
            return [b, f] + spatial.sorted { $0.0 < $1.0 }.map(\.1)
        }
        return [try spec(lhs, "N", "C"), try spec(rhs, "O", "I"), try spec(out, "N", "C")]
    }

    /// Layout strings for a `ConvDimensionNumbers` (three tuples of axis positions), or nil when
    /// `specs` is not of that form: N/C (O/I) at their positions, one letter per spatial axis.
    private static func layoutStrings(_ interp: Interpreter, _ specs: [PyValue]) throws(PyException) -> (String, String, String)? {
        var positions: [[Int]] = []
        for s in specs {
            switch s {
            case .tuple, .list: positions.append(try interp.collect(s).map { (v: PyValue) throws(PyException) -> Int in try interp.index(v) })
            default: return nil
            }
        }
        let rank = positions[0].count
        guard rank >= 2, positions.allSatisfy({ $0.count == rank && $0.sorted() == Array(0..<rank) }) else { return nil }
        let spatialLetters: [Character] = Array("HWDUVXYZ")
        guard rank - 2 <= spatialLetters.count else { return nil }
        func layout(_ p: [Int], _ first: Character, _ second: Character) -> String {
            var chars = Array(repeating: Character(" "), count: rank)
            chars[p[0]] = first
            chars[p[1]] = second
            for i in 2..<rank { chars[p[i]] = spatialLetters[i - 2] }
            return String(chars)
        }
        return (layout(positions[0], "N", "C"), layout(positions[1], "O", "I"), layout(positions[2], "N", "C"))
    }

    /// `lax.conv_general_dilated(lhs, rhs, window_strides, padding, ...)`.
    private static func convGeneralDilated(_ interp: Interpreter, _ args: Arguments) throws(PyException) -> PyValue {
        let ctx = interp.context
        let slots = try args.bind("conv_general_dilated", ["lhs", "rhs", "window_strides", "padding", "lhs_dilation", "rhs_dilation",
                                                           "dimension_numbers", "feature_group_count", "batch_group_count",
                                                           "precision", "preferred_element_type", "out_sharding"], required: 4)
        if let sharding = slots[11], !sharding.isNone {
            throw PyException.notImplemented("conv_general_dilated's out_sharding argument is not supported (one CPU device)")
        }
        if let precision = slots[9], !precision.isNone {
            throw PyException.notImplemented("conv_general_dilated's precision argument is not supported")
        }
        let lhs = try interp.jaxArgument(slots[0] ?? .none), rhs = try interp.jaxArgument(slots[1] ?? .none)
        func ints(_ v: PyValue?) throws(PyException) -> [Int]? {
            guard let v, !v.isNone else { return nil }
            return try interp.collect(v).map { (item: PyValue) throws(PyException) in try interp.index(item) }
        }
        let padding: JNP.ConvPadding
        switch slots[3] ?? .none {
        case .str(let text): padding = .named(text)
        case let value:
            var pairs: [(low: Int, high: Int)] = []
            do {
                for pair in try interp.collect(value) {
                    let both = try interp.collect(pair)
                    guard both.count == 2 else { throw PyException.valueError("") }
                    pairs.append((try interp.index(both[0]), try interp.index(both[1])))
                }
            } catch {
                throw PyException.valueError("padding argument to conv_general_dilated should be a string or a sequence of (low, high) pairs, got \(try interp.repr(value))")
            }
            padding = .explicit(pairs)
        }
        var layout = JNP.ConvLayout.standard
        if let numbers = slots[6], !numbers.isNone {
            switch numbers {
            case .tuple, .list: break
            // a ConvDimensionNumbers (a named tuple) from lax.conv_dimension_numbers
            case .object(let o as PyInstance) where o.cls.name == "ConvDimensionNumbers": break
            default: throw PyException.typeError("convolution dimension_numbers must be tuple/list or None, got \(interp.pythonTypeName(numbers)).")
            }
            let specs = try interp.collect(numbers)
            guard specs.count == 3 else {
                throw PyException.typeError("convolution dimension_numbers list/tuple must be length 3, got \(specs.count).")
            }
            if case .str(let l) = specs[0], case .str(let r) = specs[1], case .str(let o) = specs[2] {
                layout = .strings(l, r, o)
            } else if let (l, r, o) = try layoutStrings(interp, specs) {
                layout = .strings(l, r, o)
            } else {
                throw PyException.typeError("convolution dimension_numbers elements must be strings, got (\(specs.map { interp.pythonTypeName($0) }.joined(separator: ", "))).")
            }
        }
        let preferred = try interp.dtypeArgument(slots[10] ?? .none, semantics: .jax)
        return .object(JaxArrayObject(try JNP.convGeneralDilated(
            ctx, lhs, rhs, strides: try ints(slots[2]) ?? [], padding: padding, lhsDilation: try ints(slots[4]), rhsDilation: try ints(slots[5]),
            layout: layout, featureGroups: try slots[7].map { (v: PyValue) throws(PyException) in try interp.index(v) } ?? 1,
            batchGroups: try slots[8].map { (v: PyValue) throws(PyException) in try interp.index(v) } ?? 1, preferred: preferred)))
    }
}
