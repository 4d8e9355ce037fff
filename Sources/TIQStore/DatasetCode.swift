/// The diagnostic codes of dataset loading, `D1xx`; protocol.md ("Dataset format") lists them with fixes.
enum DatasetCode: String {
    /// A file is missing or unreadable.
    case fileMissing = "D100"
    /// A required header column is missing, or a header column is repeated.
    case headerColumn = "D101"
    /// A record has more or fewer fields than the header.
    case fieldCount = "D102"
    /// A quoted field is never closed.
    case unterminatedQuote = "D103"
    /// A required field (level, code, name, key) is empty, or a name is not an identifier.
    case emptyOrInvalidField = "D104"
    /// Two territories share a `level:code` key.
    case duplicateTerritory = "D105"
    /// A link names a territory that `territories.csv` does not define.
    case unknownLinkTerritory = "D106"
    /// A link key names a level that `territories.csv` does not define, or is not `level:code`.
    case unknownLinkLevel = "D107"
    /// A link weight is not a number in (0, 1].
    case badWeight = "D108"
    /// The weights of one child inside one parent level add up to more than 1 (directly or through paths).
    case weightSum = "D109"
    /// The links form a cycle.
    case cycle = "D110"
    /// Two catalog rows share an indicator code.
    case duplicateIndicator = "D111"
    /// The `aggregate` rule is not one of `sum`, `ratio(num,den)`, `mean`, `mean weight <attr>`, `none`.
    case unknownAggregate = "D112"
    /// A `ratio(num,den)` names an indicator missing from the catalog.
    case ratioPartMissing = "D113"
    /// The frequency is not `A`, `S`, `Q` or `M`.
    case unknownFrequency = "D114"
    /// A period is not `2018`, `2018-S1`, `2018-Q3` or `2018-07`.
    case malformedPeriod = "D115"
    /// A value is not a number.
    case notANumber = "D116"
    /// A status is not one of the known names.
    case unknownStatus = "D117"
    /// A status contradicts the value: an absence with a value, or a qualified value without one.
    case statusContradiction = "D118"
    /// An observation names an indicator missing from the catalog.
    case unknownIndicator = "D119"
    /// An observation names a territory missing from `territories.csv`.
    case unknownTerritory = "D120"
    /// A period's frequency differs from its indicator's.
    case frequencyMismatch = "D121"
    /// Two observations share territory, indicator and period.
    case duplicateObservation = "D122"
    /// A link joins two territories of the same level, or points into the finest level.
    case linkDirection = "D124"
    /// `mean weight <attr>` names an attribute no territory has.
    case unknownWeightAttribute = "D127"
    /// The dataset defines no territory at all.
    case noTerritories = "D128"
    /// An indicator's periods at one level span so long that its column would not fit in memory.
    case columnTooLarge = "D129"
    /// A file given where a dataset was expected is not a readable snapshot file (`tiq snapshot`).
    case notASnapshot = "D130"
}
