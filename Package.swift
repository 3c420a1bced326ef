// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "jaxlab",
    products: [
        .executable(name: "jaxlab", targets: ["jaxlab"]),
        .executable(name: "jaxlab-bench", targets: ["jaxlab-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .target(name: "CPty"),
        .target(name: "CWriteStream"),
        .target(name: "CMemory"),
        .target(name: "COpenBLAS", linkerSettings: [.linkedLibrary("dl")]),
        .target(name: "CMatmul"),
        // Optimised in every configuration: the tests of debug builds then check the same
        // vectorised code (each CPU path bit for bit against the others) that release runs.
        .target(name: "CElementwiseKernels", cSettings: [.unsafeFlags(["-O2"])]),
        .target(name: "JaxCore", dependencies: ["COpenBLAS", "CMatmul", "CElementwiseKernels", "CJaxRandomKernels", "CMemory"]),
        .target(name: "CJaxRandomKernels"),
        .target(name: "JaxRandom", dependencies: ["JaxCore", "CJaxRandomKernels"]),
        .target(
            name: "Language",
            dependencies: ["JaxCore", "JaxRandom", "CMemory", .product(name: "BigInt", package: "BigInt")]
        ),
        .executableTarget(name: "lesson-embedder"),
        .plugin(name: "EmbedLessons", capability: .buildTool(), dependencies: ["lesson-embedder"]),
        .target(name: "Tutor", dependencies: ["Language"], plugins: ["EmbedLessons"]),
        .target(name: "Shell", dependencies: ["Language", "Tutor", "CEditLine", "CWriteStream"]),
        .executableTarget(
            name: "jaxlab",
            dependencies: [
                "Shell", "Tutor", "Language",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "jaxlab-bench", dependencies: ["JaxCore", "JaxRandom", "CPty"]),
        .testTarget(name: "JaxCoreTests", dependencies: ["JaxCore", "CMatmul"], resources: [.copy("Data")]),
        .testTarget(name: "JaxRandomTests", dependencies: ["JaxRandom", "JaxCore", "CJaxRandomKernels"], resources: [.copy("Data")]),
        .testTarget(name: "LanguageTests", dependencies: ["Language"], resources: [.copy("Data")]),
        .testTarget(name: "TutorTests", dependencies: ["Tutor", "Language"]),
        .testTarget(name: "ShellTests", dependencies: ["Shell", "CPty"]),
        .testTarget(name: "CommandLineTests", exclude: ["Data"]),
    ],
    swiftLanguageModes: [.v6]
)
