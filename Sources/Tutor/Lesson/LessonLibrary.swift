import Foundation

/// Where lessons come from: the ones compiled into jaxlab (from `Lessons/`), any in
/// `./Lessons/` of the current folder, or a path to a lesson file.
public struct LessonLibrary: Sendable {
    /// A lesson file's name and text.
    public struct Source: Sendable {
        /// The file name (`01-introduction-to-jax.md`), or the path given.
        public var name: String
        public var text: String
        /// Where a problem is reported: the path, or `Lessons/NAME` for a compiled-in lesson.
        public var location: String
    }

    public var sources: [Source]

    /// The compiled-in lessons, and those in `./Lessons/` (which win on the same file name).
    public static func standard(directory: String = FileManager.default.currentDirectoryPath) -> LessonLibrary {
        var byName: [String: Source] = [:]
        for (name, encoded) in embeddedLessonFiles {
            guard let data = Data(base64Encoded: encoded) else { continue }
            byName[name] = Source(name: name, text: String(decoding: data, as: UTF8.self), location: "Lessons/" + name)
        }
        let folder = directory + "/Lessons"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where isLessonFileName(name) {
            if let data = FileManager.default.contents(atPath: folder + "/" + name) {
                byName[name] = Source(name: name, text: String(decoding: data, as: UTF8.self), location: "Lessons/" + name)
            }
        }
        return LessonLibrary(sources: byName.values.sorted { $0.name < $1.name })
    }

    /// Lesson files are Markdown; `README.md` describes the format and is not a lesson.
    static func isLessonFileName(_ name: String) -> Bool { name.hasSuffix(".md") && name != "README.md" }

    /// The lesson `reference` names: a path to a file, a file name (`01-introduction-to-jax.md`
    /// or without `.md`), a lesson id, or its number (`1`).
    public func find(_ reference: String) -> Source? {
        if reference.contains("/") || FileManager.default.fileExists(atPath: reference) {
            guard let data = FileManager.default.contents(atPath: reference) else { return nil }
            return Source(name: reference, text: String(decoding: data, as: UTF8.self), location: reference)
        }
        let stem = reference.hasSuffix(".md") ? String(reference.dropLast(3)) : reference
        if let match = sources.first(where: { $0.name == stem + ".md" }) { return match }
        if let match = sources.first(where: { $0.name.dropLast(3).split(separator: "-", maxSplits: 1).last.map(String.init) == stem }) {
            return match
        }
        if let number = Int(stem), let match = sources.first(where: { Int($0.name.prefix { $0.isNumber }) == number }) {
            return match
        }
        return nil
    }

    /// The source parsed; the error says where it is wrong.
    public static func load(_ source: Source) throws(LessonError) -> Lesson {
        try LessonParser.parse(source.text, file: source.location)
    }
}
