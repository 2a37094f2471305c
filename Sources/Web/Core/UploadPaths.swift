/// The only routes that take a form with a file (`multipart/form-data`); each reads it with `MultipartUpload`.
enum UploadPaths {
    static let all: [PathPattern] = [WorkPaths.attachments.path, ConventionPaths.pool.path, SittingPaths.documents.path, ConsultationPaths.importPolis.path,
                                       NewsPaths.images.path, AdminPaths.memberPhoto.path,
                                       AgreementPaths.documents.path, PracticePaths.documents.path, IndicatorPaths.importValues.path,
                                       CouncilSittingPaths.documents.path]

    static func accepts(_ path: String) -> Bool { all.contains { $0.matches(path) } }
}
