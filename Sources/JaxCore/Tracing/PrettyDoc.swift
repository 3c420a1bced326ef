/// A document for JAX's pretty printer (Wadler-style groups that print flat when they fit in
/// the line width, otherwise with their breaks as newlines), ported to print jaxprs as JAX does.
indirect enum PrettyDoc {
    case text(String)
    case concat([PrettyDoc])
    case brk(String)
    case group(PrettyDoc)
    case nest(Int, PrettyDoc)

    static var empty: PrettyDoc { .concat([]) }

    static func join(_ sep: PrettyDoc, _ docs: [PrettyDoc]) -> PrettyDoc {
        var out: [PrettyDoc] = []
        for (i, d) in docs.enumerated() {
            if i > 0 { out.append(sep) }
            out.append(d)
        }
        return .concat(out)
    }

    /// Whether the document printed flat fits in `limit` columns (only the group itself
    /// counts, not what follows it, as in JAX's printer).
    private func fits(_ limit: Int) -> Bool {
        var width = limit
        var agenda: [PrettyDoc] = [self]
        while width >= 0, let doc = agenda.popLast() {
            switch doc {
            case .text(let s), .brk(let s): width -= s.count
            case .concat(let items): agenda.append(contentsOf: items.reversed())
            case .group(let d), .nest(_, let d): agenda.append(d)
            }
        }
        return width >= 0
    }

    /// Lays the document out in `width` columns.
    func format(width: Int = 80) -> String {
        var lines: [String] = []
        var line = ""
        var column = 0
        var agenda: [(indent: Int, flat: Bool, doc: PrettyDoc)] = [(0, false, self)]
        while let (indent, flat, doc) = agenda.popLast() {
            switch doc {
            case .text(let s):
                line += s
                column += s.count
            case .concat(let items):
                for item in items.reversed() { agenda.append((indent, flat, item)) }
            case .brk(let s):
                if flat {
                    line += s
                    column += s.count
                } else {
                    lines.append(line)
                    line = String(repeating: " ", count: indent)
                    column = indent
                }
            case .nest(let n, let d):
                agenda.append((indent + n, flat, d))
            case .group(let d):
                agenda.append((indent, d.fits(width - column), d))
            }
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }
}
