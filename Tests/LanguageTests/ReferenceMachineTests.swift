import XCTest
import Language

/// The start-up note for a CPU without the reference machine's instructions.
final class ReferenceMachineTests: XCTestCase {
    func testNoteOnlyWithoutAVX2AndFMA() {
        XCTAssertNil(ReferenceMachine.startupNote(cpuHasReferenceInstructions: true))
        let note = try? XCTUnwrap(ReferenceMachine.startupNote(cpuHasReferenceInstructions: false))
        XCTAssertTrue(note?.contains("AVX2/FMA") == true)
        XCTAssertTrue(note?.contains("last digit") == true)
    }
}
