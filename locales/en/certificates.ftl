# Completion certificates: the learner's card and sessions page, "My
# certificates", the public verification page, the PDF, the mail, the
# admin area and the command line.

certificates-download = Download the certificate
certificates-verification-link = Verification link
certificates-revoked-note = Certificate revoked: please contact the training organisation.
certificates-below-threshold = Attendance { $rate }% — { $required }% required
certificates-mine = My certificates
certificates-none-yet = No certificate yet: one comes at the end of each formation you complete.

certificates-verify-title = Certificate verification
certificates-state-valid = Valid certificate
certificates-state-revoked = Revoked certificate
certificates-state-replaced = Replaced certificate
certificates-revoked-on = Revoked on { $date }: { $reason }
certificates-replaced-by = Replaced by the certificate
certificates-fact-code = Code
certificates-fact-learner = Learner
certificates-fact-formation = Formation
certificates-fact-period = Period
certificates-fact-issued = Issued on

certificates-hours = { $hours } h
certificates-hours-minutes = { $hours } h { $minutes }

certificates-pdf-title = Certificate of completion
certificates-pdf-awarded = awarded to
certificates-pdf-for = for completing the formation
certificates-pdf-level = Level: { $level }
certificates-pdf-period = from { $start } to { $end }
certificates-pdf-attendance = { $attended } of { $total } { $total ->
    [one] session
   *[other] sessions
} attended · { $hours } of attendance
certificates-pdf-instructor = Instructor: { $name }
certificates-pdf-issued = Issued on { $date }
certificates-pdf-code = Code: { $code }
certificates-pdf-verify = Verify this certificate online (or scan the QR code):

certificates-mail =
    .subject = Your certificate is available
    .intro = Congratulations: you have completed the formation “{ $formation }”.
    .body = Your certificate of completion is attached to this message (PDF). You will also find it under “My certificates”.
    .button = Verify the certificate
    .closing = Anyone you show it to can verify it with this link or the QR code on the PDF.

certificates-min-attendance = Minimum attendance for the certificate (%)
certificates-min-attendance-hint = From 0 to 100: the share of the enrollment's sessions to attend; 0 asks nothing.

certificates-admin-title = Certificates
certificates-admin-empty = No certificate for this formation.
certificates-admin-code = Code
certificates-admin-learner = Learner
certificates-admin-issued = Issued on
certificates-admin-state = State
certificates-admin-actions = Actions
certificates-admin-by-exception = by exception
certificates-admin-revoke = Revoke
certificates-admin-reason = Reason
certificates-admin-reissue = Reissue
certificates-admin-older = Older certificates
certificates-admin-without = Finished without a certificate
certificates-admin-without-rate = Attendance { $rate }% ({ $required }% required)
certificates-admin-issue = Issue by exception

cli-certificate-show =
    .code = code:
    .state = state:
    .learner = learner:
    .formation = formation:
    .period = period:
    .attendance = attendance:
    .issued = issued on:

error-a-cert-min = The minimum attendance is a whole percentage from 0 to 100.
error-certificate_code = This is not a certificate code (16 characters, e.g. FMT-7K3M-9QXA-2B4C-D5E6).
error-a-revoke-reason = Give the reason for the revocation (500 characters at most).
error-a-cert-not-completed = This enrollment is not finished (or it is cancelled): no certificate.
error-a-cert-not-earned = The attendance is below the formation's minimum: issue the certificate by exception if that is intended.
error-a-cert-revoked = This enrollment's certificate is revoked: reissue it to deliver a new one.
error-a-cert-already-revoked = This certificate is already revoked.
error-a-cert-replaced = This certificate was replaced: act on the current one.
