/// Colours for a jaxpr shown at the terminal: primitive names cyan, and as JAX's own coloured
/// printing (what IPython shows for a jaxpr) the keywords `lambda`, `let` and `in` bright blue
/// and the types of the variables bound magenta. Only escape sequences are added: without them
/// the text is byte for byte what JAX prints.
enum JaxprColours {
    /// `text` with the jaxprs in it coloured; text without a jaxpr comes back as it was.
    static func colour(_ text: String) -> String {
        guard text.contains("{ lambda ") else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { colour(line: String($0)) }
            .joined(separator: "\n")
    }

    private static let keyword = (on: "\u{1B}[34;1m", off: "\u{1B}[39;22m")
    private static let type = (on: "\u{1B}[35m", off: "\u{1B}[39m")
    private static let primitive = (on: "\u{1B}[36m", off: "\u{1B}[39m")

    private static func colour(line: String) -> String {
        // the start of a jaxpr: `{ lambda `, its constants and parameters, `. let`
        let header = /\{ lambda ([^.]*)\. let/
        // an equation `b:f32[3] c:i32[] = name ...`: its binders and the primitive's name
        let equation = /((?:[A-Za-z_][A-Za-z0-9_]*:[^ =]+ )+)= ([A-Za-z_][A-Za-z0-9_]*)/
        // the outputs: `in (` at the start of a line or after a space
        let outputs = /(^|\s)in \(/
        var line = line
        // equations first: what the header's colours add never looks like one
        line.replace(equation) { match in
            binders(match.output.1) + "= " + primitive.on + String(match.output.2) + primitive.off
        }
        line.replace(header) { match in
            "{ " + keyword.on + "lambda" + keyword.off + " " + binders(match.output.1) + ". " + keyword.on + "let" + keyword.off
        }
        line.replace(outputs) { match in
            String(match.output.1) + keyword.on + "in" + keyword.off + " ("
        }
        return line
    }

    /// Variables with their types (`a:f32[3] b:i32[]`, or `; ` between constants and
    /// parameters), the types coloured.
    private static func binders(_ text: Substring) -> String {
        text.split(separator: " ", omittingEmptySubsequences: false).map { token in
            guard let colon = token.firstIndex(of: ":") else { return String(token) }
            // the last constant ends with the `;` before the parameters
            let end = token.hasSuffix(";") ? token.index(before: token.endIndex) : token.endIndex
            return String(token[..<colon]) + type.on + String(token[colon..<end]) + type.off + String(token[end...])
        }.joined(separator: " ")
    }
}
