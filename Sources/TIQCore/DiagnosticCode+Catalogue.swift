/// The catalogue: every diagnostic code tiq produces, declared once.
///
/// protocol.md ("Diagnostic codes") and docs/tql.md ("Diagnostics") list the same set;
/// `DiagnosticCatalogueTests` fails when they differ, or when a source file writes a code as a string.
extension DiagnosticCode {

    // MARK: Dataset files (D1xx): the loader's problems, with the file, line and column.

    /// D100: a file is missing or unreadable.
    public static let fileMissing = DiagnosticCode("D100", .error, "a file is missing or unreadable")
    /// D101: a required header column is missing or repeated, or the file is empty.
    public static let headerColumn = DiagnosticCode("D101", .error, "a required header column is missing or repeated, or the file is empty")
    /// D102: a record has more or fewer fields than the header.
    public static let fieldCount = DiagnosticCode("D102", .error, "a record has more or fewer fields than the header")
    /// D103: a quoted field is never closed.
    public static let unterminatedQuote = DiagnosticCode("D103", .error, "a quoted field is never closed")
    /// D104: an empty level, code or name, or a name that is not a lowercase identifier.
    public static let emptyOrInvalidField = DiagnosticCode("D104", .error, "an empty level, code or name, or a name that is not a lowercase identifier")
    /// D105: two territories share a `level:code` key.
    public static let duplicateTerritory = DiagnosticCode("D105", .error, "two territories share a `level:code` key")
    /// D106: a link names a territory missing from territories.csv.
    public static let unknownLinkTerritory = DiagnosticCode("D106", .error, "a link names a territory missing from territories.csv")
    /// D107: a link key is not `level:code`, or names an unknown level.
    public static let unknownLinkLevel = DiagnosticCode("D107", .error, "a link key is not `level:code`, or names an unknown level")
    /// D108: a link weight is not a number in (0, 1].
    public static let badWeight = DiagnosticCode("D108", .error, "a link weight is not a number in (0, 1]")
    /// D109: a child's weights inside one parent level add up to more than 1.
    public static let weightSum = DiagnosticCode("D109", .error, "a child's weights inside one parent level add up to more than 1")
    /// D110: the links form a cycle.
    public static let cycle = DiagnosticCode("D110", .error, "the links form a cycle")
    /// D111: an indicator code is defined twice.
    public static let duplicateIndicator = DiagnosticCode("D111", .error, "an indicator code is defined twice")
    /// D112: an unknown aggregate rule.
    public static let unknownAggregate = DiagnosticCode("D112", .error, "an unknown aggregate rule")
    /// D113: a `ratio(num,den)` part is missing from the catalog.
    public static let ratioPartMissing = DiagnosticCode("D113", .error, "a `ratio(num,den)` part is missing from the catalog")
    /// D114: an unknown frequency.
    public static let unknownFrequency = DiagnosticCode("D114", .error, "an unknown frequency")
    /// D115: a malformed period.
    public static let malformedPeriod = DiagnosticCode("D115", .error, "a malformed period")
    /// D116: a value that is not a number.
    public static let notANumber = DiagnosticCode("D116", .error, "a value that is not a number")
    /// D117: an unknown status.
    public static let unknownStatus = DiagnosticCode("D117", .error, "an unknown status")
    /// D118: a status contradicts the value.
    public static let statusContradiction = DiagnosticCode("D118", .error, "a status contradicts the value")
    /// D119: an observation for an indicator missing from indicators.csv.
    public static let unknownObservationIndicator = DiagnosticCode("D119", .error, "an observation for an indicator missing from indicators.csv")
    /// D120: an observation for a territory missing from territories.csv.
    public static let unknownObservationTerritory = DiagnosticCode("D120", .error, "an observation for a territory missing from territories.csv")
    /// D121: a period whose frequency differs from its indicator's.
    public static let frequencyMismatch = DiagnosticCode("D121", .error, "a period whose frequency differs from its indicator's")
    /// D122: a second observation for the same territory, indicator and period.
    public static let duplicateObservation = DiagnosticCode("D122", .error, "a second observation for the same territory, indicator and period")
    /// D124: a link within one level, or into the base level.
    public static let linkDirection = DiagnosticCode("D124", .error, "a link within one level, or into the base level")
    /// D127: `mean weight <attr>` names an attribute no territory has.
    public static let unknownWeightAttribute = DiagnosticCode("D127", .error, "`mean weight <attr>` names an attribute no territory has")
    /// D128: territories.csv defines no territory.
    public static let noTerritories = DiagnosticCode("D128", .error, "territories.csv defines no territory")
    /// D129: an indicator's column would exceed 2^28 cells.
    public static let columnTooLarge = DiagnosticCode("D129", .error, "an indicator's column would exceed 2^28 cells")
    /// D130: a file given as a dataset is not a readable snapshot file.
    public static let notASnapshot = DiagnosticCode("D130", .error, "a file given as a dataset is not a readable snapshot file")
    /// D131: a catalog breakdown that is not a known classification, or on an indicator that does not sum.
    public static let unknownBreakdown = DiagnosticCode("D131", .error, "a catalog breakdown that is not a known classification, or on an indicator that does not sum")
    /// D132: a breakdown code outside the indicator's classification.
    public static let unknownBreakdownCode = DiagnosticCode("D132", .error, "a breakdown code outside the indicator's classification")
    /// D133: a breakdown code for an indicator without breakdown, or codes of two depths for one indicator.
    public static let misplacedBreakdownCode = DiagnosticCode("D133", .error, "a breakdown code for an indicator without breakdown, or codes of two depths for one indicator")
    /// D134: the load would exceed the memory budget (`--max-memory`).
    public static let loadMemoryBudget = DiagnosticCode("D134", .error, "the load would exceed the memory budget")
    /// D140: a link's validity ends before it starts (`to` before `from`).
    public static let validityBackwards = DiagnosticCode("D140", .error, "a link's validity ends before it starts (`to` before `from`)")
    /// D141: two validities of the same link overlap.
    public static let validityOverlap = DiagnosticCode("D141", .error, "two validities of the same link overlap")

