/// NumPy's `_formatArray`: nests brackets, wraps rows at the line width, separates higher
/// dimensions with blank lines and, for summarised arrays, shows `...` between the edge items.
struct ArrayLayout {
    let shape: [Int]
    let separator: String
    let summarise: Bool
    /// Items shown at each end of a summarised axis (the `edgeitems` print option).
    let edgeItems: Int
    /// Formats the element at a row-major flat index.
    let element: (Int) -> String

    private var strides: [Int] { Shape.strides(shape) }

    /// The flat indices of the elements that are shown, in printing order.
    static func shownIndices(shape: [Int], summarise: Bool, edgeItems: Int) -> [Int] {
        let strides = Shape.strides(shape)
        var out: [Int] = []
        func walk(_ axis: Int, _ offset: Int) {
            if axis == shape.count { out.append(offset); return }
            let n = shape[axis]
            if summarise && n > 2 * edgeItems {
                for i in 0..<edgeItems { walk(axis + 1, offset + i * strides[axis]) }
                for i in (n - edgeItems)..<n { walk(axis + 1, offset + i * strides[axis]) }
            } else {
                for i in 0..<n { walk(axis + 1, offset + i * strides[axis]) }
            }
        }
        walk(0, 0)
        return out
    }

    func render(lineWidth: Int, nextLinePrefix: String) -> String {
        recurse(axis: 0, offset: 0, strides: strides, hangingIndent: nextLinePrefix, currentWidth: lineWidth)
    }

    private func recurse(axis: Int, offset: Int, strides: [Int], hangingIndent: String, currentWidth: Int) -> String {
        let axesLeft = shape.count - axis
        if axesLeft == 0 { return element(offset) }
        let nextHangingIndent = hangingIndent + " "
        let nextWidth = currentWidth - 1
        let length = shape[axis]
        let stride = strides[axis]
        let showSummary = summarise && 2 * edgeItems < length
        let leading = showSummary ? edgeItems : 0
        let trailing = showSummary ? edgeItems : length
        var s = ""
        func child(_ i: Int) -> String {
            recurse(axis: axis + 1, offset: offset + i * stride, strides: strides,
                    hangingIndent: nextHangingIndent, currentWidth: nextWidth)
        }
        let trimmedSeparator = rstrip(separator)
        if axesLeft == 1 {
            let elementWidth = currentWidth - max(trimmedSeparator.utf8.count, 1)
            var line = hangingIndent
            for i in 0..<leading {
                extendLine(&s, &line, child(i), elementWidth, hangingIndent)
                line += separator
            }
            if showSummary {
                extendLine(&s, &line, "...", elementWidth, hangingIndent)
                line += separator
            }
            var i = trailing
            while i > 1 {
                extendLine(&s, &line, child(length - i), elementWidth, hangingIndent)
                line += separator
                i -= 1
            }
            extendLine(&s, &line, child(length - 1), elementWidth, hangingIndent)
            s += line
        } else {
            let lineSeparator = trimmedSeparator + String(repeating: "\n", count: axesLeft - 1)
            for i in 0..<leading {
                s += hangingIndent + child(i) + lineSeparator
            }
            if showSummary {
                s += hangingIndent + "..." + lineSeparator
            }
            var i = trailing
            while i > 1 {
                s += hangingIndent + child(length - i) + lineSeparator
                i -= 1
            }
            s += hangingIndent + child(length - 1)
        }
        return "[" + String(Substring(s.utf8.dropFirst(hangingIndent.utf8.count))) + "]"
    }

    private func extendLine(_ s: inout String, _ line: inout String, _ word: String, _ lineWidth: Int,
                            _ nextLinePrefix: String) {
        var needsWrap = line.utf8.count + word.utf8.count > lineWidth
        if line.utf8.count <= nextLinePrefix.utf8.count { needsWrap = false }
        if needsWrap {
            s += rstrip(line) + "\n"
            line = nextLinePrefix
        }
        line += word
    }

    private func rstrip(_ text: String) -> String {
        var end = text.endIndex
        while end > text.startIndex {
            let before = text.index(before: end)
            guard text[before].isWhitespace else { break }
            end = before
        }
        return String(text[..<end])
    }
}
