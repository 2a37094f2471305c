import Foundation

/// What a post mentions: the council's people and bodies, its works, consultations, conventions, missions and
/// agreements, partner councils and networks of councils, found in the links of its cleaned body. A mention names its subject by number, so it stays valid when the
/// subject is renamed; the pages of the subject list the posts that mention it ("in the news").
public struct NewsMention: Sendable, Hashable {
    public enum Subject: String, Sendable, CaseIterable {
        case member, group, commission, work, consultation, convention, mission, council, agreement, network
    }

    public let subject: Subject
    public let id: Int64

    public init(_ subject: Subject, _ id: Int64) {
        self.subject = subject
        self.id = id
    }
}

public enum NewsMentions {
    static let folders: [String: NewsMention.Subject] = [
        "members": .member, "groups": .group, "commissions": .commission, "works": .work, "consultations": .consultation,
        "conventions": .convention,
    ]

    /// The mentions in `html` (as `BodySanitizer` writes it): links to `/{council}/{folder}/{number}` of any council
    /// hosted here, to a council's home `/{council}`, and to a network's directory `/networks/{network}`. `councils` maps
    /// the hosted councils' slugs to their numbers, `networks` the networks' slugs to theirs;
    /// `base` is the site's own address, whose absolute links count as paths.
    /// With `ownCouncil`, only that council's things are kept (and any council's home): a number in another
    /// council's address would name a thing of theirs on a page of this one.
    public static func find(in html: String, councils: [String: Int64], networks: [String: Int64] = [:], base: String,
                            ownCouncil: String? = nil) -> [NewsMention] {
        var found: [NewsMention] = []
        var rest = Substring(html)
        while let start = rest.range(of: " href=\"") {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            var link = String(rest[..<end])
            rest = rest[end...]
            link = link.replacingOccurrences(of: "&amp;", with: "&")
            if !base.isEmpty, link.hasPrefix(base + "/") { link.removeFirst(base.count) }
            guard link.hasPrefix("/"), !link.hasPrefix("//") else { continue }
            let path = link.prefix { $0 != "?" && $0 != "#" }
            let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
            // A trailing slash is the same address.
            let named = parts.last?.isEmpty == true ? Array(parts.dropLast()) : parts
            if named.count == 2, named[0] == "networks", let networkID = networks[named[1]] {
                let mention = NewsMention(.network, networkID)
                if !found.contains(mention) { found.append(mention) }
                continue
            }
            guard let slug = parts.first, let councilID = councils[slug] else { continue }
            let mention: NewsMention?
            switch named.count {
            case 1: mention = NewsMention(.council, councilID)
            case 3 where ownCouncil == nil || ownCouncil == slug:
                mention = folders[named[1]].flatMap { subject in Int64(named[2]).map { NewsMention(subject, $0) } }
            case 4 where (ownCouncil == nil || ownCouncil == slug) && named[1] == "cooperation":
                let subject: NewsMention.Subject? = switch named[2] {
                case "missions": .mission
                case "agreements": .agreement
                default: nil
                }
                mention = subject.flatMap { subject in Int64(named[3]).map { NewsMention(subject, $0) } }
            default: mention = nil
            }
            if let mention, !found.contains(mention) { found.append(mention) }
        }
        return found
    }
}