    // MARK: Syntax (E1xx): the lexer's and parser's.

    /// E101: unexpected token.
    public static let unexpectedToken = DiagnosticCode("E101", .error, "unexpected token")
    /// E102: missing argument, operand or end period.
    public static let missingPart = DiagnosticCode("E102", .error, "missing argument, operand or end period")
    /// E103: unterminated string.
    public static let unterminatedString = DiagnosticCode("E103", .error, "unterminated string")
    /// E104: malformed number, period, year or escape; a backwards range or negative count.
    public static let malformedLiteral = DiagnosticCode("E104", .error, "malformed number, period, year or escape; a backwards range or negative count")
    /// E105: unexpected end of query.
    public static let unexpectedEnd = DiagnosticCode("E105", .error, "unexpected end of query")
    /// E106: unknown stage keyword.
    public static let unknownStage = DiagnosticCode("E106", .error, "unknown stage keyword")
    /// E107: unbalanced parenthesis or bracket.
    public static let unbalanced = DiagnosticCode("E107", .error, "unbalanced parenthesis or bracket")
    /// E108: non-ASCII identifier.
    public static let nonASCIIIdentifier = DiagnosticCode("E108", .error, "non-ASCII identifier")
    /// E109: unexpected character.
    public static let unexpectedCharacter = DiagnosticCode("E109", .error, "unexpected character")
    /// E110: `=` used to compare outside `where`.
    public static let assignmentAsComparison = DiagnosticCode("E110", .error, "`=` used to compare outside `where`")
    /// E111: the query does not start with `from`, `territories` or `lookup`.
    public static let unknownSource = DiagnosticCode("E111", .error, "the query does not start with `from`, `territories` or `lookup`")
    /// E112: a whole number is required.
    public static let wholeNumberRequired = DiagnosticCode("E112", .error, "a whole number is required")
    /// E113: a stage after `show`.
    public static let stageAfterShow = DiagnosticCode("E113", .error, "a stage after `show`")
    /// E114: unknown option word.
    public static let unknownOption = DiagnosticCode("E114", .error, "unknown option word")
    /// E115: chained comparison.
    public static let chainedComparison = DiagnosticCode("E115", .error, "chained comparison")
    /// E116: expression nested too deeply.
    public static let tooDeep = DiagnosticCode("E116", .error, "expression nested too deeply")

    // MARK: Names (E2xx): the checker's resolution of names.

    /// E201: unknown indicator.
    public static let unknownIndicator = DiagnosticCode("E201", .error, "unknown indicator")
    /// E202: unknown level.
    public static let unknownLevel = DiagnosticCode("E202", .error, "unknown level")
    /// E203: indicator without data at the level.
    public static let noDataAtLevel = DiagnosticCode("E203", .error, "indicator without data at the level")
    /// E204: no attribute value or territory of that name.
    public static let unknownValue = DiagnosticCode("E204", .error, "no attribute value or territory of that name")
    /// E205: unknown column or attribute at this stage.
    public static let unknownName = DiagnosticCode("E205", .error, "unknown column or attribute at this stage")
    /// E206: unknown function.
    public static let unknownFunction = DiagnosticCode("E206", .error, "unknown function")
    /// E207: an indicator used but not listed in `from`.
    public static let indicatorNotInSource = DiagnosticCode("E207", .error, "an indicator used but not listed in `from`")
    /// E208: wrong number or kind of arguments.
    public static let wrongArguments = DiagnosticCode("E208", .error, "wrong number or kind of arguments")
    /// E209: unknown named argument or bad value for it; an indicator listed twice.
    public static let badNamedArgument = DiagnosticCode("E209", .error, "unknown named argument or bad value for it; an indicator listed twice")

