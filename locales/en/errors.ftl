# Errors: one entry per stable key (the `code` of JSON answers).

error-unauthorized = You must be signed in.
error-credentials = Wrong e-mail or password.
error-forbidden = Only administrators may open this.
error-unconfirmed = Your e-mail address is not confirmed yet: follow the link in the e-mail we sent, or ask for a new link.
error-not_found = Page not found.
error-method_not_allowed = This method is not allowed at this address.
error-internal = Something went wrong on our side. Try again in a moment.
error-busy = The server is very busy. Try again in a few seconds.
error-transport = The server cannot be reached: { $detail }

error-a-name = The name is required (200 characters at most).
error-a-instructor = The instructor's name is required (200 characters at most).
error-a-schedule = The schedule is required (e.g. Tue-Thu, 7-9 pm).
error-a-description = The description must not exceed 5,000 characters.
error-a-meeting-id = The meeting ID must not exceed 200 characters.
error-a-meeting-password = The meeting password must not exceed 200 characters.
error-a-link-long = The meeting link must not exceed 2,000 characters.
error-a-level = Choose a level.
error-a-platform = Choose a platform.
error-a-link-https = The meeting link must be a URL starting with https://.
error-a-link-zoom = A Zoom link must be on zoom.us (or one of its subdomains).
error-a-link-meet = A Google Meet link must be on meet.google.com.
error-a-link-teams = A Teams link must be on teams.microsoft.com or teams.live.com.
error-a-timezone = Unknown time zone (an IANA name, e.g. Europe/Paris).
error-a-zoom-min = The minimum presence in Zoom / imported report is a whole percentage from 0 to 100.
error-a-zoom-auto = Automatic Zoom meetings are only possible for a formation on Zoom.
error-a-zoom-not-failed = This session's Zoom synchronisation has not failed: it is done or on its way.
error-a-stale = Another administrator changed this formation in the meantime. Reload the page to see the current version, then make your change again.
error-a-title = The title is required (200 characters at most).
error-a-at = Invalid date and time (YYYY-MM-DD HH:MM).
error-a-duration = The duration must be a number of minutes between 1 and 1440.
error-a-number = The session number must be 1 or more.
error-a-recording = The recording link must be a URL starting with https://.
error-a-weekdays = Give at least one weekday (e.g. tue, thu).
error-a-time = Invalid time (e.g. 19:00 or 7pm).
error-a-from = Invalid start date for the series (YYYY-MM-DD).
error-a-to = Invalid end date for the series (YYYY-MM-DD).
error-a-to-before = The series must end on or after its start.
error-a-series-empty = No new session falls on these days in this period.
error-a-series-long = A series has at most 200 sessions.
error-a-start = Invalid start date (YYYY-MM-DD).
error-a-end = Invalid end date (YYYY-MM-DD).
error-a-end-before = The end date must be on or after the start date.
error-a-total = The number of sessions must be a whole number, zero or more.
error-a-email = No account has this e-mail.
error-a-at-missing = The date and time are required.
error-a-time-missing = The start time is required.
error-a-duration-missing = The duration is required (in minutes).
error-a-from-missing = The series' start date is required.
error-a-to-missing = The series' end date is required.
error-a-start-missing = The start date is required.
error-a-end-missing = The end date is required.
error-a-offer-start-missing = The start date is required when an end date is given.
error-a-offer-end-missing = The end date is required when a start date is given.
error-a-email-missing = The e-mail is required.
error-a-enrolled = This user is already enrolled in this formation.
error-a-confirm = Tick “I confirm” to go ahead with this action.
error-a-reason = Give the reason for the refusal (500 characters at most).
error-a-decided = This request has already been handled.
error-a-pending = You already have a pending request for this formation.
error-a-already = You are already enrolled in this formation.
error-a-archived = This formation is archived.
error-a-not-enrolled = This learner is not enrolled in this formation.
error-a-not-started = This session has not taken place yet: attendance can be marked from 15 minutes before it starts.
error-attend_status = Attendance can only be marked while the formation is running.
error-attend_period = This session is not part of your enrollment period.
error-attend_window = Attendance can be marked from 15 minutes before the start until 24 hours after the end of the session.
error-email = Invalid e-mail address.
error-name = The name is required.
error-name_long = The name must not exceed 100 characters.
error-password = The password must have at least { $min } characters.
error-password_long = The password must not exceed 128 characters.
error-email_taken = An account already exists with this e-mail.
error-email_same = This is already your account's address.
error-email_in_use = This address already belongs to another account.
error-current_password = The current password is wrong.
error-link = This link is no longer valid: it was already used or has expired. Ask for a new one.
error-before = `before` must be the positive ID of a log entry.
error-invalid = Some values are invalid.
error-conflict = This action is no longer possible.
error-throttled = Too many attempts. Try again in a few minutes.
error-login_locked = Too many sign-in attempts for this account. Try again { $delay }.
error-address_locked = Too many sign-in attempts from your network address. Try again { $delay }.
error-signups = Too many sign-ups from your network address. Try again { $delay }.

error-required = This field is required.
error-too_long = This field must not exceed { $max } characters.
error-not_https = This link must be a URL starting with https://.
error-not_a_date = “{ $value }” is not a date of the form YYYY-MM-DD.
error-not_a_datetime = “{ $value }” is not an RFC 3339 date and time with an offset, e.g. 2024-01-22T19:00:00+01:00.
error-unknown_level = Unknown level “{ $value }” (expected: beginner, intermediate, advanced or expert).
error-unknown_platform = Unknown platform “{ $value }” (expected: zoom, google_meet or teams).
error-unknown_timezone = Unknown time zone “{ $value }” (expected: an IANA name such as Europe/Paris).
error-unknown_status = Unknown status “{ $value }” (expected: upcoming, active, completed or cancelled).
error-no_user = No account has the e-mail { $email }.
error-no_formation = No formation has the ID { $id }.
error-limit = limit must be a whole number between 1 and { $max }.
error-malformed = Invalid request: { $detail }

# "Try again in 45 seconds", "in 2 minutes".
delay-seconds = in { $n ->
    [one] { $n } second
   *[other] { $n } seconds
}
delay-minutes = in { $n ->
    [one] { $n } minute
   *[other] { $n } minutes
}
error-push_endpoint = The push service's address must use https://.
error-push_keys = The push subscription's keys are not valid.
error-streams = Too many pages already receive your notifications live: close one and try again { $delay }.
error-import_applied = This attendance report was imported already.
error-a-price = The price is an amount such as 450 or 450.50 (leave it empty for a free training).
error-a-currency = Choose a currency from the list.
error-a-offer-start = The start date is required when the end date is given (format YYYY-MM-DD).
error-a-offer-end = The end date is required when the start date is given (format YYYY-MM-DD).
error-a-offer-end-before = The end date must come after the start date.
error-a-seats = The number of places is a whole number from 1 to 100,000 (leave it empty for no limit).
error-a-payment-long = The payment instructions are at most 2,000 characters long.
error-request-not-pending = This request is no longer waiting: it was already handled or withdrawn.
error-a-publish-empty = This training has no session yet: tick "Publish without sessions" to publish it anyway.
