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
            default: throw PyException.typeError("convolution dimension_numbers must be tuple/list or None, got \(interp.pythonTypeName(numbers)).")
            }
            let specs = try interp.collect(numbers)
            guard specs.count == 3 else {
                throw PyException.typeError("convolution dimension_numbers list/tuple must be length 3, got \(specs.count).")
            }
            guard case .str(let l) = specs[0], case .str(let r) = specs[1], case .str(let o) = specs[2] else {
                throw PyException.typeError("convolution dimension_numbers elements must be strings, got (\(specs.map { interp.pythonTypeName($0) }.joined(separator: ", "))).")
            }
            layout = .strings(l, r, o)
        }
        let preferred = try interp.dtypeArgument(slots[10] ?? .none, semantics: .jax)
        return .object(JaxArrayObject(try JNP.convGeneralDilated(
            ctx, lhs, rhs, strides: try ints(slots[2]) ?? [], padding: padding, lhsDilation: try ints(slots[4]), rhsDilation: try ints(slots[5]),
            layout: layout, featureGroups: try slots[7].map { (v: PyValue) throws(PyException) in try interp.index(v) } ?? 1,
            batchGroups: try slots[8].map { (v: PyValue) throws(PyException) in try interp.index(v) } ?? 1, preferred: preferred)))
    }
}
