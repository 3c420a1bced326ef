import XCTest
@testable import Language

/// Expected strings are what IPython's `_format_time` and `TimeitResult` print for the same numbers.
final class TimeFormatTests: XCTestCase {
    func testDurationsMatchIPython() {
        let cases: [(Double, String)] = [
            (12.3e-6, "12.3 µs"), (0.5, "500 ms"), (1.5, "1.5 s"), (2.5e-8, "25 ns"), (75, "1min 15s"),
            (0, "0 ns"), (3723.5, "1h 2min 3s"), (0.001, "1 ms"), (0.000999, "999 µs"), (4.2e-10, "0.42 ns"),
            (59.99, "60 s"),
        ]
        for (seconds, expected) in cases {
            XCTAssertEqual(TimeFormat.duration(seconds), expected, "\(seconds)")
        }
    }

    func testTimeitSummaryLine() {
        let timings = [1.2e-5, 1.25e-5, 1.3e-5, 1.21e-5, 1.22e-5, 1.24e-5, 1.26e-5]
        XCTAssertEqual(TimeFormat.timeitSummary(perLoop: timings, loops: 10_000),
                       "12.4 µs ± 316 ns per loop (mean ± std. dev. of 7 runs, 10,000 loops each)")
        XCTAssertEqual(TimeFormat.timeitSummary(perLoop: [0.25], loops: 1),
                       "250 ms ± 0 ns per loop (mean ± std. dev. of 1 run, 1 loop each)")
    }

    func testThousandsSeparators() {
        XCTAssertEqual(TimeFormat.grouped(1), "1")
        XCTAssertEqual(TimeFormat.grouped(1_000), "1,000")
        XCTAssertEqual(TimeFormat.grouped(100_000_000), "100,000,000")
    }

    func testTimeitOptions() {
        let options = TimeitOptions(parsing: "-n 100 -r3 -q f(x).block_until_ready()")
        XCTAssertEqual(options?.loops, 100)
        XCTAssertEqual(options?.repeats, 3)
        XCTAssertEqual(options?.quiet, true)
        XCTAssertEqual(options?.rest, "f(x).block_until_ready()")
        // IPython's getopt: an option it does not know is a UsageError, a leading `-1` included
        XCTAssertNil(TimeitOptions(parsing: "-x 1"))
        XCTAssertNil(TimeitOptions(parsing: "-1 + x"))
        XCTAssertEqual(TimeitOptions.unknownOption("-n 3 -x 1"), "-x")
    }
}
