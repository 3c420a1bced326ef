import Foundation
import XCTest

/// Loads the hex-encoded reference files recorded from real JAX and NumPy (Data/).
enum ReferenceData {
    /// The lines of `Data/<name>`, without blank lines and `#` comments.
    static func lines(_ name: String) throws -> [Substring] {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "Data/\(name)", withExtension: nil))
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    /// A line's space-separated fields parsed as hexadecimal 32-bit words.
    static func words(_ line: Substring) throws -> [UInt32] {
        try line.split(separator: " ").map { try XCTUnwrap(UInt32($0, radix: 16), "bad hex in \(line)") }
    }
}
