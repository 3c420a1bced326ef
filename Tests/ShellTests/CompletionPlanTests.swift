import XCTest
@testable import Shell

final class CompletionPlanTests: XCTestCase {
    func testUniqueDottedCandidateCompletesTheWord() {
        XCTAssertEqual(CompletionPlan.plan(before: "1+jnp.ara", candidates: ["jnp.arange"]),
                       .insert(deleting: 0, text: "nge"))
        XCTAssertEqual(CompletionPlan.plan(before: "1+jnp.ara", candidates: ["arange"]),
                       .insert(deleting: 0, text: "nge"))
    }

    func testSeveralCandidatesExtendToTheirCommonPrefixThenList() {
        XCTAssertEqual(CompletionPlan.plan(before: "jnp.ar", candidates: ["jnp.arange", "jnp.argmax", "jnp.argmin"]),
                       .list(["jnp.arange", "jnp.argmax", "jnp.argmin"]))
        XCTAssertEqual(CompletionPlan.plan(before: "jnp.argm", candidates: ["argmax", "argmin"]),
                       .list(["argmax", "argmin"]))
        XCTAssertEqual(CompletionPlan.plan(before: "x.ast", candidates: ["astype"]), .insert(deleting: 0, text: "ype"))
        XCTAssertEqual(CompletionPlan.plan(before: "jnp.zeros(3, d", candidates: ["dtype="]),
                       .insert(deleting: 0, text: "type="))
        XCTAssertEqual(CompletionPlan.plan(before: "b.", candidates: ["at", "astype"]),
                       .insert(deleting: 0, text: "a"))
    }

    func testNoCandidatesDoNothing() {
        XCTAssertEqual(CompletionPlan.plan(before: "zzz", candidates: []), .nothing)
    }

    func testColumnsReadDownThenAcross() {
        let text = CompletionPlan.columns(["aa", "bb", "cc", "dd", "ee"], width: 12)
        XCTAssertEqual(text, "aa  cc  ee\nbb  dd")
    }
}
