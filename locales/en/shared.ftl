# Words both learners and admins read: statuses, platforms, levels.
# (CSV exports and the command line keep the code's French labels.)

status-upcoming = Upcoming
status-active = Active
status-completed = Completed
status-cancelled = Cancelled

status-request-pending = Awaiting payment
status-request-confirmed = Payment confirmed
status-request-rejected = Declined
status-request-withdrawn = Withdrawn

platform-zoom = Zoom
platform-google-meet = Google Meet
platform-teams = Microsoft Teams

level-beginner = Beginner
level-intermediate = Intermediate
level-advanced = Advanced
level-expert = Expert
