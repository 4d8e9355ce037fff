/// A series drawn in one line of block characters (`▁▂▃▄▅▆▇█`), lowest value to highest.
public enum Sparkline {
    /// The eight levels, lowest first.
    public static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    /// What an absent value is drawn as.
    public static let gap: Character = " "

    /// One character per value, scaled between the smallest and largest present values; a flat
    /// series is drawn at mid height, an absent value as a space.
    public static func draw(_ values: [Double]) -> String {
        let present = values.filter { $0.isFinite }
        guard let low = present.min(), let high = present.max() else {
            return String(repeating: gap, count: values.count)
        }
        let span = high - low
        return String(values.map { v -> Character in
            guard v.isFinite else { return gap }
            guard span > 0 else { return blocks[3] }
            let level = Int(((v - low) / span * Double(blocks.count - 1)).rounded())
            return blocks[min(max(level, 0), blocks.count - 1)]
        })
    }
}
