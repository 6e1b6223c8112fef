# Reminders of séances: the 24-hour e-mail, the learner's preferences, the
# unsubscribe link and the admin "Envois" page.

reminder-mail =
    .subject = Reminder: { $formation } — Session { $number }: { $title }, { $when }
    .intro = Session { $number } “{ $title }” of the formation “{ $formation }” starts { $when } (duration: { $duration }).
    .join = The button to join the session is waiting for you on the platform, on the session's page.
    .calendar = The attached invitation adds it to your calendar.
    .button = See the session
    .closing = You are receiving this reminder because you are enrolled in this formation. To choose your reminders: { $preferences }

reminders-channel-email = E-mail the day before (24 h before each session)

reminders-preferences-title = Reminders
reminders-preferences-link = Choose the reminders of your sessions
reminders-preferences-intro = Choose how the platform reminds you of your sessions. Every reminder is on until you turn it off.
reminders-preferences-legend = Remind me of my sessions by
reminders-preferences-submit = Save
reminders-preferences-saved = Your reminder choices are saved.
reminders-preferences-no-link = Reminders never contain the meeting link: it is on the session's page, while your enrollment is active.

reminders-unsubscribe-title = Stop e-mail reminders
reminders-unsubscribe-question = Stop sending session reminders by e-mail to { $email }?
reminders-unsubscribe-submit = Unsubscribe
reminders-unsubscribed = Done: { $email } will no longer receive e-mail reminders.
reminders-unsubscribed-short = Unsubscribed.
reminders-unsubscribe-unknown = This unsubscribe link is not valid.
reminders-unsubscribe-failed = The unsubscription could not be saved: try again in a moment.
reminders-unsubscribe-preferences = Manage my reminders

admin-nav-deliveries = Deliveries
reminders-admin-title = Deliveries
reminders-admin-filter = Filter by state
reminders-admin-all = All
reminders-admin-due = Due
reminders-admin-channel = Channel
reminders-admin-learner = Learner
reminders-admin-seance = Session
reminders-admin-state = State
reminders-admin-error = Last error
reminders-admin-actions = Actions
reminders-admin-empty = No deliveries.
reminders-admin-older = Older deliveries
reminders-admin-resend = Send again
reminders-admin-sent-at = Sent:
reminders-admin-attempts = { $n ->
    [one] { $n } attempt
   *[other] { $n } attempts
}
reminders-state-pending = Pending
reminders-state-sent = Sent
reminders-state-failed = Failed
reminders-state-expired = Expired

admin-action-reminder-resend = Reminder sent again
admin-entity-reminder = reminder

error-a-reminder-not-resendable = This reminder cannot be sent again: it already went or is pending, or its session started or changed time.
