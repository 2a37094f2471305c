/// The directory of the networks councils belong to (UCESIF, AICESIS...), for the whole instance.
enum NetworkPaths {
    static let list = SitePath("/networks")
    static let item = Path1("/networks/{network}")
    static let delete = Path1("/networks/{network}/delete")
    static let members = Path1("/networks/{network}/members")
    static let memberDelete = Path2("/networks/{network}/members/{member}/delete")

    static let all: [any DeclaredPath] = [list, item, delete, members, memberDelete]
}
