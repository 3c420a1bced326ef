import JaxCore

/// `jax.nn.initializers`: functions that build initializers `init(key, shape, dtype)` for
/// weights (constant, uniform, normal, truncated normal, orthogonal and variance scaling with its
/// glorot, lecun and he forms), each drawing exactly as JAX's does.
enum JaxNNInitializersModule {
    /// How variance scaling divides the scale (`mode`) and what it draws (`distribution`).
    private struct VarianceScaling {
        let scale: Double
        let mode: String
        let distribution: String
        let inAxes: [Int]
        let outAxes: [Int]
        let batchAxes: [Int]
        /// Whether in_axis was left at its default (a shape of rank < 2 is then refused).
        let defaultInAxis: Bool
    }

    static func make(_ interp: Interpreter) -> PyModule {
        let m = PyModule("jax.nn.initializers", file: "/jaxlab/jax/nn/initializers.py")
        let ctx = interp.context
        for name in ["zeros", "ones"] {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["key", "shape", "dtype", "out_sharding"], required: 2)
                let shape = try JaxRandomModule.shape(interp, slots[1]) ?? []
                return .object(JaxArrayObject(try JNP.full(ctx, shape, .float(name == "ones" ? 1 : 0), dtype: try dtype(interp, slots[2], nil))))
            }
        }
        m.define("constant") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("constant", ["value", "dtype"], required: 1)
            let value = try interp.jaxArgument(slots[0] ?? .none)
            let defaultDType = slots[1]
            return initializer("constant") { interp, key, shape, dtypeSlot throws(PyException) in
                try JNP.broadcastTo(ctx, try JNP.astype(ctx, value, try dtype(interp, dtypeSlot, defaultDType)), shape)
            }
        }
        for (name, parameter, fallback) in [("uniform", "scale", 1e-2), ("normal", "stddev", 1e-2), ("truncated_normal", "stddev", 1e-2)] {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let names = [parameter, "dtype"] + (name == "truncated_normal" ? ["lower", "upper"] : [])
                let slots = try args.bind(name, names)
                let factor = try interp.jaxArgument(present(slots[0]) ?? .float(fallback))
                let defaultDType = slots[1]
                let lower = try interp.jaxArgument(present(slots.count > 2 ? slots[2] : nil) ?? .float(-2))
                let upper = try interp.jaxArgument(present(slots.count > 3 ? slots[3] : nil) ?? .float(2))
                return initializer(name) { interp, key, shape, dtypeSlot throws(PyException) in
                    let dt = try dtype(interp, dtypeSlot, defaultDType)
                    let sample: JaxValue
                    switch name {
                    case "uniform": sample = try RandomOps.uniform(ctx, key, shape: shape, dtype: dt, minval: JNP.weakFloat(ctx, 0), maxval: JNP.weakFloat(ctx, 1))
                    case "normal": sample = try RandomOps.normal(ctx, key, shape: shape, dtype: dt)
                    default: sample = try RandomOps.truncatedNormal(ctx, key, lower: lower, upper: upper, shape: shape, dtype: dt)
                    }
                    return try JNP.multiply(ctx, sample, try JNP.astype(ctx, factor, dt))
                }
            }
        }
        m.define("variance_scaling") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("variance_scaling", ["scale", "mode", "distribution", "in_axis", "out_axis", "batch_axis", "dtype"], required: 3)
            guard case .str(let mode) = slots[1] ?? .none, case .str(let distribution) = slots[2] ?? .none else {
                throw PyException.typeError("variance_scaling's mode and distribution must be strings")
            }
            return try varianceScaling(interp, scale: try interp.toFloat(slots[0] ?? .none), mode: mode, distribution: distribution,
                                       axes: Array(slots[3...5]), dtype: slots[6])
        }
        m.define("orthogonal") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("orthogonal", ["scale", "column_axis", "dtype"])
            let scale = try interp.jaxArgument(present(slots[0]) ?? .float(1))
            let columnAxis = try present(slots[1]).map { (v: PyValue) throws(PyException) in try interp.index(v) } ?? -1
            let defaultDType = slots[2]
            return initializer("orthogonal") { interp, key, shape, dtypeSlot throws(PyException) in
                let dt = try dtype(interp, dtypeSlot, defaultDType)
                guard shape.count >= 2 else { throw PyException.valueError("orthogonal initializer requires at least a 2D shape") }
                if shape.contains(0) { return try JNP.full(ctx, shape, .float(0), dtype: dt) }
                let axis = try AxisRules.normalize(columnAxis, rank: shape.count)
                let columns = shape[axis]
                var rest = shape
                rest.remove(at: axis)
                let q = try RandomOps.orthogonal(ctx, key, n: shape.reduce(1, *) / columns, m: columns, shape: [], dtype: dt)
                let placed = try JNP.moveaxis(ctx, try JNP.reshape(ctx, q, rest + [columns]), source: [-1], destination: [columnAxis])
                return try JNP.multiply(ctx, try JNP.astype(ctx, scale, dt), placed)
            }
        }
        let named: [(String, Double, String, String)] = [
            ("glorot_uniform", 1, "fan_avg", "uniform"), ("xavier_uniform", 1, "fan_avg", "uniform"),
            ("glorot_normal", 1, "fan_avg", "truncated_normal"), ("xavier_normal", 1, "fan_avg", "truncated_normal"),
            ("lecun_uniform", 1, "fan_in", "uniform"), ("lecun_normal", 1, "fan_in", "truncated_normal"),
            ("he_uniform", 2, "fan_in", "uniform"), ("kaiming_uniform", 2, "fan_in", "uniform"),
            ("he_normal", 2, "fan_in", "truncated_normal"), ("kaiming_normal", 2, "fan_in", "truncated_normal"),
        ]
        for (name, scale, mode, distribution) in named {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["in_axis", "out_axis", "batch_axis", "dtype"])
                return try varianceScaling(interp, scale: scale, mode: mode, distribution: distribution, axes: Array(slots[0...2]), dtype: slots[3])
            }
        }
        return m
    }

    /// An argument that is given and not None.
    private static func present(_ v: PyValue?) -> PyValue? {
        guard let v, !v.isNone else { return nil }
        return v
    }

    /// The dtype an initializer draws in: the call's, else the one it was built with, else
    /// the default float.
    private static func dtype(_ interp: Interpreter, _ call: PyValue?, _ built: PyValue?) throws(PyException) -> DType {
        let ctx = interp.context
        let chosen = present(call) ?? present(built)
        return try chosen.flatMap { (v: PyValue) throws(PyException) in try interp.dtypeArgument(v, semantics: .jax) }.map { ctx.canonical($0) } ?? ctx.defaultFloat
    }

    /// `init(key, shape, dtype=None, out_sharding=None)` around `draw`.
    private static func initializer(_ name: String,
                                    _ draw: @escaping (Interpreter, JaxValue, [Int], PyValue?) throws(PyException) -> JaxValue) -> PyValue {
        .object(PyBuiltin("init", module: "jax.nn.initializers") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("init", ["key", "shape", "dtype", "out_sharding"], required: 2)
            if present(slots[3]) != nil { throw PyException.notImplemented("jax.nn.initializers.\(name): out_sharding is not supported") }
            let key = try JaxRandomModule.keyArgument(interp, slots[0]).keys
            let shape = try JaxRandomModule.shape(interp, slots[1]) ?? []
            return .object(JaxArrayObject(try draw(interp, key, shape, slots[2])))
        })
    }

    /// One axis or a sequence of axes (`in_axis`, `out_axis`, `batch_axis`).
    private static func axes(_ interp: Interpreter, _ v: PyValue?, _ fallback: [Int]) throws(PyException) -> [Int] {
        guard let v = present(v) else { return fallback }
        if case .int = v { return [try interp.index(v)] }
        return try interp.axesArgument(v) ?? fallback
    }

    /// `variance_scaling(scale, mode, distribution, in_axis, out_axis, batch_axis, dtype)`.
    private static func varianceScaling(_ interp: Interpreter, scale: Double, mode: String, distribution: String,
                                        axes slots: [PyValue?], dtype built: PyValue?) throws(PyException) -> PyValue {
        let ctx = interp.context
        let spec = VarianceScaling(scale: scale, mode: mode, distribution: distribution,
                                   inAxes: try axes(interp, slots[0], [-2]), outAxes: try axes(interp, slots[1], [-1]),
                                   batchAxes: try axes(interp, slots[2], []), defaultInAxis: present(slots[0]) == nil)
        return initializer("variance_scaling") { interp, key, shape, dtypeSlot throws(PyException) in
            let dt = try dtype(interp, dtypeSlot, built)
            let (fanIn, fanOut) = try fans(shape, spec)
            let denominator: Double
            switch spec.mode {
            case "fan_in": denominator = fanIn
            case "fan_out": denominator = fanOut
            case "fan_avg": denominator = (fanIn + fanOut) / 2
            case "fan_geo_avg": denominator = (fanIn * fanOut).squareRoot()
            default: throw PyException.valueError("invalid mode for variance scaling initializer: \(spec.mode)")
            }
            let variance = JaxValue.array(JaxArray.scalar(.float(spec.scale / denominator), dtype: dt))
            switch spec.distribution {
            case "truncated_normal":
                let two = JNP.weakInt(ctx, 2)
                let minusTwo = JNP.weakInt(ctx, -2)
                // the standard deviation of a standard normal truncated to (-2, 2)
                let stddev = try JNP.divide(ctx, try JNP.sqrt(ctx, variance), JaxValue.array(JaxArray.scalar(.float(0.87962566103423978), dtype: dt)))
                return try JNP.multiply(ctx, try RandomOps.truncatedNormal(ctx, key, lower: minusTwo, upper: two, shape: shape, dtype: dt), stddev)
            case "normal":
                return try JNP.multiply(ctx, try RandomOps.normal(ctx, key, shape: shape, dtype: dt), try JNP.sqrt(ctx, variance))
            case "uniform":
                let minusOne = JNP.weakInt(ctx, -1)
                let three = JNP.weakInt(ctx, 3)
                let sample = try RandomOps.uniform(ctx, key, shape: shape, dtype: dt, minval: minusOne, maxval: JNP.weakFloat(ctx, 1))
                return try JNP.multiply(ctx, sample, try JNP.sqrt(ctx, try JNP.multiply(ctx, three, variance)))
            default:
                throw PyException.valueError("invalid distribution for variance scaling initializer: \(spec.distribution)")
            }
        }
    }

    /// `_compute_fans`: the fan-in and fan-out of a weight shape, each times its receptive field.
    private static func fans(_ shape: [Int], _ spec: VarianceScaling) throws(PyException) -> (Double, Double) {
        if spec.defaultInAxis && shape.count <= 1 {
            throw PyException.valueError("Can't compute input and output sizes of a \(shape.count)-dimensional weights tensor with default in_axis. Must be at least 2D or specify in_axis explicitly.")
        }
        func size(_ axes: [Int]) throws(PyException) -> Double {
            var product = 1.0
            for a in axes {
                let i = a < 0 ? a + shape.count : a
                guard i >= 0 && i < shape.count else { throw PyException("IndexError", "tuple index out of range") }
                product *= Double(shape[i])
            }
            return product
        }
        let inSize = try size(spec.inAxes), outSize = try size(spec.outAxes), batchSize = try size(spec.batchAxes)
        let receptive = Double(shape.reduce(1, *)) / inSize / outSize / batchSize
        return (inSize * receptive, outSize * receptive)
    }
}
