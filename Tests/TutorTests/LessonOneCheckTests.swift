import Language
import XCTest
@testable import Tutor

/// Lesson 1's checks are fair: other correct answers pass (echoed or printed, other spellings)
/// and the known wrong answers get their message.
final class LessonOneCheckTests: XCTestCase {
    static let lesson: Lesson? = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Lessons/01-introduction-to-jax.md")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        return try? LessonParser.parse(text, file: "01-introduction-to-jax.md")
    }()

    /// What the walker says after `input` at the task `id` (reached by running what comes before).
    private func events(at id: String, _ input: String) throws -> [LessonWalker.Event] {
        let lesson = try XCTUnwrap(LessonOneCheckTests.lesson)
        let walker = LessonWalker(lesson: lesson) { LessonSession(sink: BufferSink(), timing: .quick) }
        walker.go(to: try XCTUnwrap(lesson.stepIndex(id: id)))
        return walker.handle(input)
    }

    private func assertPasses(_ id: String, _ input: String, line: UInt = #line) throws {
        let events = try events(at: id, input)
        XCTAssertTrue(events.contains { if case .passed = $0 { true } else { false } }, "\(id): \(input)", line: line)
    }

    private func assertMessage(_ id: String, _ input: String, contains text: String?, line: UInt = #line) throws {
        let events = try events(at: id, input)
        let messages = events.compactMap { event -> String? in if case .wrongAnswer(let m) = event { m } else { nil } }
        XCTAssertFalse(events.contains { if case .passed = $0 { true } else { false } }, "\(id): \(input) passed", line: line)
        if let text {
            XCTAssertTrue(messages.contains { $0.contains(text) }, "\(id): \(input): \(messages)", line: line)
        } else {
            XCTAssertEqual(messages, [], "\(id): \(input)", line: line)
        }
    }

    func testDtypeOfB() throws {
        try assertPasses("dtype-of-b", "b.dtype")
        try assertPasses("dtype-of-b", "print(b.dtype)")
        try assertMessage("dtype-of-b", "type(b)", contains: "class of b")
        try assertMessage("dtype-of-b", "x = 1", contains: nil)
    }

    func testCFloat16() throws {
        try assertPasses("c-float16", "c = jnp.arange(5, 11, dtype=jnp.float16)")
        try assertPasses("c-float16", "c = jnp.array([5, 6, 7, 8, 9, 10], dtype='float16')")
        try assertMessage("c-float16", "c = jnp.arange(5, 10, dtype=jnp.float16)", contains: "no 10")
        try assertMessage("c-float16", "c = jnp.arange(5, 11, dtype=jnp.float64)", contains: "c has the dtype float32, but the task asks for float16")
        try assertMessage("c-float16", "c = jnp.arange(5, 11)", contains: "c has the dtype int32")
        try assertMessage("c-float16", "c = np.arange(5, 11, dtype=np.float16)", contains: "make it with jnp")
    }

    func testClassAndDeviceOfB() throws {
        try assertPasses("class-of-b", "type(b)")
        try assertMessage("class-of-b", "b.dtype", contains: "data type")
        try assertPasses("device-of-b", "b.device")
        try assertPasses("device-of-b", "print(b.device)")
    }

    func testAtSet() throws {
        try assertPasses("at-set", "b_new = b.at[0].set(1)")
        try assertMessage("at-set", "b[0] = 1", contains: "cannot be changed in place")
        try assertMessage("at-set", "b = b.at[0].set(1)", contains: "b itself should stay")
    }

    func testShortFAndNorm() throws {
        try assertPasses("short-f", "def f_short(x): return ((x + 2) ** 2 + 3).mean()\nprint(jax.make_jaxpr(f_short)(x))")
        try assertMessage("short-f", "def f_short(x): return ((x + 2) ** 2 + 3).mean()", contains: "jax.make_jaxpr(f_short)(x)")
        try assertMessage("short-f", "def f_short(x): return ((x + 2) ** 2).mean()", contains: "f_short(x) is")
        try assertPasses("norm-side-effect", "inp = x\nnorm(inp)\nglobal_list")
        try assertMessage("norm-side-effect", "inp = x\nnorm(inp)", contains: "print it")
    }

    func testGradOfF() throws {
        try assertPasses("grad-f", "grad_function = jax.grad(f)\ngrad_function(x)")
        try assertMessage("grad-f", "grad_function = jax.grad(f)", contains: "evaluate it")
        try assertMessage("grad-f", "grad_function = jax.grad(jnp.sum)\ngrad_function(x)", contains: "does not match")
    }

    func testTimingTheJittedFunction() throws {
        try assertPasses("time-jit", "%timeit jitted_function(large_input).block_until_ready()")
        try assertPasses("time-jit", "%%timeit\njitted_function(large_input).block_until_ready()")
        try assertMessage("time-jit", "%timeit f(large_input).block_until_ready()", contains: "Time jitted_function instead")
        try assertMessage("time-jit", "%timeit jitted_function(large_input)", contains: "block_until_ready")
    }

    func testExplicitBatch() throws {
        try assertPasses("explicit-batch", "x_vec @ W + b")
        try assertPasses("explicit-batch", "print(jnp.dot(x_vec, W) + b)")
        try assertMessage("explicit-batch", "x_vec @ W", contains: "bias")
        try assertMessage("explicit-batch", "vectorized_linear(x_vec, W, b)", contains: "uses vmap")
    }

    func testOutOfBounds() throws {
        try assertPasses("out-of-bounds", "jnp.arange(10)[11]")
        try assertMessage("out-of-bounds", "np.arange(10)[5]", contains: "NumPy's answer")
        try assertMessage("out-of-bounds", "y = 2", contains: nil)
    }
}
