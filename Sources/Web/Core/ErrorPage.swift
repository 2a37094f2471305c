/// The page of a refusal or a failure: its status and the sentence that explains it.
struct ErrorPage: Encodable {
    let status: Int
    let message: String
}
