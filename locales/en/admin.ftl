# The admin area: its pages, its forms and the audit log.

## What the pages share

admin-brand = 🎓 Formations · Administration
admin-nav-label = Administration navigation
admin-dashboard-title = Dashboard
admin-nav-requests = Requests
admin-nav-audit = Audit log
admin-nav-catalogue = Catalogue
admin-logout = Sign out
admin-loading = Loading…
admin-confirm = I confirm
admin-filter = Filter
# A filter that picks nothing: all levels, all platforms (one word in English).
admin-all-masculine = All
admin-all-feminine = All
admin-save = Save
admin-export-csv = Export as CSV
admin-from = From
admin-to = To
admin-start-date = Start date
admin-end-date = End date
admin-total-sessions = Number of sessions (optional)
admin-total-sessions-hint = Empty: the formation's sessions within the period.
admin-learner = Learner
admin-formation = Formation
admin-title = Title
admin-date-time = Date and time
admin-duration-minutes = Duration (minutes)
admin-own-link = Session's own meeting link (optional)
admin-recording-link-optional = Recording link (optional)
admin-recording = Recording

## Dashboard

admin-dashboard-tab = Administration
admin-dashboard-active = Active
admin-dashboard-upcoming = Upcoming
admin-dashboard-completed = Completed
admin-dashboard-cancelled = Cancelled
admin-dashboard-pending = { $count ->
    [one] { $count } request awaiting payment
   *[other] { $count } requests awaiting payment
}
admin-dashboard-formations = { $count ->
    [one] { $count } formation in the catalogue
   *[other] { $count } formations in the catalogue
}
admin-dashboard-week = This week's sessions
admin-dashboard-date = Date
admin-dashboard-session = Session
admin-dashboard-week-empty = No sessions this week.

## Formations

admin-formations-title = Formations
admin-formation-new = New formation
admin-formation-new-crumb = New
admin-formation-create = Create the formation
admin-formations-search = Search
admin-formations-archived-filter = Include archived
admin-formations-caption = List of formations
admin-formations-enrolled = Enrolled
admin-formations-empty = No formation matches.
admin-formations-archived = Archived

admin-formation-name = Name
admin-formation-description = Description
admin-formation-level = Level
admin-formation-platform = Platform
admin-formation-link = Meeting link
admin-formation-link-hint = https:// on zoom.us, meet.google.com, teams.microsoft.com or teams.live.com, depending on the platform.
admin-formation-meeting-id = Meeting ID (optional)
admin-formation-meeting-password = Meeting password (optional)
admin-formation-instructor = Instructor
admin-formation-schedule = Schedule
admin-formation-schedule-placeholder = Tue-Thu, 7pm-9pm
admin-formation-timezone = Time zone
admin-formation-timezone-hint = Type a few letters of a city (Paris, Montreal…) and pick it from the list.
admin-formation-zoom-min-presence = Minimum presence in Zoom / imported report (%)
admin-formation-zoom-min-presence-hint = Share of the session a learner must have attended (according to Zoom or the imported attendance report) to be marked present. 50 by default.

admin-formation-tabs = Formation pages
admin-formation-sheet = Details
admin-formation-archived-notice = This formation is archived: it no longer appears in the catalogue. Its enrollments are kept.
admin-formation-reload = Reload the current version
admin-formation-restore-title = Restore
admin-formation-restore = Put back in the catalogue
admin-formation-archive-title = Archive
admin-formation-archive-consequence = The formation will leave the catalogue; its enrollments remain.
admin-formation-archive = Archive the formation

## Sessions

admin-sessions-title = Sessions
admin-sessions-timezone = Times in the formation's time zone: { $timezone }. Sessions are numbered by date.
admin-sessions-created = { $count ->
    [one] { $count } session created.
   *[other] { $count } sessions created.
}
admin-sessions-caption = Sessions of the formation
admin-sessions-number = No.
admin-sessions-duration = Duration
admin-sessions-actions = Actions
admin-sessions-empty = No sessions yet.
admin-sessions-minutes = { $minutes } min
admin-sessions-recorded = Yes
admin-sessions-edit = Edit
admin-sessions-edit-label = Edit session { $number }
admin-sessions-add-title = Add a session
admin-sessions-add = Add the session
admin-sessions-series-title = Generate a series
admin-sessions-series-name = Title of the sessions
# The starting value of a series' title (the sessions are called "Session 1", "Session 2"…).
admin-sessions-series-default = Session
admin-sessions-days = Days
admin-sessions-days-hint = For example: tue, thu (or Tue-Thu).
admin-sessions-start-time = Start time

