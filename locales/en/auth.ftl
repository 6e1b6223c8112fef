# Signing in, signing up, the links sent by e-mail and the account.

## What these pages share

auth-email = E-mail
auth-password = Password
auth-new-password = New password
auth-name = Name
auth-password-hint = At least { $min } { $min ->
    [one] character.
   *[other] characters.
}
auth-sign-in = Sign in
auth-back-to-login = Back to sign-in
auth-go-to-login = Go to sign-in
auth-back-to-formations = Back to my formations

## Signing in

auth-login-title = Sign in
auth-login-confirmed = E-mail address confirmed: you can sign in now.
auth-login-reset = Password changed: sign in with the new one. Your other sessions have been closed.
auth-login-forgot = Forgot your password?
auth-login-no-account = No account yet?

## Signing up

auth-signup-title = Create an account
auth-signup-submit = Create my account
auth-signup-have-account = Already have an account?
auth-signup-sent-heading = Check your inbox
auth-signup-sent = A message is on its way to the address you gave. Follow the link in it (valid for 24 hours) to activate your account, then sign in.
# A sentence cut by a link: before the link, the link, after the link.
auth-signup-sent-hint = Nothing after a few minutes? Look in your spam folder, or
auth-signup-sent-hint-link = ask for a new link
auth-signup-sent-hint-end = .

## Signing out

auth-logout-title = Sign out
auth-logout-question = Do you want to sign out?
auth-logout-submit = Sign out

## Forgotten password, new password

auth-forgot-title = Forgot your password
auth-forgot-intro = Enter your account's address: we will send a link there to choose a new password.
auth-forgot-submit = Send the link
auth-forgot-sent = If an account exists for this address, a link has just been sent to it. It is valid for 30 minutes and works only once.
auth-reset-heading = Choose a new password
auth-reset-renew = Ask for a new link
auth-reset-consequence = All your sessions will be closed.
auth-reset-submit = Save the password

## Confirming the address

auth-confirm-title = Confirm my address
auth-confirm-heading = Confirm my e-mail address
auth-confirm-renew = Get a new link
auth-resend-title = Resend the confirmation link
auth-resend-submit = Resend the link
auth-resend-sent = If this address is awaiting confirmation, a new link has just been sent to it (valid for 24 hours).

## My account

auth-account-title = My account
auth-account-ok-name = Name saved.
auth-account-ok-email-sent = A confirmation link is on its way to the new address: your account's address will change once you have followed it (valid for 24 hours).
auth-account-ok-email = E-mail address changed.
auth-account-ok-password = Password changed. Your other sessions have been closed.
auth-account-ok-session = Session signed out.
auth-account-name-label = Display name
auth-account-name-submit = Save the name
auth-account-email-current = Current address:
auth-account-email-label = New address
auth-account-email-hint = A confirmation link will be sent there; nothing changes until then.
auth-account-email-submit = Change address
auth-account-password-current = Current password
auth-account-password-consequence = Your other sessions will be closed.
auth-account-password-submit = Change the password
auth-account-sessions-title = Open sessions
auth-account-sessions-caption = Your open sessions
auth-account-column-device = Device
auth-account-column-kind = Type
auth-account-column-opened = Opened on
auth-account-column-action = Action
auth-account-this-session = This session
auth-account-revoke = Sign out
auth-account-revoke-label = Sign out the { $device } session
auth-account-logout-all = Sign out everywhere
auth-account-logout-all-hint = Closes all your sessions and revokes your API tokens, including on this device.
auth-session-kind-browser = Browser
auth-session-kind-api = Application (API token)
# The client that opened a session, read from its User-Agent: “Firefox on Linux”.
auth-device-on = { $browser } on { $system }
auth-device-unknown = Unknown device

## Page not found, access denied

auth-not-found-title = Page not found
auth-not-found-text = This page does not exist or is not open to you.
auth-forbidden-title = Access denied
auth-forbidden-text = Only administrators may open this page.
