import Testing

@Test func DataestsPlaceholderBuilds() { #expect(Bool(true)) }
