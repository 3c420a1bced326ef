import BigInt
import Foundation
import JaxCore

/// A parsed format specification, `[[fill]align][sign][#][0][width][,][.precision][type]`.
struct FormatSpec {
    var fill: Character = " "
    var align: Character?
    var sign: Character = "-"
    var alternate = false
    var width = 0
    var grouping: Character?
    var precision: Int?
    var type: Character?

    init(_ text: String) throws(PyException) {
        let chars = Array(text)
        var i = 0
        func isAlign(_ c: Character) -> Bool { "<>^=".contains(c) }
        if chars.count >= 2 && isAlign(chars[1]) {
            fill = chars[0]
            align = chars[1]
            i = 2
        } else if !chars.isEmpty && isAlign(chars[0]) {
            align = chars[0]
            i = 1
        }
        if i < chars.count && "+- ".contains(chars[i]) {
            sign = chars[i]
            i += 1
        }
        if i < chars.count && chars[i] == "z" { i += 1 }
        if i < chars.count && chars[i] == "#" {
            alternate = true
            i += 1
        }
        if i < chars.count && chars[i] == "0" {
            if align == nil {
                fill = "0"
                align = "="
            }
            i += 1
        }
        var widthText = ""
        while i < chars.count, chars[i].isASCII, chars[i].isNumber {
            widthText.append(chars[i])
            i += 1
        }
        width = Int(widthText) ?? 0
        if width > Interpreter.maxSequenceLength || widthText.count > 9 { throw PyException.valueError("Too many decimal digits in format string") }
        if i < chars.count && (chars[i] == "," || chars[i] == "_") {
            grouping = chars[i]
            i += 1
        }
        if i < chars.count && chars[i] == "." {
            i += 1
            var precisionText = ""
            while i < chars.count, chars[i].isASCII, chars[i].isNumber {
                precisionText.append(chars[i])
                i += 1
            }
            guard let p = Int(precisionText) else { throw PyException.valueError("Format specifier missing precision") }
            if p > 10_000 { throw PyException.valueError("precision too big") }
            precision = p
        }
        if i < chars.count {
            type = chars[i]
            i += 1
        }
        if i < chars.count {
            throw PyException.valueError("Invalid format specifier '\(text)' for object of type")
        }
    }

    /// Pads `body` (with its sign split off for `=` alignment) to the width.
    func pad(_ body: String, numeric: Bool, signText: String = "") -> String {
        let length = body.count + signText.count
        guard width > length else { return signText + body }
        let padding = width - length
        switch align ?? (numeric ? ">" : "<") {
        case "<": return signText + body + String(repeating: fill, count: padding)
        case "^":
            let left = padding / 2
            return String(repeating: fill, count: left) + signText + body + String(repeating: fill, count: padding - left)
        case "=": return signText + String(repeating: fill, count: padding) + body
        default: return String(repeating: fill, count: padding) + signText + body
        }
    }
}

extension Interpreter {
    /// `format(value, spec)`, as f-strings use it.
    func formatValue(_ value: PyValue, _ specText: String) throws(PyException) -> String {
        if case .object(let o) = value, let text = try o.format(specText, self) { return text }
        if specText.isEmpty { return try str(value) }
        let spec: FormatSpec
        do throws(PyException) {
            spec = try FormatSpec(specText)
        } catch {
            throw PyException.valueError("Invalid format specifier '\(specText)' for object of type '\(value.typeName)'")
        }
        switch value {
        case .str(let s):
            guard spec.type == nil || spec.type == "s" else {
                throw PyException.valueError("Unknown format code '\(spec.type ?? " ")' for object of type 'str'")
            }
            let text = spec.precision.map { String(s.prefix($0)) } ?? s
            return spec.pad(text, numeric: false)
        case .bool(let b) where spec.type == nil:
            return spec.pad(b ? "True" : "False", numeric: false)
        case .bool, .int, .bigInt:
            guard let big = value.bigIntValue else { return "" }
            if let t = spec.type, "eEfFgG%".contains(t) {
                return try formatFloat(try Numbers.Operand.big(big).double(), spec)
            }
            return try formatInt(big, spec)
        case .float(let d):
            return try formatFloat(d, spec)
        case .object(let o):
            if let i = try o.toInt(self), spec.type.map({ "dxXobc".contains($0) }) == true {
                return try formatValue(i, specText)
            }
            if let d = try o.toFloat(self) { return try formatFloat(d, spec) }
            throw PyException.typeError("unsupported format string passed to \(o.typeName).__format__")
        default:
            throw PyException.typeError("unsupported format string passed to \(value.typeName).__format__")
        }
    }

