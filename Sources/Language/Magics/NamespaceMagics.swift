import Foundation
import JaxCore

/// The magics about names and folders: `%who`, `%whos`, `%reset`, `%pwd`, `%cd`.
extension Session {
    /// IPython's `%who`: names separated by tabs, nine to a line.
    func who(types: [String]) {
        let variables = userVariables().filter { types.isEmpty || types.contains($0.typeName) }
        guard !variables.isEmpty else {
            sink.write(types.isEmpty ? "Interactive namespace is empty.\n" : "No variables match your requested type.\n")
            return
        }
        var text = ""
        for (index, variable) in variables.enumerated() {
            text += variable.name + "\t "
            if index % 9 == 8 { text += "\n" }
        }
        sink.write(text + "\n")
    }

    /// IPython's `%whos` table: name, type, and the value shortened to 50 characters.
    func whos() {
        let variables = userVariables()
        guard !variables.isEmpty else {
            sink.write("Interactive namespace is empty.\n")
            return
        }
        let nameWidth = max(variables.map(\.name.count).max() ?? 0, "Variable".count) + 3
        let typeWidth = max(variables.map(\.typeName.count).max() ?? 0, "Type".count) + 3
        func pad(_ text: String, _ width: Int) -> String {
            text + String(repeating: " ", count: max(0, width - text.count))
        }
        var text = pad("Variable", nameWidth) + pad("Type", typeWidth) + " Data/Info\n"
        text += String(repeating: "-", count: nameWidth + typeWidth + "Data/Info".count + 1) + "\n"
        for variable in variables {
            var value = variable.text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\\n")
            if value.count >= 50 { value = String(value.prefix(25)) + "<...>" + String(value.suffix(25)) }
            text += pad(variable.name, nameWidth) + pad(variable.typeName, typeWidth) + " " + value + "\n"
        }
        sink.write(text)
    }

    /// The user's own variables as `%who` lists them: not `_`-prefixed, not the start-up
    /// imports, not IPython's `In` and `Out`.
    public func userVariables() -> [(name: String, typeName: String, text: String)] {
        globalVariables().filter { !$0.name.hasPrefix("_") && !startupNames.contains($0.name) && !Session.cellNames.contains($0.name) }
    }

    /// `%reset [-f]`: deletes the student's names (after asking, unless `-f`) and the values
    /// cells showed; the imports made at start stay.
    func reset(_ argument: String) {
        let force = argument.split(separator: " ").contains("-f")
        guard force || confirm?("Once deleted, variables cannot be recovered. Proceed (y/[n])? ") == true else {
            sink.write("Nothing done.\n")
            return
        }
        for name in interpreter.globals.values.keys where !startupNames.contains(name) {
            interpreter.globals.values[name] = nil
        }
        clearShownValues()
        if cells.count > 0 { installCellNames() }
    }

    /// `%pwd`: the working folder, shown as a cell's value.
    func pwd() -> Bool {
        showValue(.str(FileManager.default.currentDirectoryPath))
        return true
    }

    /// `%cd [FOLDER]`: changes the working folder (home without an argument, the one before
    /// with `-`) and prints the new one, as IPython does.
    func cd(_ argument: String) -> Bool {
        var target = FileMagicSupport.unquoted(argument)
        if target.isEmpty { target = NSHomeDirectory() }
        if target == "-" {
            guard let previous = previousDirectory else {
                magicError("UsageError", "%cd -: no previous folder")
                return false
            }
            target = previous
        }
        target = NSString(string: target).expandingTildeInPath
        let before = FileManager.default.currentDirectoryPath
        guard FileManager.default.changeCurrentDirectoryPath(target) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory)
            let reason = !exists ? "[Errno 2] No such file or directory" : !isDirectory.boolValue ? "[Errno 20] Not a directory" : "[Errno 13] Permission denied"
            sink.write("\(reason): '\(target)'\n")
            return true
        }
        previousDirectory = before
        sink.write(FileManager.default.currentDirectoryPath + "\n")
        return true
    }
}
