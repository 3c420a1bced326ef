import Foundation

/// Reads a Jupyter notebook (`.ipynb`, nbformat 4): its markdown and code cells in order.
public enum NotebookReader {
    /// Why a notebook could not be read.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public static func cells(from data: Data, file: String) throws(Failure) -> [ImportedCell] {
        let notebook: Notebook
        do {
            notebook = try JSONDecoder().decode(Notebook.self, from: data)
        } catch {
            throw Failure(description: "\(file): not a Jupyter notebook (expected JSON with a list of cells)")
        }
        return notebook.cells.compactMap { cell in
            switch cell.cellType {
            case "markdown": return .markdown(cell.source.text)
            case "code": return .code(cell.source.text)
            default: return nil
            }
        }
    }

    /// The part of the notebook format the importer needs.
    private struct Notebook: Decodable {
        var cells: [Cell]
    }

    /// One cell: its kind (markdown, code, raw) and its source.
    private struct Cell: Decodable {
        var cellType: String
        var source: Source

        enum CodingKeys: String, CodingKey {
            case cellType = "cell_type"
            case source
        }
    }

    /// A cell's source: one string, or a list of lines (each with its newline).
    private struct Source: Decodable {
        var text: String

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let lines = try? container.decode([String].self) {
                text = lines.joined()
            } else {
                text = try container.decode(String.self)
            }
        }
    }
}
