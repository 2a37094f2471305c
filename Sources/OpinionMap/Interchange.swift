import CSVFormat

/// Errors in Polis export files name the file, line and column (shared with the other file readers).
public typealias InterchangeError = CSVFormat.InterchangeError
