import Foundation

// Writes a Swift file holding each lesson file's name and text (base64, so that no text can
// break the literal): `lesson-embedder OUTPUT.swift LESSON.md...`.
let arguments = Array(CommandLine.arguments.dropFirst())
guard let output = arguments.first else {
    FileHandle.standardError.write(Data("usage: lesson-embedder OUTPUT.swift LESSON.md...\n".utf8))
    exit(2)
}
var source = "// Generated from Lessons/ by lesson-embedder; do not edit.\n\n"
source += "/// The lesson files compiled into jaxlab: file name and base64 text.\n"
source += "let embeddedLessonFiles: [(name: String, base64: String)] = [\n"
for path in arguments.dropFirst() {
    guard let data = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write(Data("lesson-embedder: cannot read \(path)\n".utf8))
        exit(1)
    }
    let name = URL(fileURLWithPath: path).lastPathComponent
    source += "    (\(String(reflecting: name)), \"\(data.base64EncodedString())\"),\n"
}
source += "]\n"
do {
    try source.write(toFile: output, atomically: true, encoding: .utf8)
} catch {
    FileHandle.standardError.write(Data("lesson-embedder: cannot write \(output): \(error)\n".utf8))
    exit(1)
}
