import Testing

@Test func ServerestsPlaceholderBuilds() { #expect(Bool(true)) }
