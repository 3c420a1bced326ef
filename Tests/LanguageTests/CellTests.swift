import Foundation
import XCTest
@testable import Language

/// Runs the cells of every recorded reference file (real JAX/NumPy/Python output, recorded by
/// `Data/record.py`, and plain CPython 3.11's by `Data/record_python.py`) through one Session
/// per file, in order, the way `jaxlab run` runs a script, and compares what each cell prints
/// byte for byte (stderr too, where the reference has it; object addresses are placeholders).
/// Every cell must pass unless it is listed in `knownDifferences` with the reason; that list
/// only shrinks.
final class CellTests: XCTestCase {
    /// A recorded cell: its name, source and the output real Python printed.
    struct Cell: Decodable {
        let cell: String
        let code: String
        let output: String
        /// What the cell wrote to stderr (logging, warnings), for references that record it.
        let stderr: String?
    }

    /// The recorded files under Data/.
    static let files = ["python-semantics", "array-semantics", "student-patterns", "bindings", "lab1", "random-trace",
                        "classes", "generators", "complex-numbers", "stdlib", "sets", "pytrees", "jit-api", "jax-errors", "control-flow", "differentiation", "debugging", "numpy-testing",
                        "custom-derivatives", "checkpoint", "convolution", "array-functions", "regressions",
                        "printoptions", "compiled-bits", "complex-arrays", "tutorial-gaps", "linalg", "linalg-more", "jnp-breadth", "jnp-more", "dtype-details",
                        "nn-activations", "erfc-normal", "random-samplers", "special-logs", "nn-initializers", "jaxpr-objects", "complex-more", "jnp-breadth2", "lax-api", "tutorial-gaps2", "mutable-keys"]

    /// `file/cell` of the cells jaxlab does not reproduce yet, with why.
    static let knownDifferences: [String: String] = [:]

