# The learner's pages: header, dashboard, my trainings, sessions, upcoming
# sessions, catalogue.

## The frame of every page
# The site's name, after every tab's title ("Catalogue · Formations").
learner-site-name = Formations
learner-brand = 🎓 Formations
learner-nav = Main navigation
learner-nav-dashboard = Dashboard
learner-nav-formations = My trainings
learner-nav-next = Upcoming sessions
learner-nav-catalogue = Catalogue
learner-nav-account = My account
learner-nav-admin = Administration
learner-logout = Sign out
learner-loading = Loading…
learner-session-expired = Your session has expired.
learner-sign-in-again = Sign in again

## Pieces several pages share
# Read by screen readers only, after a link that opens a tab.
learner-new-tab = (new tab)
learner-join-session = Join the session
learner-next-session = Next session
learner-seance = Session { $number }
learner-seance-titled = Session { $number } — { $title }
learner-attended-to-date = { $attended } / { $held } past { $held ->
    [one] session
   *[other] sessions
} · { $total } in the programme
# The attendance rate, already written with its decimal point ("33.3").
learner-rate = ({ $rate }%)

## Durations and the countdown ($h, $m, $s come with two digits)
learner-duration-minutes = { $m } min
learner-duration-hours = { $h } h
learner-duration-hours-minutes = { $h } h { $m } min
learner-countdown-days = in { $d ->
    [one] { $d } day
   *[other] { $d } days
} { $h } h { $m } min
learner-countdown-hours = in { $h } h { $m } min
learner-countdown-minutes = in { $m } min { $s } s
learner-countdown-live = Live
learner-countdown-ended = Ended

## Dashboard
learner-dashboard-title = Dashboard
learner-dashboard-hello = Hello, { $name }
learner-dashboard-glance = My trainings at a glance
learner-widget-active = Active trainings
learner-widget-completed = Completed trainings
learner-widget-upcoming = Upcoming trainings
learner-dashboard-no-next = No upcoming session.
learner-dashboard-new = Welcome! You are not enrolled in any training yet: pick one in the catalogue and ask to enrol.

## My trainings
learner-formations-title = My trainings
learner-stats = Statistics
learner-stat-total = Total enrolled
learner-stat-active = Active
learner-stat-completed = Completed
learner-stat-upcoming = Upcoming
learner-filters = Filters
learner-filter-all = All
learner-filter-active = Active
learner-filter-upcoming = Upcoming
learner-filter-completed = Completed
learner-filter-cancelled = Cancelled
learner-formations-empty = You are not enrolled in any training yet.
learner-formations-discover = Browse the catalogue
learner-formations-filter-empty = No training in this filter.
learner-formations-see-all = See all my trainings

## An enrollment's card
learner-fact-level = Level
learner-fact-platform = Platform
learner-fact-period = Dates
learner-fact-schedule = Schedule
learner-fact-instructor = Instructor
learner-fact-attendance = Attendance
learner-meeting-id = ID: { $id }
learner-meeting-code = Passcode: { $code }
learner-see-seances = See the sessions
# Read by screen readers only, after "See the sessions".
learner-see-seances-of = of { $name }

## The meeting link, or why there is none
learner-link-upcoming = The link will be available when the training starts.
learner-link-completed = Training completed: the link is no longer available.
learner-link-cancelled = Enrollment cancelled: no session link.
learner-link-none = No session link yet.

## An enrollment's sessions
learner-back = ← My trainings
learner-attendance-label = Attendance:
learner-seances = Sessions
learner-seances-empty = No session has been scheduled yet.
learner-phase-past = Past
learner-phase-live = Live
learner-phase-upcoming = Upcoming
learner-present = ✓ Present
learner-absent = Absent
learner-recording = Watch the recording
learner-recording-of = of session { $number } (new tab)
learner-join = Join
learner-join-of = session { $number } (new tab)
learner-mark = Mark my attendance
learner-mark-of = for session { $number }

## Upcoming sessions
learner-next-title = Upcoming sessions
learner-next-empty = No upcoming session in your trainings.

## Catalogue
learner-catalogue-title = Training catalogue
learner-catalogue-tab = Catalogue
learner-catalogue-empty = No training is on offer at the moment.
learner-requests = My requests
learner-requests-empty = You have not made any request.
learner-request-reason = Reason: { $reason }
learner-enrolled-as = Enrolled: { $status }
learner-request = Request enrollment
learner-request-for = Request enrollment in { $name }

calendar-title = My calendar
calendar-intro = Subscribe your calendar to your sessions: they appear and update by themselves, with a reminder 15 minutes before. The meeting link is never in it: it is on the session's page, while your enrollment is active.
calendar-url = Address of your calendar (iCalendar)
calendar-subscribe-app = Subscribe in my calendar app
calendar-subscribe-google = Subscribe in Google Calendar
calendar-subscribe-outlook = Subscribe in Outlook
calendar-private = This address is personal: whoever knows it sees your sessions. If you shared it by mistake, regenerate it; the old one will stop working.
calendar-regenerate = Regenerate
calendar-regenerated = New address created: the old one no longer works. Subscribe your calendar to this one.
calendar-add = Add to my calendar
calendar-add-google = Google Calendar
calendar-name = { $org } — my sessions
calendar-summary = { $formation } — Session { $number }: { $title }
calendar-description = The session's page (the button to join is there, while your enrollment is active): { $url }
learner-next-clash = At the same time as another of your sessions: { $others }

## The public catalogue
catalogue-search = Search
catalogue-any = Any
catalogue-month = Month of the sessions
catalogue-filter = Filter
catalogue-none-found = No training matches these criteria.
catalogue-clear = See every training
catalogue-signup-to-request = Sign up to ask for a place
catalogue-login-to-request = Already have an account? Log in
catalogue-login = Log in
catalogue-signup = Sign up
catalogue-back = ← Catalogue
catalogue-sessions = Upcoming sessions
catalogue-no-sessions = The session dates are not published yet.
catalogue-request-sent = Your enrollment request is saved: it is "Awaiting payment" until an admin confirms your payment.
learner-request-withdraw = Withdraw my request
learner-request-withdraw-for = Withdraw my request for { $name }
learner-request-withdrawn = Your request is withdrawn.
learner-requests-open = My open requests
catalogue-price = Price
catalogue-free = Free
catalogue-places = Places
catalogue-seats = { $total } places
catalogue-seats-left = { $left } of { $total } { $left ->
    [one] place left
   *[other] places left
}
catalogue-seats-full = Full
catalogue-payment = How to pay
catalogue-payment-none = The organisation will tell you how to pay for your enrollment.
