import Testing

@Test func CoreestsPlaceholderBuilds() { #expect(Bool(true)) }
