import Foundation
import XCTest
@testable import Language

/// Runs the cells of recorded reference files (real JAX/NumPy/Python output) through one
/// Session each, in order, the way `jaxlab run` runs a script, and compares what each cell
/// prints byte for byte. The lists of cells expected to pass only ever grow.
final class CellTests: XCTestCase {
    /// A recorded cell: its name, source and the output real Python printed.
    struct Cell: Decodable {
        let cell: String
        let code: String
        let output: String
    }

    static let expectedToPass: [String: [String]] = [
        "python-semantics": [
            "ints_exact", "floats", "strings", "fstrings", "lists", "tuples_dicts", "control_flow", "functions",
            "closures", "defaults_once", "unpacking", "exceptions_caught", "exception_uncaught", "type_error",
            "attribute_error", "assert_fail", "builtins_misc", "chained_and_bool", "math_module", "math_domain",
            "import_missing", "del_and_names", "while_else_nested", "big_int_printing", "set_basics",
            "print_sep_end", "zero_division_float", "recursion_error", "unbound_local", "key_error_uncaught",
            "conditional_list_comp",
        ],
        "array-semantics": [
            "at_methods", "attributes", "casting", "creation", "dtypes", "elementwise", "grad_vmap_jit", "indexing",
            "iteration", "jaxpr_where", "jnp_immutable", "jnp_repr", "matmul", "np_mutation", "np_repr",
            "np_shape_error", "numpy_elementwise", "random_more", "reductions", "reshape_and_stack",
            "scalars_and_conversions", "setup", "shape_error", "truth_error", "weak_types",
        ],
        "student-patterns": [
            "setup", "format_arrays", "python_on_arrays", "mixing_scalars", "comparisons", "loops_with_arrays",
            "np_scalar_math", "np_inplace", "grad_of_loss", "jit_decorator", "vmap_nested", "jaxpr_mlp", "timing",
            "errors_caught", "dtype_promotion", "pytree_grad", "weak_gradients", "grad_through_jit", "jit_fused_subtract", "relu_custom_jvp",
            "traced_scalar_index", "traced_array_index", "indexing_edges", "traced_at_updates",
            "jit_grad_fusion", "vmap_at_updates", "relu_twice_jaxpr",
        ],
        "bindings": [
            "setup", "np_eye_identity", "np_like_functions", "np_shape_functions", "np_clip_stats_arctan2", "np_errors",
            "np_random_choice", "np_random_shuffle", "np_random_choice_errors", "truncated_normal", "lax_and_special",
            "lax_traced", "random_bad_input", "jnp_shape_errors", "edge_inputs", "sorting", "floor_divide_traced", "cumsum", "jvp", "cumsum_reverse", "take",
        ],
        "lab1": [
            "imports", "zeros", "arange", "task_dtype_b", "task_c_float16", "task_class_b", "task_device_b",
            "devices", "print_device", "device_get", "device_put", "mixed_add", "task_at_set", "rng_key",
            "random_same", "random_split", "def_f", "jaxpr_f", "task_short_f", "norm_side_effect", "task_norm_run",
            "task_grad", "jaxpr_grad", "value_and_grad", "jaxpr_value_and_grad", "jit_create", "large_input",
            "jit_grad", "simple_linear", "vmap_linear", "task_explicit_batch", "dynamic_shapes",
            "dynamic_shapes_again", "task_oob_np", "task_oob_jnp", "unsafe_cast", "x64_off", "x64_on",
        ],
    ]

    /// Runs every cell of `name`.json; returns the names of the cells whose output matched.
    static func passingCells(_ name: String) throws -> (passed: Set<String>, failures: [String: String]) {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Data") else {
            throw NSError(domain: "CellTests", code: 1, userInfo: [NSLocalizedDescriptionKey: "missing \(name).json"])
        }
        let cells = try JSONDecoder().decode([Cell].self, from: Data(contentsOf: url))
        let sink = BufferSink()
        let session = Session(sink: sink)
        var passed: Set<String> = []
        var failures: [String: String] = [:]
        for cell in cells {
            let before = sink.output.count
            let beforeErrors = sink.errors.count
            let ok = session.runScript(cell.code, filename: cell.cell)
            var printed = String(sink.output.dropFirst(before))
            if !ok {
                // the recorder prints an escaping exception as `Name: message`
                let errors = String(sink.errors.dropFirst(beforeErrors))
                var last = errors.split(separator: "\n").last.map(String.init) ?? ""
                if last.hasPrefix("jax.errors.") { last.removeFirst("jax.errors.".count) }
                if !last.contains(": ") { last += ": " }
                printed += last + "\n"
            }
            if printed == cell.output {
                passed.insert(cell.cell)
            } else {
                failures[cell.cell] = "expected:\n\(cell.output)\ngot:\n\(printed)"
            }
        }
        return (passed, failures)
    }

    func check(_ name: String) throws {
        let (passed, failures) = try CellTests.passingCells(name)
        let expected = CellTests.expectedToPass[name] ?? []
        for cell in expected where !passed.contains(cell) {
            XCTFail("cell \(name)/\(cell) no longer passes:\n\(failures[cell] ?? "")")
        }
        let newlyPassing = passed.subtracting(expected).sorted()
        if !newlyPassing.isEmpty {
            print("cells of \(name) passing but not yet listed: \(newlyPassing.joined(separator: ", "))")
        }
    }

    func testPythonSemanticsCells() throws { try check("python-semantics") }

    func testLab1Cells() throws { try check("lab1") }

    func testArraySemanticsCells() throws { try check("array-semantics") }

    func testStudentPatternCells() throws { try check("student-patterns") }

    func testModuleBindingCells() throws { try check("bindings") }
}