    // MARK: Types and units (E3xx): the checker's.

    /// E301: a value of the wrong kind.
    public static let wrongKind = DiagnosticCode("E301", .error, "a value of the wrong kind")
    /// E302: a scalar where a series is needed.
    public static let seriesRequired = DiagnosticCode("E302", .error, "a scalar where a series is needed")
    /// E305: a series where one value per row is needed.
    public static let oneValuePerRowRequired = DiagnosticCode("E305", .error, "a series where one value per row is needed")
    /// E306: a row-level value outside an aggregate.
    public static let aggregateRequired = DiagnosticCode("E306", .error, "a row-level value outside an aggregate")
    /// E307: an aggregate or window function where it is not allowed, or nested aggregates.
    public static let misplacedAggregate = DiagnosticCode("E307", .error, "an aggregate or window function where it is not allowed, or nested aggregates")
    /// E310: units that do not match.
    public static let unitMismatch = DiagnosticCode("E310", .error, "units that do not match")
    /// E311: `sum` of a value that is not additive.
    public static let notAdditive = DiagnosticCode("E311", .error, "`sum` of a value that is not additive")
    /// E312: mixed frequencies, or a period of another frequency.
    public static let mixedFrequencies = DiagnosticCode("E312", .error, "mixed frequencies, or a period of another frequency")
    /// E313: an impossible roll-up.
    public static let impossibleRollup = DiagnosticCode("E313", .error, "an impossible roll-up")
    /// E314: a stage that needs territories after rows became groups.
    public static let territoriesRequired = DiagnosticCode("E314", .error, "a stage that needs territories after rows became groups")

    // MARK: Execution (E4xx).

    /// E315: `show … by k` on a key that is not a key of the last `agg`, or whose values are unknown before reading the data.
    public static let pivotKey = DiagnosticCode("E315", .error, "`show … by k` on a key of unknown values or not a key of the last `agg`")
    /// E316: a plain factor scaling a rate; `per(x, y, k)` says the scale.
    public static let plainFactorOnRate = DiagnosticCode("E316", .error, "a plain factor scaling a rate")
    /// E317: `where naf …` after a stage other than `from` or another `where naf`.
    public static let sectorSelectionMisplaced = DiagnosticCode("E317", .error, "`where naf …` after a stage other than `from`, or a second `where naf`")
    /// E318: `naf` with no broken-down indicator in `from`, or used other than as `naf in (…)` / `naf == "…"`.
    public static let sectorSelectionMisused = DiagnosticCode("E318", .error, "`naf` with no broken-down indicator in `from`, or used other than as `naf in (…)`")
    /// E319: a sector code that is not in NAF rév. 2.
    public static let unknownSectorCode = DiagnosticCode("E319", .error, "a sector code that is not in NAF rév. 2")
    /// E320: an option of `compare`/`did` that does not apply or is out of range.
    public static let inferenceOption = DiagnosticCode("E320", .error, "an option of `compare`/`did` that does not apply or is out of range")
    /// E401: the answer would exceed the result-cell limit.
    public static let resultTooLarge = DiagnosticCode("E401", .error, "the answer would exceed the result-cell limit")
    /// E402: cancelled.
    public static let cancelled = DiagnosticCode("E402", .error, "cancelled")
    /// E403: the work would exceed the memory budget (`--max-memory`).
    public static let memoryBudget = DiagnosticCode("E403", .error, "the work would exceed the memory budget")
    /// E499: internal error: a bug in tiq, worth reporting.
    public static let internalError = DiagnosticCode("E499", .error, "internal error: a bug in tiq, worth reporting")

    // MARK: Data warnings and notes (W4xx): the answer stands.

