import Foundation
import PackagePlugin

/// Compiles the lessons in `Lessons/` into the Tutor module, so `jaxlab lesson` finds them from
/// any folder. Every build looks at the folder again, so a new lesson file needs no other change.
@main
struct EmbedLessons: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let folder = context.package.directoryURL.appending(path: "Lessons")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".md") && $0 != "README.md" }.sorted()
        let inputs = names.map { folder.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedLessons.swift")
        return [.buildCommand(displayName: "Embedding \(names.count) lessons",
                              executable: try context.tool(named: "lesson-embedder").url,
                              arguments: [output.path] + inputs.map(\.path),
                              inputFiles: inputs, outputFiles: [output])]
    }
}
