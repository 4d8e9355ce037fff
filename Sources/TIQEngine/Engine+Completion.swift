import TIQCore
import TIQLanguage
import TIQStore

extension Engine {
    /// Completion candidates at byte offset `cursor` of `text`.
    public func complete(_ text: String, cursor: Int) -> [CompletionItem] { [] }

    /// What the identifier at byte offset `cursor` of `text` is.
    public func hover(_ text: String, cursor: Int) -> HoverInfo? { nil }
}
