import XCTest
@testable import Language

/// Runs source through a fresh Session the way `jaxlab run` does and returns what it printed.
func runPython(_ source: String, file: String = "test.py") -> (output: String, errors: String, ok: Bool) {
    let sink = BufferSink()
    let session = Session(sink: sink)
    let ok = session.runScript(source, filename: file)
    return (sink.output, sink.errors, ok)
}

/// Asserts that `source` prints exactly `expected` and raises nothing.
func assertPrints(_ source: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
    let result = runPython(source)
    XCTAssertEqual(result.output, expected, file: file, line: line)
    XCTAssertTrue(result.ok, "unexpected error: \(result.errors)", file: file, line: line)
}

/// Asserts that `source` ends with an uncaught exception whose last traceback line is `lastLine`.
func assertRaises(_ source: String, _ lastLine: String, file: StaticString = #filePath, line: UInt = #line) {
    let result = runPython(source)
    XCTAssertFalse(result.ok, file: file, line: line)
    XCTAssertEqual(result.errors.split(separator: "\n").last.map(String.init), lastLine, "\(result.errors)", file: file, line: line)
}
