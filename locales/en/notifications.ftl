# Notifications: the in-app notice 15 minutes before a session (bell, page,
# live toast) and the Web Push notification 1 hour before.

reminders-channel-in-app = In-app notification (15 min before each session)
reminders-channel-push = Push notification (1 h before each session, on the browsers subscribed below)

notice-seance-soon-title = { $formation } — Session { $number }
notice-seance-soon = The session “{ $title }” starts in { $lead }

notifications-title = Notifications
notifications-bell = { $n ->
    [0] Notifications, none unread
   *[other] Notifications, { $n } unread
}
notifications-empty = No notifications yet.
notifications-unread-count = { $n ->
    [0] All read.
    [one] { $n } unread notification.
   *[other] { $n } unread notifications.
}
notifications-mark-all = Mark all as read
notifications-mark-read = Mark as read
notifications-unread = Unread
notifications-open = Open the session
notifications-older = Older notifications
notifications-toast-join = Join
notifications-toast-close = Close

push-title = Push notifications on this browser
push-switch = Receive notifications
push-state-on = This browser receives the push notifications of your sessions.
push-state-off = This browser does not receive push notifications yet.
push-state-denied = Notifications are blocked for this site in your browser: allow them in its settings, then try again.
push-state-unsupported = This browser cannot receive push notifications.
push-state-failed = Subscribing did not work: try again in a moment.
push-needs-script = Turning push notifications on needs JavaScript.

