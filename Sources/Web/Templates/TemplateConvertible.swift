/// A page model, or a part of one, that writes its own `TemplateValue` instead of going through `Encodable`. The
/// generic encoder walks every row through boxed containers and generic metadata; on the largest page (a published
/// avis, with every member's vote in every ballot) that was a tenth of its CPU. A conforming type stays `Encodable`,
/// and must give exactly what `TemplateEncoder` gives for it: a test compares the two on every kind of page.
protocol TemplateConvertible: Encodable {
    func templateValue() throws -> TemplateValue
}

extension TemplateValue {
    /// A string member that is left out when absent, as `TemplateEncoder` leaves out a `nil` optional.
    static func optional(_ text: String?) -> TemplateValue? { text.map(TemplateValue.string) }

    /// A list of rows, each writing its own value.
    static func rows(_ rows: [some TemplateConvertible]) throws -> TemplateValue {
        var items: [TemplateValue] = []
        items.reserveCapacity(rows.count)
        for row in rows { items.append(try row.templateValue()) }
        return .list(items)
    }

    /// A part of a page that does not write its own value, through the generic encoder.
    static func encoded(_ value: some Encodable) throws -> TemplateValue { try TemplateEncoder.encode(value) }

    /// The same, left out when absent.
    static func encoded(_ value: (some Encodable)?) throws -> TemplateValue? {
        guard let value else { return nil }
        return try TemplateEncoder.encode(value)
    }
}
