import Testing

@Test func LanguageestsPlaceholderBuilds() { #expect(Bool(true)) }