    /// W402: empty period window.
    public static let emptyPeriodWindow = DiagnosticCode("W402", .warning, "empty period window")
    /// W403: rows dropped by `where` because a value it tests is absent.
    public static let absentValuesDropped = DiagnosticCode("W403", .warning, "rows dropped by `where` because a value it tests is absent")
    /// W404: rows dropped for missing values by `compare`, `did`, `top`.
    public static let missingValuesDropped = DiagnosticCode("W404", .warning, "rows dropped for missing values by `compare`, `did`, `top`")
    /// W405: coverage differs between the compared groups.
    public static let coverageDiffers = DiagnosticCode("W405", .warning, "coverage differs between the compared groups")
    /// W406: values span a break in the series.
    public static let seriesBreak = DiagnosticCode("W406", .warning, "values span a break in the series")
    /// W407: approximate roll-up: split memberships or a weighted mean.
    public static let approximateRollup = DiagnosticCode("W407", .warning, "approximate roll-up: split memberships or a weighted mean")
    /// W408: the comparison is descriptive.
    public static let descriptiveComparison = DiagnosticCode("W408", .note, "the comparison is descriptive")
    /// W409: a column dropped by `rollup`.
    public static let columnDroppedByRollup = DiagnosticCode("W409", .warning, "a column dropped by `rollup`")

    /// W410: a column mixes published values and roll-ups.
    public static let mixedSources = DiagnosticCode("W410", .note, "a column mixes published values and roll-ups")
    /// W411: `share` of values of both signs.
    public static let mixedSignShare = DiagnosticCode("W411", .warning, "`share` of values of both signs")
    /// W412: a note closing a capped list of diagnostics (`… and N more diagnostics`).
    public static let moreDiagnostics = DiagnosticCode("W412", .note, "more diagnostics than are shown")
    /// W413: a sum that overflowed while the snapshot was built (a grouping level's population): absent.
    public static let overflowAtLoad = DiagnosticCode("W413", .warning, "a sum overflowed while the snapshot was built: the value is absent")
    /// W420: the method, n, clusters, seed, assumptions and limits of an inferential answer.
    public static let inferenceNote = DiagnosticCode("W420", .note, "the method, n, clusters, seed, assumptions and limits of an inferential answer")
    /// W421: `did` windows of different lengths.
    public static let unequalWindows = DiagnosticCode("W421", .warning, "`did`: the two windows span different numbers of periods")
    /// W422: an inferential answer without a value.
    public static let inferenceUndefined = DiagnosticCode("W422", .warning, "an inferential answer without a value")
    /// W423: treated territories without a match, dropped and counted.
    public static let unmatchedTreated = DiagnosticCode("W423", .warning, "treated territories without a match, dropped and counted")

    /// Every catalogued code, in order.
    public static let all: [DiagnosticCode] = [
        .fileMissing, .headerColumn, .fieldCount, .unterminatedQuote, .emptyOrInvalidField, .duplicateTerritory,
        .unknownLinkTerritory, .unknownLinkLevel, .badWeight, .weightSum, .cycle, .duplicateIndicator,
        .unknownAggregate, .ratioPartMissing, .unknownFrequency, .malformedPeriod, .notANumber, .unknownStatus,
        .statusContradiction, .unknownObservationIndicator, .unknownObservationTerritory, .frequencyMismatch,
        .duplicateObservation, .linkDirection, .unknownWeightAttribute, .noTerritories, .columnTooLarge,
        .notASnapshot, .unknownBreakdown, .unknownBreakdownCode, .misplacedBreakdownCode, .loadMemoryBudget, .validityBackwards, .validityOverlap, .unexpectedToken, .missingPart, .unterminatedString, .malformedLiteral, .unexpectedEnd,
        .unknownStage, .unbalanced, .nonASCIIIdentifier, .unexpectedCharacter, .assignmentAsComparison,
        .unknownSource, .wholeNumberRequired, .stageAfterShow, .unknownOption, .chainedComparison, .tooDeep,
        .unknownIndicator, .unknownLevel, .noDataAtLevel, .unknownValue, .unknownName, .unknownFunction,
        .indicatorNotInSource, .wrongArguments, .badNamedArgument, .wrongKind, .seriesRequired,
        .oneValuePerRowRequired, .aggregateRequired, .misplacedAggregate, .unitMismatch, .notAdditive,
        .mixedFrequencies, .impossibleRollup, .territoriesRequired, .pivotKey, .plainFactorOnRate,
        .sectorSelectionMisplaced, .sectorSelectionMisused, .unknownSectorCode, .inferenceOption, .resultTooLarge, .cancelled, .memoryBudget, .internalError,
        .emptyPeriodWindow, .absentValuesDropped, .missingValuesDropped, .coverageDiffers, .seriesBreak,
        .approximateRollup, .descriptiveComparison, .columnDroppedByRollup, .mixedSources, .mixedSignShare, .moreDiagnostics, .overflowAtLoad, .inferenceNote,
        .unequalWindows, .inferenceUndefined, .unmatchedTreated,
    ]
}