    private func formatInt(_ value: BigInt, _ spec: FormatSpec) throws(PyException) -> String {
        let magnitude = value.magnitude
        var digits: String
        var prefix = ""
        switch spec.type {
        case nil, "d", "n": digits = try bigIntText(BigInt(magnitude))
        case "x": digits = String(magnitude, radix: 16); prefix = spec.alternate ? "0x" : ""
        case "X": digits = String(magnitude, radix: 16, uppercase: true); prefix = spec.alternate ? "0X" : ""
        case "o": digits = String(magnitude, radix: 8); prefix = spec.alternate ? "0o" : ""
        case "b": digits = String(magnitude, radix: 2); prefix = spec.alternate ? "0b" : ""
        case "c":
            guard let v = UInt32(exactly: value), let s = Unicode.Scalar(v) else {
                throw PyException("OverflowError", "%c arg not in range(0x110000)")
            }
            return spec.pad(String(Character(s)), numeric: false)
        case "s":
            throw PyException.valueError("Unknown format code 's' for object of type 'int'")
        default:
            throw PyException.valueError("Unknown format code '\(spec.type ?? " ")' for object of type 'int'")
        }
        if let g = spec.grouping { digits = group(digits, separator: g, every: spec.type == nil || spec.type == "d" ? 3 : 4) }
        let signText = (value < 0 ? "-" : (spec.sign == "+" ? "+" : (spec.sign == " " ? " " : ""))) + prefix
        return spec.pad(digits, numeric: true, signText: signText)
    }