    /// Runs every cell of `name`.json; returns each cell's failure (what was expected, what
    /// was printed), keyed by cell name.
    static func failingCells(_ name: String) throws -> [String: String] {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Data") else {
            throw NSError(domain: "CellTests", code: 1, userInfo: [NSLocalizedDescriptionKey: "missing \(name).json"])
        }
        let cells = try JSONDecoder().decode([Cell].self, from: Data(contentsOf: url))
        let session = Session(sink: BufferSink())
        var failures: [String: String] = [:]
        for cell in cells {
            let result = session.runInput(quietly: true) { _ = session.execute(cell.code, filename: cell.cell, echo: false) }
            var printed = result.printed
            if let raised = result.exception {
                // the recorder prints an escaping exception as `Name: message`
                let shortName = raised.kind.split(separator: ".").last.map(String.init) ?? raised.kind
                printed += "\(shortName): \(raised.message)\n"
            }
            let sameErrors = cell.stderr.map { normalizingAddresses($0) == normalizingAddresses(result.errorText) } ?? true
            if normalizingAddresses(printed) != normalizingAddresses(cell.output) || !sameErrors {
                failures[cell.cell] = "expected:\n\(cell.output)\(cell.stderr.map { "stderr:\n" + $0 } ?? "")\ngot:\n\(printed)"
                    + (cell.stderr == nil ? "" : "stderr:\n\(result.errorText)")
            }
        }
        return failures
    }

    /// Object addresses (`<object object at 0x7f...>`) differ from run to run, in CPython too.
    static func normalizingAddresses(_ text: String) -> String {
        text.replacingOccurrences(of: "0x[0-9a-f]{8,}", with: "0x…", options: .regularExpression)
    }

    func check(_ name: String) throws {
        let failures = try CellTests.failingCells(name)
        for (cell, failure) in failures.sorted(by: { $0.key < $1.key }) where CellTests.knownDifferences["\(name)/\(cell)"] == nil {
            XCTFail("cell \(name)/\(cell) does not pass:\n\(failure)")
        }
        for key in CellTests.knownDifferences.keys.sorted() where key.hasPrefix(name + "/") {
            let cell = String(key.dropFirst(name.count + 1))
            XCTAssertNotNil(failures[cell], "\(key) passes now: remove it from knownDifferences")
        }
    }

    func testEveryKnownDifferenceNamesARecordedCell() throws {
        for key in CellTests.knownDifferences.keys {
            let file = String(key.prefix { $0 != "/" })
            XCTAssert(CellTests.files.contains(file), "\(key) names no recorded file")
        }
    }

    /// What JAX's tutorials beyond the public ones use: grad's static arguments, custom rules
    /// running alone under differentiation, `jax.typeof`, `jit(f).trace`, `effects_barrier`.
    func testTutorialGapCells() throws { try check("tutorial-gaps") }

    /// What more of JAX's tutorials and its API docstrings use: `in_axes` as a pytree prefix,
    /// transformations of functions given pytrees, lax's shape functions, `disable_jit`.
    func testTutorialGap2Cells() throws { try check("tutorial-gaps2") }

    /// Weak types of creation and vjp results; bitcasts and views of bits.
    func testDTypeDetailCells() throws { try check("dtype-details") }

    func testConvolutionCells() throws { try check("convolution") }

    func testArrayFunctionCells() throws { try check("array-functions") }

    func testLinalgCells() throws { try check("linalg") }

    func testJnpBreadthCells() throws { try check("jnp-breadth") }

    func testJnpMoreCells() throws { try check("jnp-more") }

    /// The linalg functions beyond the first set (norms of every order, pinv, lstsq, ...) and
    /// einsum of three or more operands.
    func testLinalgMoreCells() throws { try check("linalg-more") }

    /// Complex sqrt, powers, trig, var/std, cumsum, ordering, vector products, Jacobians.
    func testComplexMoreCells() throws { try check("complex-more") }

    /// jax.nn's activations, one_hot and standardize: values, bits, jaxprs, gradients.
    func testNNActivationCells() throws { try check("nn-activations") }

    /// jax.nn.initializers and jax.random.orthogonal.
    func testNNInitializerCells() throws { try check("nn-initializers") }

    /// lax.erfc, ndtr, jax.scipy.stats.norm and the exact gelu.
    func testErfcNormalCells() throws { try check("erfc-normal") }

    /// jax.scipy.special's logit, xlogy, xlog1py and entr.
    func testSpecialLogCells() throws { try check("special-logs") }

    /// jax.random's transformed-uniform samplers, rademacher and categorical.
    func testRandomSamplerCells() throws { try check("random-samplers") }

    /// A make_jaxpr result inspected as JAX's ClosedJaxpr.
    func testJaxprObjectCells() throws { try check("jaxpr-objects") }

    /// Dict keys and jit static arguments whose hash changes after they were stored.
    func testMutableKeyCells() throws { try check("mutable-keys") }

    /// Inverse trigonometric and hyperbolic functions, rounding and sign helpers, bitwise
    /// functions, running products, quantiles, interpolation, set operations, covariance.
    func testJnpBreadth2Cells() throws { try check("jnp-breadth2") }

    /// jax.lax's shape, slicing, creation, elementwise, reduction, sorting and product
    /// functions: values, jaxprs, grads and vmaps, and lax's errors.
    func testLaxAPICells() throws { try check("lax-api") }

    func testPrintOptionsCells() throws { try check("printoptions") }

    func testRegressionCells() throws { try check("regressions") }

    func testPythonSemanticsCells() throws { try check("python-semantics") }

    func testLab1Cells() throws { try check("lab1") }

    func testArraySemanticsCells() throws { try check("array-semantics") }

    func testStudentPatternCells() throws { try check("student-patterns") }

    func testModuleBindingCells() throws { try check("bindings") }

    /// jax.random under jit, vmap, make_jaxpr and grad: values bit for bit and printed jaxprs
    /// byte for byte.
    func testRandomTraceCells() throws { try check("random-trace") }

    func testClassCells() throws { try check("classes") }

    func testGeneratorCells() throws { try check("generators") }

    func testComplexNumberCells() throws { try check("complex-numbers") }

    func testComplexArrayCells() throws { try check("complex-arrays") }

    func testStandardLibraryCells() throws { try check("stdlib") }

    func testSetOrderCells() throws { try check("sets") }

    /// jax.tree and jax.tree_util: flattening, node types, key paths, registration, errors.
    func testPytreeCells() throws { try check("pytrees") }

    /// Bits of compiled programs that differ from the same equations run one by one (XLA's
    /// fused orders), e.g. vmap's `x @ W + b` under jit.
    func testCompiledBitsCells() throws { try check("compiled-bits") }

    /// jax.jit's static arguments, decorator forms, caching on the function and errors.
    func testJitAPICells() throws { try check("jit-api") }

    /// JAX's errors and edge behaviour: formatting 0-d arrays, jnp refusing lists, broadcasting,
    /// `.at[]` modes and keywords, nonzero, tracer errors with their origin.
    func testJaxErrorCells() throws { try check("jax-errors") }

    /// lax.cond, switch, select, while_loop, fori_loop, scan and map: values and jaxprs eager,
    /// under jit, vmap and grad, and their errors.
    func testControlFlowCells() throws { try check("control-flow") }

    /// vjp, linearize, jacfwd, jacrev, jacobian and hessian, grad's options, and the weak
    /// types of gradients.
    func testDifferentiationCells() throws { try check("differentiation") }

    /// jax.debug.print and jax.debug.callback: eager, under jit (every call), vmap, grad and
    /// the loops, their jaxprs and the format string's errors.
    func testDebuggingCells() throws { try check("debugging") }

    /// jnp's predicates and closeness tests, vdot, lax's two-operand functions, NumPy's
    /// closeness tests, numpy.testing's reports, np.random's state, and Array.sharding.
    func testNumpyTestingCells() throws { try check("numpy-testing") }

    /// jax.custom_jvp and jax.custom_vjp: values, jaxprs and errors eager, under jit, grad,
    /// jvp, vjp and vmap, with nondiff_argnums, defjvps, closures and pytrees.
    func testCustomDerivativeCells() throws { try check("custom-derivatives") }

    /// jax.checkpoint / jax.remat: the remat2 equation, the recomputation make_jaxpr(grad(...))
    /// shows under each policy, static_argnums, and values under jit, grad and vmap.
    func testCheckpointCells() throws { try check("checkpoint") }
}
