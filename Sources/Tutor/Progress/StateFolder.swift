import Foundation

/// jaxlab's state folder: `$XDG_STATE_HOME/jaxlab`, or `~/.local/state/jaxlab`.
public enum StateFolder {
    public static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/jaxlab" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.local/state/jaxlab"
    }
}
