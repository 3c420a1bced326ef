import Foundation
import XCTest
@testable import Language

/// Tab completion candidates from the Session: keyword arguments inside a call, dict keys in a
/// subscript, file paths inside a string, and help text written for jaxlab.
final class CompletionTests: XCTestCase {
    func testKeywordArgumentsOfLibraryAndUserFunctions() {
        let session = Session(sink: BufferSink())
        XCTAssertTrue(session.runScript("import jax.numpy as jnp\ndef loss(params, batch_size=1):\n    return 0\n", filename: "c.py"))
        XCTAssertEqual(session.completions(for: "jnp.zeros(3, dt", cursor: 15).first, "dtype=")
        XCTAssertEqual(session.completions(for: "x = jnp.arange(5, st", cursor: 20).prefix(3), ["start=", "stop=", "step="])
        XCTAssertEqual(session.completions(for: "loss(p, batch", cursor: 13).first, "batch_size=")
        XCTAssertFalse(session.completions(for: "jnp.zeros(3)[dt", cursor: 15).contains("dtype="))
    }

    func testDictKeysInASubscript() {
        let session = Session(sink: BufferSink())
        XCTAssertTrue(session.runScript("params = {'weights': 1, 'bias': 2}\n", filename: "c.py"))
        XCTAssertEqual(session.completions(for: "params['we", cursor: 10), ["weights']"])
        XCTAssertEqual(session.completions(for: "params[\"b", cursor: 9), ["bias\"]"])
    }

    func testFilePathsInsideAString() throws {
        let directory = NSTemporaryDirectory() + "jaxlab-completion-\(getpid())/"
        try FileManager.default.createDirectory(atPath: directory + "lessons", withIntermediateDirectories: true)
        XCTAssertTrue(FileManager.default.createFile(atPath: directory + "lab-1.py", contents: Data()))
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let session = Session(sink: BufferSink())
        let line = "%run '" + directory + "le"
        XCTAssertEqual(session.completions(for: line, cursor: line.count), ["lessons/"])
        let dashed = "open('" + directory + "lab-"
        XCTAssertEqual(session.completions(for: dashed, cursor: dashed.count), ["1.py"])
    }

    func testHelpShowsSignatureAndSummary() {
        let sink = BufferSink()
        let session = Session(sink: sink)
        XCTAssertTrue(session.runScript("import jax.numpy as jnp\nhelp(jnp.arange)\n", filename: "h.py"))
        XCTAssertEqual(sink.output, """
        Help on function arange in module jax.numpy:

        arange(start, stop=None, step=None, dtype=None)
            Evenly spaced values in [start, stop) with the given step; with one
            argument, [0, start).


        """)
    }

    /// Every function added with the inverse trigonometric, bitwise, rounding and statistics
    /// families has a signature in help and completes its keywords in a call.
    func testNewerNumpyFunctionsHaveHelpAndKeywordCompletion() {
        let names = ["arcsin", "arccos", "sinh", "cosh", "arcsinh", "arccosh", "arctanh", "asin", "acos", "asinh", "acosh", "atanh", "atan",
                     "copysign", "heaviside", "float_power", "nextafter", "rint", "round", "around", "fabs", "positive", "isposinf",
                     "isneginf", "nan_to_num", "sinc", "fmax", "fmin", "cumprod", "nancumsum", "nancumprod", "empty", "empty_like",
                     "take_along_axis", "quantile", "percentile", "median", "polyval", "interp", "unravel_index", "divmod",
                     "bitwise_and", "bitwise_or", "bitwise_xor", "bitwise_not", "invert", "bitwise_invert", "left_shift", "right_shift",
                     "bitwise_left_shift", "bitwise_right_shift", "gcd", "lcm", "nanquantile", "nanpercentile", "nanmedian",
                     "trapezoid", "isin", "union1d", "intersect1d", "setdiff1d", "cov", "corrcoef", "pow", "concat",
                     "permute_dims", "matrix_transpose", "isrealobj", "array_equal", "atan2", "isreal", "isscalar",
                     "broadcast_arrays", "copy"]
        for name in names {
            let sink = BufferSink()
            let session = Session(sink: sink)
            XCTAssertTrue(session.runScript("import jax.numpy as jnp\nhelp(jnp.\(name))\n", filename: "h.py"), name)
            XCTAssertTrue(sink.output.hasPrefix("Help on function \(name) in module jax.numpy:\n\n\(name)("), "\(name): \(sink.output)")
        }
        let session = Session(sink: BufferSink())
        XCTAssertTrue(session.runScript("import jax.numpy as jnp\n", filename: "c.py"))
        XCTAssertEqual(session.completions(for: "jnp.quantile(x, 0.5, meth", cursor: 25), ["method="])
        XCTAssertEqual(session.completions(for: "jnp.take_along_axis(x, i, fill", cursor: 30), ["fill_value="])
    }
}
