import Testing

@Test func EngineestsPlaceholderBuilds() { #expect(Bool(true)) }