    private func group(_ digits: String, separator: Character, every n: Int) -> String {
        let count = digits.count  // counted once: String.count walks the whole string
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (count - i) % n == 0 { out.append(separator) }
            out.append(c)
        }
        return out
    }

    func formatFloat(_ value: Double, _ spec: FormatSpec) throws(PyException) -> String {
        var body: String
        let magnitude = abs(value)
        let precision = spec.precision ?? 6
        switch spec.type {
        case "f", "F":
            body = String(format: "%.\(precision)f", magnitude)
        case "e", "E":
            body = String(format: "%.\(precision)e", magnitude)
        case "g", "G":
            body = String(format: "%.\(max(precision, 1))g", magnitude)
        case "%":
            body = String(format: "%.\(precision)f", magnitude * 100) + "%"
        case nil, "n":
            if let p = spec.precision {
                body = String(format: "%.\(max(p, 1))g", magnitude)
                if !body.contains(".") && !body.contains("e") && magnitude.isFinite { body += ".0" }
            } else {
                body = Interpreter.floatRepr(magnitude)
            }
        case "d":
            throw PyException.valueError("Unknown format code 'd' for object of type 'float'")
        default:
            throw PyException.valueError("Unknown format code '\(spec.type ?? " ")' for object of type 'float'")
        }
        if magnitude.isNaN { body = "nan" } else if magnitude.isInfinite { body = "inf" }
        if let t = spec.type, t.isUppercase { body = body.uppercased() }
        if spec.alternate && !body.contains(".") { body += "." }
        if let g = spec.grouping {
            let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            let whole = String(parts[0])
            if whole.allSatisfy(\.isNumber) {
                body = group(whole, separator: g, every: 3) + (parts.count > 1 ? "." + parts[1] : "")
            }
        }
        let negative = value.sign == .minus && !value.isNaN
        let signText = negative ? "-" : (spec.sign == "+" ? "+" : (spec.sign == " " ? " " : ""))
        return spec.pad(body, numeric: true, signText: signText)
    }

    /// `"..." % args`: printf-style formatting for `%s %r %d %i %f %e %g %x %%`.
    func percentFormat(_ format: String, _ args: PyValue) throws(PyException) -> String {
        var values: [PyValue]
        if case .tuple(let t) = args { values = t } else { values = [args] }
        var out = ""
        let chars = Array(format)
        var i = 0
        var next = 0
        while i < chars.count {
            let c = chars[i]
            i += 1
            guard c == "%" else {
                out.append(c)
                continue
            }
            // `%(name)s` takes its value from a mapping, as logging's formats do
            var mappingKey: String?
            if i < chars.count && chars[i] == "(" {
                var depth = 1
                var key = ""
                i += 1
                while i < chars.count {
                    if chars[i] == "(" { depth += 1 }
                    if chars[i] == ")" {
                        depth -= 1
                        if depth == 0 { break }
                    }
                    key.append(chars[i])
                    i += 1
                }
                guard i < chars.count else { throw PyException.valueError("incomplete format key") }
                i += 1
                mappingKey = key
            }
            var flags = ""
            while i < chars.count, "-+ 0#".contains(chars[i]) {
                flags.append(chars[i])
                i += 1
            }
            var width = ""
            while i < chars.count, chars[i].isNumber {
                width.append(chars[i])
                i += 1
            }
            var precision: String?
            if i < chars.count && chars[i] == "." {
                i += 1
                var p = ""
                while i < chars.count, chars[i].isNumber {
                    p.append(chars[i])
                    i += 1
                }
                precision = p.isEmpty ? "0" : p
            }
            guard i < chars.count else { throw PyException.valueError("incomplete format") }
            let conversion = chars[i]
            i += 1
            if conversion == "%" {
                out.append("%")
                continue
            }
            let value: PyValue
            if let mappingKey {
                if case .tuple = args { throw PyException.typeError("format requires a mapping") }
                value = try getItem(args, .str(mappingKey))
            } else {
                guard next < values.count else { throw PyException.typeError("not enough arguments for format string") }
                value = values[next]
                next += 1
            }
            var specText = ""
            if flags.contains("-") { specText += "<" } else if flags.contains("0") && "dioxXeEfFgG".contains(conversion) { specText += "0" }
            if flags.contains("+") { specText = (specText.hasPrefix("<") ? "<" : "") + "+" + (specText.hasPrefix("0") ? "0" : "") }
            specText += width
            if let precision { specText += "." + precision }
            switch conversion {
            case "s": out += try formatValue(.str(try str(value)), specText.replacingOccurrences(of: "0", with: ""))
            case "r", "a": out += try formatValue(.str(try repr(value)), specText)
            case "d", "i", "u":
                var v = value
                if case .object(let o) = value, let d = try o.toFloat(self) { v = .float(d) }
                if case .float(let d) = v { v = .int(BigInt(exactly: d.rounded(.towardZero)) ?? 0) }
                guard Numbers.Operand(v) != nil else {
                    throw PyException.typeError("%\(conversion) format: a real number is required, not \(value.typeName)")
                }
                out += try formatValue(v, specText.split(separator: ".").first.map(String.init) ?? "")
            case "x", "X", "o":
                out += try formatValue(value, specText + String(conversion))
            case "f", "F", "e", "E", "g", "G":
                var number: Double
                if let operand = Numbers.Operand(value) {
                    number = try operand.double()
                } else if case .object(let o) = value, let d = try o.toFloat(self) {
                    number = d
                } else {
                    throw PyException.typeError("must be real number, not \(value.typeName)")
                }
                out += try formatValue(.float(number), specText + String(conversion))
            default:
                throw PyException.valueError("unsupported format character '\(conversion)'")
            }
        }
        if next < values.count, case .tuple = args {
            throw PyException.typeError("not all arguments converted during string formatting")
        }
        return out
    }
}
