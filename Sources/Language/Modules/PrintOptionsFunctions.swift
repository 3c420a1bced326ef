import JaxCore

/// The print options a session has set: what the formatter uses, and the values as given
/// (`threshold=np.inf` reads back as `inf`, as `np.get_printoptions()` shows it).
struct PrintOptionSettings {
    var options = PrintOptions.standard
    var given: [String: PyValue] = [:]
}

/// `set_printoptions`, `get_printoptions` and `printoptions`, shared by `numpy` and
/// `jax.numpy` (JAX re-exports NumPy's, so both change the same settings).
enum PrintOptionsFunctions {
    /// `set_printoptions`' parameters in NumPy's order (the last two are keyword-only).
    private static let names = ["precision", "threshold", "edgeitems", "linewidth", "suppress", "nanstr",
                                "infstr", "formatter", "sign", "floatmode", "legacy", "override_repr"]

    static func add(_ m: PyModule) {
        m.define("set_printoptions") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            try set(interp, args, function: "set_printoptions")
            return .none
        }
        m.define("get_printoptions") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            _ = try args.bind("get_printoptions", [])
            return .dict(try current(interp))
        }
        m.define("printoptions") { (_: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            // NumPy's is a generator-based manager: bad options surface only at `with`
            var saved: PrintOptionSettings?
            return .object(PyContextManager(enter: { (interp: Interpreter) throws(PyException) -> PyValue in
                let before = interp.printOptions
                try set(interp, args, function: "_set_printoptions")
                saved = before
                return .dict(try current(interp))
            }, exit: { (interp: Interpreter, _: PyException?) throws(PyException) -> Bool in
                if let saved { interp.printOptions = saved }
                return false
            }))
        }
    }

    /// `np.get_printoptions()`: a fresh dict in NumPy's key order.
    private static func current(_ interp: Interpreter) throws(PyException) -> PyDict {
        let o = interp.printOptions.options
        let defaults: [(String, PyValue)] = [
            ("edgeitems", .int(o.edgeItems)), ("threshold", o.threshold == 1000 ? .int(1000) : .float(o.threshold)),
            ("floatmode", .str(o.floatMode.rawValue)), ("precision", .int(o.precision)),
            ("suppress", .bool(o.suppress)), ("linewidth", .int(o.lineWidth)), ("nanstr", .str(o.nanStr)),
            ("infstr", .str(o.infStr)), ("sign", .str(o.sign)), ("formatter", .none), ("legacy", .bool(false)),
            ("override_repr", .none),
        ]
        let d = PyDict()
        for (key, value) in defaults {
            try d.set(.str(key), interp.printOptions.given[key] ?? value)
        }
        return d
    }

    /// Validates every option first, as NumPy does, so a bad one changes nothing.
    private static func set(_ interp: Interpreter, _ args: Arguments, function: String) throws(PyException) {
        let slots = try args.bind(function, names, maxPositional: 10)
        var settings = interp.printOptions
        func given(_ i: Int) -> PyValue? { slots[i].flatMap { $0.isNone ? nil : $0 } }
        if let v = given(9) {
            guard case .str(let text) = v, let mode = PrintOptions.FloatMode(rawValue: text) else {
                throw PyException.valueError("floatmode option must be one of \"fixed\", \"unique\", \"maxprec\", \"maxprec_equal\"")
            }
            settings.options.floatMode = mode
        }
        if let v = given(8) {
            guard case .str(let text) = v, ["-", "+", " "].contains(text) else {
                throw PyException.valueError("sign option must be one of ' ', '+', or '-'")
            }
            settings.options.sign = text
        }
        if let v = given(1) {
            let number: Double
            switch v {
            case .bool(let b): number = b ? 1 : 0
            case .int(let i): number = Double(i)
            case .bigInt: number = .infinity
            case .float(let f): number = f
            default:
                guard case .object(let o) = v, let f = try o.toFloat(interp) else { throw PyException.typeError("threshold must be numeric") }
                number = f
            }
            if number.isNaN {
                throw PyException.valueError("threshold must be non-NAN, try sys.maxsize for untruncated representation")
            }
            settings.options.threshold = number
        }
        if let v = given(0) {
            do { settings.options.precision = try interp.index(v) } catch {
                throw PyException.typeError("precision must be an integer")
            }
            // jaxlab's digit generation stops at 100 places (NumPy's own limit is higher)
            guard (0...100).contains(settings.options.precision) else {
                throw PyException.valueError("precision must be between 0 and 100 in jaxlab")
            }
        }
        if let v = given(2) {
            settings.options.edgeItems = try interp.index(v)
            // a huge count would overflow the layout's arithmetic; a negative one means nothing
            guard (0...(1 << 40)).contains(settings.options.edgeItems) else {
                throw PyException.valueError("edgeitems must be between 0 and 2**40 in jaxlab")
            }
        }
        if let v = given(3) { settings.options.lineWidth = try interp.index(v) }
        if let v = given(4) { settings.options.suppress = try interp.truth(v) }
        // options jaxlab does not implement are refused rather than ignored
        for (i, name) in [(5, "nanstr"), (6, "infstr")] {
            guard let v = given(i) else { continue }
            // NumPy fails only when an array is printed; a string is checked here instead
            guard case .str(let text) = v else { throw PyException.typeError("\(name) must be a string in jaxlab") }
            if i == 5 { settings.options.nanStr = text } else { settings.options.infStr = text }
        }
        // legacy=False is NumPy's own default, so asking for it is honoured
        let legacyOff: Bool = if case .bool(false)? = given(10) { true } else { false }
        for (i, name) in [(7, "formatter"), (10, "legacy"), (11, "override_repr")]
        where given(i) != nil && !(i == 10 && legacyOff) {
            throw PyException.notImplemented("jaxlab does not support the print option '\(name)'")
        }
        for (i, name) in [(1, "threshold"), (2, "edgeitems"), (3, "linewidth")] {
            if let v = given(i) { settings.given[name] = v }
        }
        if given(4) != nil { settings.given["suppress"] = .bool(settings.options.suppress) }
        interp.printOptions = settings
    }
}
