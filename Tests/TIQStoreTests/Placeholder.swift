import Testing

@Test func StoreestsPlaceholderBuilds() { #expect(Bool(true)) }
