import Foundation
import XCTest

/// `jaxlab replay LESSON --answers LOG`: a student's recorded inputs graded task by task.
final class GradingTests: XCTestCase {
    /// A log with a wrong answer, a hint, a pass, a skip and a task left failed.
    static let log: [(step: String, input: String)] = [
        ("imports", "import jax\nimport jax.numpy as jnp\nprint('ready')"),
        ("version", "print(\"Using jax\", jax.__version__)"),
        ("zeros", "a = jnp.zeros((2, 5), dtype=jnp.float32)\nprint(a)"),
        ("arange", "b = jnp.arange(6)\nprint(b)"),
        ("dtype-of-b", "type(b)"),
        ("dtype-of-b", ":hint"),
        ("dtype-of-b", "b.dtype"),
        ("dtype-of-b", ":next"),
        ("c-float16", ":skip"),
        ("class-of-b", "b.dtype"),
        ("class-of-b", ":next"),
    ]

    private func writeLog(in directory: String) throws -> String {
        let lines = GradingTests.log.enumerated().map { index, entry -> String in
            let object: [String: Any] = ["lesson": "introduction-to-jax", "version": 1, "step": entry.step,
                                         "time": String(format: "2025-05-06T09:%02d:00Z", index), "input": entry.input]
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
            return String(decoding: data, as: UTF8.self)
        }
        let path = directory + "/alice.jsonl"
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testGradingPrintsOneLinePerTaskAndATotal() throws {
        let directory = try JaxlabProcess.temporaryDirectory("grading")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let log = try writeLog(in: directory)
        let outcome = try JaxlabProcess.run(["replay", "1", "--answers", log])
        XCTAssertEqual(outcome.status, 0, outcome.errors)
        let lines = outcome.output.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "introduction-to-jax (version 1) graded from \(log)")
        XCTAssertTrue(lines.contains("  dtype-of-b        passed    1 hint"), outcome.output)
        XCTAssertTrue(lines.contains("  c-float16         skipped   0 hints"), outcome.output)
        XCTAssertTrue(lines.contains("  class-of-b        failed    0 hints"), outcome.output)
        XCTAssertTrue(lines.contains("  device-of-b       not tried 0 hints"), outcome.output)
        XCTAssertEqual(lines.last, "total: 1 of 11 passed, 1 failed, 1 skipped, 8 not tried; 1 hint")
    }

    func testGradingAsJSONForScripts() throws {
        let directory = try JaxlabProcess.temporaryDirectory("grading-json")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let log = try writeLog(in: directory)
        let outcome = try JaxlabProcess.run(["replay", "1", "--answers", log, "--json"])
        XCTAssertEqual(outcome.status, 0, outcome.errors)
        let summary = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(outcome.output.utf8)) as? [String: Any])
        XCTAssertEqual(summary["passed"] as? Int, 1)
        XCTAssertEqual(summary["failed"] as? Int, 1)
        XCTAssertEqual(summary["skipped"] as? Int, 1)
        XCTAssertEqual(summary["hints"] as? Int, 1)
        let tasks = try XCTUnwrap(summary["tasks"] as? [[String: Any]])
        XCTAssertEqual(tasks.first?["id"] as? String, "dtype-of-b")
        XCTAssertEqual(tasks.first?["attempts"] as? Int, 2)
    }

    func testABrokenLogLineIsReportedWithItsLine() throws {
        let directory = try JaxlabProcess.temporaryDirectory("grading-bad")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/bad.jsonl"
        try "{\"lesson\": \"introduction-to-jax\"}\n".write(toFile: path, atomically: true, encoding: .utf8)
        let outcome = try JaxlabProcess.run(["replay", "1", "--answers", path])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertEqual(outcome.errors, "\(path):1: not an answer: a line is a JSON object with lesson, version, step, time and input\n")
    }
}