admin-session-title = Session
admin-session-heading = Session { $number } — { $title }
admin-session-timezone = Time in the formation's time zone: { $timezone }
admin-session-save = Save the session
admin-session-recording-link = Link to the recording
admin-session-recording-hint = Leave empty to remove it.
admin-session-recording-save = Save the link
admin-session-delete = Delete the session
admin-session-delete-consequence = Its attendance will be deleted; the other sessions will be renumbered.

## Enrollments

admin-enrollments-title = Enrollments
admin-enrollments-caption = Enrollments in the formation
admin-enrollments-period = Period
admin-enrollments-status = Status
admin-enrollments-attendance = Attendance
admin-enrollments-action = Action
admin-enrollments-empty = No enrollments.
admin-enrollments-rate = { $attended }/{ $total } ({ $rate }%)
admin-enroll-title = Enroll a user
admin-enroll-email = Learner's e-mail
admin-enroll-submit = Enroll
admin-enrollment-cancel = Cancel the enrollment
admin-enrollment-cancel-label = Cancel the enrollment of { $name }
admin-rename = Correct the name
admin-rename-name = Name

## Attendance

admin-attendance-title = Attendance
admin-attendance-empty = Attendance needs sessions and enrolled learners.
admin-attendance-grid = Attendance grid
admin-attendance-caption = Attendance by learner and by session
admin-attendance-session-short = S{ $number }
admin-attendance-rate-column = Rate
admin-attendance-locked = Upcoming session
admin-attendance-locked-session = Session { $number }, upcoming
admin-attendance-mark = Mark present — { $name }, session { $number }
admin-attendance-unmark = Remove attendance — { $name }, session { $number }
admin-attendance-rate = { $attended }/{ $total } · { $rate }%

## Requests

admin-requests-title = Requests awaiting payment
admin-requests-tab = Enrollment requests
admin-requests-empty = No pending requests.
admin-request-asked = · requested on
admin-request-confirm = Confirm the payment
admin-request-reject-title = Reject
admin-request-reason = Reason for rejection
admin-request-reject = Reject the request

## Audit log

admin-audit-title = Audit log
admin-audit-actor = Author
admin-audit-action = Action
admin-audit-none-match = No change matches.
admin-audit-empty = No changes recorded.
admin-audit-caption = Latest changes
admin-audit-date = Date
admin-audit-subject = Subject
admin-audit-before-after = Before → after
admin-audit-formation = Formation: { $name }
admin-audit-session = Session { $number }: { $title }
admin-audit-session-number = Session { $number }
admin-audit-session-title = Session: { $title }
admin-audit-learner = Learner: { $name } ({ $email })
admin-audit-learner-one = Learner: { $name }
# Between a field's name and its values.
admin-audit-field-separator = :{" "}
admin-audit-hidden = : changed (value hidden)
admin-audit-yes = yes
admin-audit-no = no
admin-audit-source-manual = manual
admin-audit-source-self = by the learner
admin-audit-pages = Audit log pages
admin-audit-newest = ← Newest
admin-audit-older = Older changes →

admin-action-formation-create = Formation created
admin-action-formation-update = Formation changed
admin-action-formation-archive = Formation archived
admin-action-formation-restore = Formation restored
admin-action-session-create = Session added
admin-action-session-generate = Sessions generated
admin-action-session-update = Session changed
admin-action-session-recording = Session recording link set
admin-action-session-delete = Session deleted
admin-action-enrollment-create = Enrollment
admin-action-enrollment-cancel = Enrollment cancelled
admin-action-attendance-mark = Attendance marked
admin-action-attendance-unmark = Attendance removed
admin-action-request-confirm = Request confirmed
admin-action-request-reject = Request rejected
admin-action-user-rename = Name corrected
admin-action-certificate-issue = Certificate issued
admin-action-certificate-revoke = Certificate revoked
admin-action-certificate-reissue = Certificate reissued

