import Testing

@Test func CLestsPlaceholderBuilds() { #expect(Bool(true)) }
