import HemicycleDomain

/// What is done with a council's sittings.
public enum SittingAction: Sendable {
    /// Read the sitting: its agenda, attendance, proxies and approved minutes.
    case see(SittingBody)
    /// Plan, correct, convene or cancel a sitting, keep its agenda, record attendance, proxies and minutes.
    case keep
}

/// Who may do what with a council's sittings. Plenary sittings are public; a commission's or the bureau's are read by
/// the council's own members, bureau and secretariat. The secretariat keeps them all.
public enum SittingRules {
    public static func decide(_ actor: CouncilActor, _ action: SittingAction) -> Decision {
        switch action {
        case .see(let body):
            if body.isPublic { return .allowed }
            return actor.sitsInAssembly || actor.isSecretariat || actor.isBureau ? .allowed : .forbidden("sitting_refused")
        case .keep:
            return actor.isSecretariat ? .allowed : .forbidden("sitting_refused")
        }
    }

    /// Whether a sitting in `status` may still be changed: a cancelled sitting is kept as it was.
    public static func mayChange(_ status: SittingStatus) -> Decision {
        status == .cancelled ? .conflict("sitting_error_cancelled") : .allowed
    }

    /// Attendance is recorded once the sitting has started, never for a cancelled one.
    public static func mayRecordAttendance(_ status: SittingStatus, times: SittingTimes, now: Double) -> Decision {
        mayChange(status).then(times.hasStarted(at: now) ? .allowed : .conflict("sitting_error_not_started"))
    }

    /// A sitting is corrected (its body, times, place) before it starts: then attendance and proxies follow it.
    public static func mayEdit(_ status: SittingStatus, times: SittingTimes, now: Double) -> Decision {
        mayChange(status).then(times.hasStarted(at: now) ? .conflict("sitting_error_started") : .allowed)
    }

    /// A sitting is cancelled before it ends, once.
    public static func mayCancel(_ status: SittingStatus, times: SittingTimes, now: Double) -> Decision {
        mayChange(status).then(times.isOver(at: now) ? .conflict("sitting_error_over") : .allowed)
    }

    /// A sitting is convened once, before it starts.
    public static func mayConvene(_ status: SittingStatus, times: SittingTimes, now: Double) -> Decision {
        mayChange(status)
            .then(status == .convened ? .conflict("sitting_error_convened") : .allowed)
            .then(times.hasStarted(at: now) ? .conflict("sitting_error_started") : .allowed)
    }
}