admin-entity-formation = formation
admin-entity-session = session
admin-entity-enrollment = enrollment
admin-entity-request = request
admin-entity-user = user
admin-entity-certificate = certificate

admin-field-name = Name
admin-field-description = Description
admin-field-level = Level
admin-field-platform = Platform
admin-field-meeting-link = Meeting link
admin-field-meeting-id = Meeting ID
admin-field-meeting-password = Meeting password
admin-field-instructor-name = Instructor
admin-field-schedule-description = Schedule
admin-field-timezone = Time zone
admin-field-zoom-min-presence = Minimum presence in Zoom / imported report
admin-field-archived = Archived
admin-field-version = Version
admin-field-number = Number
admin-field-title = Title
admin-field-scheduled-date = Date and time
admin-field-duration-minutes = Duration (minutes)
admin-field-recording-link = Recording
admin-field-formation-id = Formation
admin-field-user-id = Learner
admin-field-enrollment-id = Enrollment
admin-field-start-date = Start
admin-field-end-date = End
admin-field-total-sessions = Planned sessions
admin-field-status = Status
admin-field-reason = Reason
admin-field-present = Present
admin-field-source = Source
admin-field-weekdays = Days
admin-field-start-time = Time
admin-field-from = From
admin-field-to = To
admin-field-created = Sessions created

