import JaxCore

/// NumPy's closeness tests (`np.isclose`, `np.allclose`, `np.isnan`, `np.isinf`,
/// `np.isfinite`) and `numpy.testing`'s assertions, with NumPy's failure reports.
enum NumpyTestingModule {
    static func addPredicates(_ m: PyModule) {
        m.define("isclose") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let c = try Comparison(interp, args, "isclose", defaults: (1e-5, 1e-8), equalNanDefault: false)
            let result = JaxArray(shape: c.shape, storage: .bool(c.close))
            return .object(NDArrayObject(result, scalar: c.shape.isEmpty))
        }
        m.define("allclose") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let c = try Comparison(interp, args, "allclose", defaults: (1e-5, 1e-8), equalNanDefault: false)
            return .bool(c.close.allSatisfy { $0 })
        }
        let predicates: [(String, (Double) -> Bool)] = [("isnan", { $0.isNaN }), ("isinf", { $0.isInfinite }), ("isfinite", { $0.isFinite })]
        for (name, test) in predicates {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["x"], required: 1)
                let x = try interp.numpyArgument(slots[0] ?? .none, dtype: nil)
                let values = doubles(x)
                return .object(NDArrayObject(JaxArray(shape: x.shape, storage: .bool(values.map(test))), scalar: x.shape.isEmpty))
            }
        }
    }

    /// `numpy.testing`.
    static func make(_ interp: Interpreter) -> PyModule {
        let m = PyModule("numpy.testing", file: "/jaxlab/numpy/testing/__init__.py")
        m.define("assert_allclose") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let c = try Comparison(interp, args, "assert_allclose", defaults: (1e-7, 0), equalNanDefault: true,
                                   extra: ["err_msg", "verbose", "strict"])
            let header = "Not equal to tolerance rtol=\(try interp.repr(c.rtolValue ?? .float(1e-7))), atol=\(try interp.repr(c.atolValue ?? .int(0)))"
            try c.report(interp, header: header, errorMessage: c.errorMessage)
            return .none
        }
        m.define("assert_array_equal") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let c = try Comparison(interp, args, "assert_array_equal", exact: true, extra: ["err_msg", "verbose", "strict"])
            try c.report(interp, header: "Arrays are not equal", errorMessage: c.errorMessage)
            return .none
        }
        return m
    }

    /// Two array-likes compared elementwise as `np.isclose` does (or exactly), after
    /// broadcasting.
    struct Comparison {
        let actual: JaxArray, desired: JaxArray
        let actualValue: PyValue, desiredValue: PyValue
        let rtol: Double, atol: Double
        /// The tolerances as given (NumPy's report shows them as written).
        let rtolValue: PyValue?, atolValue: PyValue?
        let shape: [Int]
        let close: [Bool]
        let shapesMatch: Bool
        let errorMessage: String

        init(_ interp: Interpreter, _ args: Arguments, _ name: String, defaults: (Double, Double) = (0, 0), equalNanDefault: Bool = true,
             exact: Bool = false, extra: [String] = []) throws(PyException) {
            let names = exact ? ["x", "y"] : ["a", "b", "rtol", "atol", "equal_nan"]
            let slots = try args.bind(name, names + extra, required: 2)
            actualValue = slots[0] ?? .none
            desiredValue = slots[1] ?? .none
            actual = try interp.numpyArgument(actualValue, dtype: nil)
            desired = try interp.numpyArgument(desiredValue, dtype: nil)
            rtolValue = exact ? nil : slots[2]
            atolValue = exact ? nil : slots[3]
            rtol = exact ? 0 : try slots[2].map { (v: PyValue) throws(PyException) in try interp.toFloat(v) } ?? defaults.0
            atol = exact ? 0 : try slots[3].map { (v: PyValue) throws(PyException) in try interp.toFloat(v) } ?? defaults.1
            let equalNan = exact ? true : try interp.truth(slots[4] ?? .bool(equalNanDefault))
            let messageIndex = names.count
            if extra.first == "err_msg", let m = slots.count > messageIndex ? slots[messageIndex] : nil, case .str(let text) = m {
                errorMessage = text
            } else {
                errorMessage = ""
            }
            if let common = try? Kernels.broadcastShapes([actual.shape, desired.shape]), extra.isEmpty || actual.shape == desired.shape
                || actual.shape.isEmpty || desired.shape.isEmpty {
                shapesMatch = true
                shape = common
                let x = doubles(try Kernels.broadcast(actual, to: common, semantics: .numpy))
                let y = doubles(try Kernels.broadcast(desired, to: common, semantics: .numpy))
                var close: [Bool] = []
                for (a, b) in zip(x, y) {
                    var ok = a == b || (b.isFinite && Swift.abs(a - b) <= atol + rtol * Swift.abs(b))
                    if equalNan && a.isNaN && b.isNaN { ok = true }
                    close.append(ok)
                }
                self.close = close
            } else if extra.isEmpty {
                throw PyException.valueError("operands could not be broadcast together with shapes \(Shape.describe(actual.shape)) \(Shape.describe(desired.shape)) ")
            } else {
                shapesMatch = false
                shape = []
                close = []
            }
        }

        /// Raises NumPy's AssertionError when an element differs.
        func report(_ interp: Interpreter, header: String, errorMessage: String) throws(PyException) {
            let actualRepr = try interp.repr(.object(NDArrayObject(actual)))
            let desiredRepr = try interp.repr(.object(NDArrayObject(desired)))
            let footer = " ACTUAL: \(actualRepr)\n DESIRED: \(desiredRepr)"
            // NumPy joins the message and its remarks with a newline: an empty message leaves a blank line
            let head = "\n" + header + "\n" + errorMessage
            guard shapesMatch else {
                throw PyException("AssertionError", head + "\n(shapes \(Shape.describe(actual.shape)), \(Shape.describe(desired.shape)) mismatch)\n" + footer)
            }
            let bad = close.indices.filter { !close[$0] }
            guard !bad.isEmpty else { return }
            let share = try interp.formatValue(.float(100 * Double(bad.count) / Double(close.count)), ".3g")
            var remarks = ["Mismatched elements: \(bad.count) / \(close.count) (\(share)%)"]
            if !shape.isEmpty {
                let x = try Kernels.broadcast(actual, to: shape, semantics: .numpy), y = try Kernels.broadcast(desired, to: shape, semantics: .numpy)
                var lines: [String] = []
                for flat in bad.prefix(5) {
                    let index = multiIndex(flat, shape)
                    let key = PyValue.tuple(index.map { .int($0) })
                    // f-strings of NumPy scalars format their Python value (float64 for a float32)
                    let a = try interp.formatValue(try interp.getItem(.object(NDArrayObject(x)), key), "")
                    let b = try interp.formatValue(try interp.getItem(.object(NDArrayObject(y)), key), "")
                    lines.append(" [\(index.map(String.init).joined(separator: ", "))]: \(a) (ACTUAL), \(b) (DESIRED)")
                }
                let title = bad.count == 1 ? "Mismatch at index:" : (bad.count <= 5 ? "Mismatch at indices:" : "First 5 mismatches are at indices:")
                remarks.append(title + "\n" + lines.joined(separator: "\n"))
            }
            let x = doubles(try Kernels.broadcast(actual, to: shape, semantics: .numpy))
            let y = doubles(try Kernels.broadcast(desired, to: shape, semantics: .numpy))
            let errorDType = Promotion.numpy([(actual.dtype, false), (desired.dtype, false)])
            let maxAbs = bad.map { Swift.abs(x[$0] - y[$0]) }.max() ?? 0
            remarks.append("Max absolute difference among violations: " + (try scalarText(interp, maxAbs, errorDType)))
            let relative = bad.filter { y[$0] != 0 }.map { Swift.abs(x[$0] - y[$0]) / Swift.abs(y[$0]) }
            let relativeDType = errorDType.isFloating ? errorDType : .float64
            remarks.append("Max relative difference among violations: " + (try scalarText(interp, relative.max() ?? .infinity, relativeDType)))
            throw PyException("AssertionError", head + "\n" + remarks.joined(separator: "\n") + "\n" + footer)
        }

        /// `array2string` of a 0-d value: the one element of a one-element array's text.
        private func scalarText(_ interp: Interpreter, _ value: Double, _ dtype: DType) throws(PyException) -> String {
            let one = Kernels.cast(JaxArray(shape: [], storage: .float64([value])), to: dtype, semantics: .numpy)
            let text = try interp.str(.object(NDArrayObject(try Kernels.broadcast(one, to: [1], semantics: .numpy))))
            return String(text.dropFirst().dropLast())
        }

        private func multiIndex(_ flat: Int, _ shape: [Int]) -> [Int] {
            var index: [Int] = [], rest = flat
            for size in shape.reversed() {
                index.append(size == 0 ? 0 : rest % size)
                rest = size == 0 ? 0 : rest / size
            }
            return index.reversed()
        }
    }

    /// An array's elements as float64 values.
    static func doubles(_ a: JaxArray) -> [Double] {
        guard case .float64(let values) = Kernels.cast(a, to: .float64, semantics: .numpy).storage else { return [] }
        return values
    }
}
