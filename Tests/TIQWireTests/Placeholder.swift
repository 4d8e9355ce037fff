import Testing

@Test func WireestsPlaceholderBuilds() { #expect(Bool(true)) }
