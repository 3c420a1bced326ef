import Foundation
import XCTest

/// `jaxlab lesson new --from`: lesson skeletons from a notebook and from a lab's text export.
final class ImportTests: XCTestCase {
    func testANotebookBecomesALessonOnceItsTodosAreFilledIn() throws {
        let directory = try JaxlabProcess.temporaryDirectory("import-notebook")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let notebook: [String: Any] = [
            "nbformat": 4, "nbformat_minor": 5, "metadata": [:],
            "cells": [
                ["cell_type": "markdown", "metadata": [:], "source": ["# My Lab\n", "\n", "Some intro with a `jnp` word.\n"]],
                ["cell_type": "code", "metadata": [:], "outputs": [], "execution_count": NSNull(),
                 "source": ["x = jnp.arange(3)\n", "print(x)"]],
                ["cell_type": "markdown", "metadata": [:], "source": "Shown only:\n\n```python\nnot_run()\n```\n\n**Task**: Double `x`."],
                ["cell_type": "code", "metadata": [:], "outputs": [], "execution_count": NSNull(), "source": "y = 2 * x\nprint(y)"],
                ["cell_type": "raw", "metadata": [:], "source": "ignored"],
            ],
        ]
        let path = directory + "/My Lab.ipynb"
        try JSONSerialization.data(withJSONObject: notebook).write(to: URL(fileURLWithPath: path))
        let made = try JaxlabProcess.run(["lesson", "new", "--from", path], in: directory)
        XCTAssertEqual(made.status, 0, made.errors)
        XCTAssertEqual(made.output, "wrote my-lab.md: 1 example cells and 1 tasks\n"
                       + "Fill in each task's check and hints (marked TODO); `jaxlab replay my-lab.md --check` says what is left.\n")
        var lesson = try String(contentsOfFile: directory + "/my-lab.md", encoding: .utf8)
        XCTAssertTrue(lesson.hasPrefix("---\nid: my-lab\ntitle: My Lab\nversion: 1\nlanguage: en\n---\n"), lesson)
        XCTAssertTrue(lesson.contains("```python\nx = jnp.arange(3)\nprint(x)\n```"), lesson)
        XCTAssertTrue(lesson.contains("```python show\nnot_run()\n```"), lesson)
        XCTAssertTrue(lesson.contains("```task task-1\n```"), lesson)
        XCTAssertTrue(lesson.contains("```solution\ny = 2 * x\nprint(y)\n```"), lesson)
        XCTAssertFalse(lesson.contains("ignored"))

        let unfinished = try JaxlabProcess.run(["replay", "my-lab.md", "--check"], in: directory)
        XCTAssertEqual(unfinished.status, 1)
        XCTAssertTrue(unfinished.errors.contains("my-lab.md:29: the check of task `task-1` is empty"), unfinished.errors)
        XCTAssertTrue(unfinished.errors.contains("the hint still says TODO"), unfinished.errors)

        lesson = lesson.replacingOccurrences(of: "# TODO: check the answer, e.g. assert close(answer, expected), \"what is wrong\"",
                                             with: "assert same_array(y, 2 * x), \"y should be twice x\"")
            .replacingOccurrences(of: "TODO: a first hint", with: "Multiply.")
            .replacingOccurrences(of: "TODO: a second, more direct hint", with: "y = 2 * x")
        try lesson.write(toFile: directory + "/my-lab.md", atomically: true, encoding: .utf8)
        let filled = try JaxlabProcess.run(["replay", "my-lab.md", "--check"], in: directory)
        XCTAssertEqual(filled.status, 0, filled.errors)
        XCTAssertTrue(filled.output.contains(">>> y = 2 * x\n>>> print(y)\n[0 2 4]\ncheck: passed\n"), filled.output)

        let again = try JaxlabProcess.run(["lesson", "new", "--from", path], in: directory)
        XCTAssertEqual(again.status, 1)
        XCTAssertEqual(again.errors, "jaxlab: my-lab.md exists; choose another --output, or --force to replace it\n")
    }

    func testTheLabsTextExportKeepsEveryCellAndTask() throws {
        let directory = try JaxlabProcess.temporaryDirectory("import-text")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let source = JaxlabProcess.packageRoot + "/Tests/CommandLineTests/Data/lab1-export.txt"
        let made = try JaxlabProcess.run(["lesson", "new", "--from", source, "-o", "lab1.md", "--id", "lab-1"], in: directory)
        XCTAssertEqual(made.status, 0, made.errors)
        XCTAssertTrue(made.output.hasPrefix("wrote lab1.md: 35 example cells and 11 tasks\n"), made.output)
        let lesson = try String(contentsOfFile: directory + "/lab1.md", encoding: .utf8)
        XCTAssertTrue(lesson.hasPrefix("---\nid: lab-1\ntitle: Lab 1: Introduction to JAX\n"), lesson)
        // a cell with blank lines and a comment paragraph inside stays whole
        XCTAssertTrue(lesson.contains("```python\nglobal_list = []\n\n# Invalid function with side-effect\ndef norm(x):\n"), lesson)
        XCTAssertTrue(lesson.contains("jax.make_jaxpr(norm)(x)\n```\n\nAs you can see"), lesson)
        // the jaxpr grammar in the text is shown, not run
        XCTAssertTrue(lesson.contains("```python show\njaxpr ::= { lambda Var* ; Var+."), lesson)
        XCTAssertTrue(lesson.contains("**Task**: What is the data type of the variable `b`? \n\n```task task-1\n```"), lesson)
        XCTAssertTrue(lesson.contains("```python\n%%timeit\nf(large_input).block_until_ready()\n```"), lesson)
    }
}
