# The command line's messages (on standard error); the ids it writes on
# standard output are not words.

cli-error = error: { $message }
cli-migrations-applied = migrations applied
cli-cannot-listen = cannot listen on { $addr }: { $reason }
cli-server-error = server error: { $reason }
cli-stdin-unreadable = { $flag }: cannot read standard input: { $reason }
cli-stdin-empty = { $flag }: '-' reads it from standard input, which gave an empty line

cli-db-unsupported = DATABASE_URL '{ $url }' is not supported: use sqlite://path/to/file.db or postgres://user@host:5432/database
cli-db-connect = cannot open the database at { $url }: { $reason }
cli-db-migrate = cannot migrate the database at { $url }: { $reason }

cli-demo-ready = demo data ready
cli-demo-admin = admin:
cli-demo-learner = learner:
cli-demo-foreign = { $email } already belongs to an account the demo did not create: left as it is

cli-mail-from-invalid = FORMATIONS_MAIL_FROM '{ $from }' is not an address like Formations <no-reply@example.com>
cli-smtp-url-unusable = FORMATIONS_SMTP_URL '{ $url }' is not usable ({ $reason }): use smtp://user:pass@host:587?tls=required, smtps://user:pass@host:465 or smtp://host:25
cli-mail-folder = cannot create the mail folder { $dir }: { $reason }

# Settings refused at start.
cli-config-url-not-url = { $variable } '{ $value }' is not a URL like https://formations.example.org
cli-config-url-scheme = { $variable } '{ $value }' must be an http:// or https:// URL with a host
cli-config-url-credentials = { $variable } '{ $value }' must not hold a user name or password
cli-config-url-origin = { $variable } '{ $value }' must be an origin only (no path, query or fragment)
cli-config-proxies = { $variable }: '{ $value }' is not an address or a CIDR range like 10.0.0.0/8
cli-config-address = { $variable } '{ $value }' is not an address like 127.0.0.1:3000
cli-config-boolean = { $variable } '{ $value }' must be true or false
cli-config-hash-file = { $variable }: the file '{ $value }' does not exist (the build writes it)
cli-config-idle = { $variable } '{ $value }' must be a number of minutes from 1 to 43200
cli-config-session-cache = { $variable } '{ $value }' must be a number of seconds from 0 to 60
cli-config-vapid-subject = { $variable } '{ $value }' must be a mailto: address or an https:// URL push services can contact
cli-reminders-now = --now “{ $value }” is not an RFC 3339 instant (for example 2026-12-02T18:00:00Z)
cli-reminder-sent = { $channel } → { $to }: { $formation }, session { $number } ({ $start })
cli-reminders-report = Reminders: { $queued } queued, { $sent } sent, { $failed } failed, { $expired } expired
cli-config-zoom-partial = { $variable } is missing: automatic Zoom meetings need FORMATIONS_ZOOM_ACCOUNT_ID, FORMATIONS_ZOOM_CLIENT_ID and FORMATIONS_ZOOM_CLIENT_SECRET together
