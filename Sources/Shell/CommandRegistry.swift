/// A command typed at the prompt that is not Python: a `%line` magic, a `%%cell` magic or a
/// `:shell` command. Lessons and other parts of jaxlab register their own.
public struct ShellCommand {
    /// How the command is written at the prompt.
    public enum Kind: Sendable {
        case lineMagic, cellMagic, shell

        var sigil: String {
            switch self {
            case .lineMagic: "%"
            case .cellMagic: "%%"
            case .shell: ":"
            }
        }
    }

    /// What the shell does after the command.
    public enum Outcome: Sendable { case proceed, quit }

    public let name: String
    public let kind: Kind
    /// One line for `:help`.
    public let summary: String
    /// Receives the shell, the text after the command name, and for cell magics the cell.
    public let action: (InteractiveShell, _ argument: String, _ cell: String?) -> Outcome

    public init(name: String, kind: Kind, summary: String,
                action: @escaping (InteractiveShell, _ argument: String, _ cell: String?) -> Outcome) {
        self.name = name
        self.kind = kind
        self.summary = summary
        self.action = action
    }
}

/// The open table of shell commands and magics, looked up by sigil and name.
public final class CommandRegistry {
    private var commands: [String: ShellCommand] = [:]

    public init() {}

    /// Adds a command, replacing one of the same kind and name.
    public func register(_ command: ShellCommand) {
        commands[command.kind.sigil + command.name] = command
    }

    public func lookup(_ kind: ShellCommand.Kind, _ name: String) -> ShellCommand? {
        commands[kind.sigil + name]
    }

    /// Every command, shell commands first, each group by name.
    public var all: [ShellCommand] {
        let order: [ShellCommand.Kind] = [.shell, .lineMagic, .cellMagic]
        return commands.values.sorted {
            let left = order.firstIndex(of: $0.kind) ?? 0, right = order.firstIndex(of: $1.kind) ?? 0
            return left != right ? left < right : $0.name < $1.name
        }
    }
}