# Attendance that arrives by itself: Zoom webhooks, Google Meet and
# Microsoft Teams attendance reports.
admin-presences-title = Automatic attendance
admin-import-title = Import the attendance report
admin-import-hint = The file Google Meet (attendance report) or Microsoft Teams (attendance report, current or older layout) exports, as CSV. Learners are matched by e-mail, else by exact name (flagged). A preview shows before anything is saved.
admin-import-file = Attendance file
admin-import-preview = Preview
admin-import-error-line = Line { $line }: { $error }
admin-import-error-empty = The file is empty or lists no participant.
admin-import-error-encoding = The file is neither UTF-8 nor UTF-16.
admin-import-error-unknown_layout = This file is not a Google Meet or Microsoft Teams attendance report we know.
admin-import-error-missing_column = An expected column is missing (name, e-mail or duration).
admin-import-error-bad_duration = Unreadable duration.
admin-import-error-bad_time = Unreadable time.
admin-import-error-bad_row = Malformed line.
admin-import-error-too_large = The file is over 5 MB.
admin-import-preview-title = Import preview
admin-import-summary = { $marked } of { $total } participant(s) will be marked present (at least { $min }% of the session).
admin-import-attendee = Participant
admin-import-email = E-mail
admin-import-minutes = Minutes
admin-import-marked = Marked present
admin-import-by-name = { $name } (matched by name: check it)
admin-import-no-learner = Not recognised
admin-import-confirm = Confirm the import
admin-yes = Yes
admin-no = No
admin-zoom-unknown-title = Unrecognised participants
admin-zoom-off = Zoom webhooks are not configured (FORMATIONS_ZOOM_WEBHOOK_SECRET).
admin-zoom-unknown-empty = No unrecognised Zoom participant for this session.
admin-zoom-attach = Attach to a learner
admin-zoom-attach-label = Learner for { $name }
admin-zoom-attach-button = Attach
admin-source-manual = manual
admin-source-self = by the learner
admin-source-zoom = Zoom
admin-source-import = import
admin-attendance-source = { $source }
admin-attendance-source-minutes = { $source } · { $minutes } min
admin-action-attendance-link = Zoom participant attached
admin-action-attendance-import = Attendance report imported
admin-formation-zoom-auto = Create the Zoom meetings automatically
admin-formation-zoom-auto-hint = Each session gets its own Zoom meeting, created, moved and deleted with it; the formation's link then becomes optional. The server needs the credentials of a Zoom "Server-to-Server OAuth" app (FORMATIONS_ZOOM_ACCOUNT_ID, FORMATIONS_ZOOM_CLIENT_ID, FORMATIONS_ZOOM_CLIENT_SECRET).
admin-field-zoom-auto = Automatic Zoom meetings
admin-field-zoom-meeting-id = Zoom meeting
admin-field-zoom-sync = Zoom synchronisation
admin-action-session-zoom-meeting = Zoom meeting created
admin-action-session-zoom-retry = Zoom synchronisation retried
admin-sessions-zoom = Zoom
admin-sessions-zoom-done = synchronised
admin-sessions-zoom-meeting = meeting { $id }
admin-sessions-zoom-pending = Zoom synchronisation: pending
admin-sessions-zoom-pending-reason = Zoom synchronisation: pending ({ $reason })
admin-sessions-zoom-failed = Zoom synchronisation: failed ({ $reason })
admin-sessions-zoom-retry = Retry
admin-sessions-zoom-retry-label = Retry the Zoom synchronisation of session { $number }
admin-sessions-zoom-auto = The Zoom meetings of these sessions are created, moved and deleted automatically.
admin-sessions-zoom-off = Automatic Zoom meetings are asked for, but this server has no Zoom credentials: set FORMATIONS_ZOOM_ACCOUNT_ID, FORMATIONS_ZOOM_CLIENT_ID and FORMATIONS_ZOOM_CLIENT_SECRET (a Zoom "Server-to-Server OAuth" app, see the README) and restart; until then the sessions wait.
admin-offer = Catalogue offer
admin-offer-price = Price (optional)
admin-offer-price-hint = For example 450 or 450.50; empty for a free training.
admin-offer-currency = Currency
admin-offer-starts = Announced start (optional)
admin-offer-ends = Announced end (optional)
admin-offer-seats = Places (optional)
admin-offer-seats-hint = Empty: no limit.
admin-offer-payment = Payment instructions
admin-offer-payment-hint = What the learner reads after asking to enrol, for example the bank details for a transfer.
admin-field-price = Price (cents)
admin-field-currency = Currency
admin-field-starts-on = Announced start
admin-field-ends-on = Announced end
admin-field-seats = Places
admin-field-payment-instructions = Payment instructions
admin-formation-draft = Draft
admin-formation-draft-notice = This training is not in the catalogue until it is published.
admin-formation-publish = Publish
admin-formation-publish-empty = Publish without sessions
admin-formation-unpublish = Back to draft (out of the catalogue)
admin-action-formation-publish = Training published
admin-action-formation-unpublish = Training back to draft
admin-field-draft = Draft
admin-sessions-preview = Preview
admin-preview-title = Preview: { $count } { $count ->
    [one] session
   *[other] sessions
}
admin-preview-existing = { $count } date(s) already planned, skipped.
admin-preview-past = past date
admin-preview-clash = overlaps { $with }
admin-preview-create = { $count ->
    [one] Create this session
   *[other] Create these { $count } sessions
}
admin-preview-cancel = Cancel

## What an admin reads once an action is done (domain::admin::Flash).
flash-formation-created = Formation created (a draft: publish it when it is ready).
flash-formation-saved = Changes saved.
flash-formation-archived = Formation archived.
flash-formation-restored = Formation restored.
flash-formation-published = Formation published: it is in the catalogue.
flash-formation-unpublished = Formation back to draft: it is no longer in the catalogue.
flash-session-added = Session added.
flash-series-created = Sessions created.
flash-session-saved = Session saved.
flash-session-deleted = Session deleted.
flash-recording-saved = Session recording updated.
flash-zoom-retried = Zoom sync started again.
flash-request-confirmed = Payment confirmed: the enrollment is created and the learner told.
flash-request-refused = Request refused: the learner is told.
flash-user-enrolled = Learner enrolled.
flash-enrollment-cancelled = Enrollment cancelled.
flash-learner-renamed = Learner's name corrected.
flash-certificate-issued = Certificate issued.
flash-certificate-revoked = Certificate revoked.
flash-certificate-reissued = Certificate issued again.
flash-reminder-resent = The reminder will go at the next sweep (within a minute).
flash-attendance-saved = Attendance saved.
flash-import-applied = Attendance imported.

admin-pages = List pages
admin-page-first = ← First page
admin-page-next = Next page →
admin-enrollments-search = Find a learner (name or e-mail)
