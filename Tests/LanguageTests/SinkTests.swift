import XCTest
@testable import Language

final class SinkTests: XCTestCase {
    func testBufferSinkCollectsOutputAndErrorsApart() {
        let sink = BufferSink()
        sink.write("a")
        sink.writeError("b")
        XCTAssertEqual(sink.output, "a")
        XCTAssertEqual(sink.errors, "b")
    }
}
