import Foundation
@testable import JaxCore

/// One recorded array and the text real JAX and NumPy printed for it.
struct FormatCase: Decodable {
    let name: String
    let dtype: String
    let shape: [Int]
    let weak: Bool
    let bits: String
    let str: String
    let repr: String
    let numpy_str: String?
    let numpy_repr: String
    let scalar_repr: String?
    let scalar_str: String?

    /// The array, its element pattern repeated to fill the shape.
    func array() throws -> JaxArray {
        guard let dtype = DType(rawValue: dtype) else { throw FormatCaseError.unknownDType(self.dtype) }
        let bytes = FormatCaseLoader.bytes(hex: bits)
        let count = shape.reduce(1, *)
        let patternCount = bytes.count / dtype.itemSize
        func words<T: FixedWidthInteger>(_: T.Type) -> [T] {
            let pattern: [T] = (0..<patternCount).map { i in
                var w: T = 0
                for b in 0..<dtype.itemSize { w |= T(bytes[i * dtype.itemSize + b]) << (8 * b) }
                return w
            }
            guard patternCount > 0 else { return [] }
            var tiled: [T] = []
            tiled.reserveCapacity(count)
            while tiled.count < count { tiled.append(contentsOf: pattern.prefix(count - tiled.count)) }
            return tiled
        }
        let storage: Storage
        switch dtype {
        case .bool: storage = .bool(words(UInt8.self).map { $0 != 0 })
        case .uint8: storage = .uint8(words(UInt8.self))
        case .int8: storage = .int8(words(UInt8.self).map { Int8(bitPattern: $0) })
        case .uint16: storage = .uint16(words(UInt16.self))
        case .int16: storage = .int16(words(UInt16.self).map { Int16(bitPattern: $0) })
        case .uint32: storage = .uint32(words(UInt32.self))
        case .int32: storage = .int32(words(UInt32.self).map { Int32(bitPattern: $0) })
        case .uint64: storage = .uint64(words(UInt64.self))
        case .int64: storage = .int64(words(UInt64.self).map { Int64(bitPattern: $0) })
        case .float16: storage = .float16(words(UInt16.self).map { Float16(bitPattern: $0) })
        case .bfloat16: storage = .bfloat16(words(UInt16.self).map { BFloat16(bitPattern: $0) })
        case .float32: storage = .float32(words(UInt32.self).map { Float(bitPattern: $0) })
        case .float64: storage = .float64(words(UInt64.self).map { Double(bitPattern: $0) })
        // the format cases hold no complex dtype (their printing is checked by complex-arrays cells)
        case .complex64, .complex128: throw FormatCaseError.unknownDType(self.dtype)
        }
        return JaxArray(shape: shape, storage: storage, weakType: weak)
    }
}

/// A Python float and its `repr`.
struct PythonFloatCase: Decodable {
    let bits: String
    let repr: String

    var value: Double {
        let bytes = FormatCaseLoader.bytes(hex: bits)
        var word: UInt64 = 0
        for (i, b) in bytes.enumerated() { word |= UInt64(b) << (8 * i) }
        return Double(bitPattern: word)
    }
}

/// The recorded file `Data/format-cases.json`, written by `Data/format-cases.py`.
struct FormatCaseFile: Decodable {
    let cases: [FormatCase]
    let python_floats: [PythonFloatCase]
}

/// Why the recorded cases could not be loaded.
enum FormatCaseError: Error { case unknownDType(String), missingFile }

/// Reads the recorded cases from the test bundle.
enum FormatCaseLoader {
    /// Decoded once for all tests.
    private static let cached = Result { try decode() }
    /// Every case with its array, built once for all tests.
    private static let cachedArrays = Result { try cached.get().cases.map { ($0, try $0.array()) } }

    static func load() throws -> FormatCaseFile { try cached.get() }

    static func arrays() throws -> [(FormatCase, JaxArray)] { try cachedArrays.get() }

    private static func decode() throws -> FormatCaseFile {
        guard let url = Bundle.module.url(forResource: "format-cases", withExtension: "json", subdirectory: "Data") else {
            throw FormatCaseError.missingFile
        }
        return try JSONDecoder().decode(FormatCaseFile.self, from: Data(contentsOf: url))
    }

    static func bytes(hex: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(hex.utf8.count / 2)
        var high: UInt8?
        for c in hex.utf8 {
            let v: UInt8 = c <= UInt8(ascii: "9") ? c &- UInt8(ascii: "0") : (c | 0x20) &- UInt8(ascii: "a") &+ 10
            if let h = high { out.append(h << 4 | v); high = nil } else { high = v }
        }
        return out
    }
}
