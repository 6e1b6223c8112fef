# The REST API's answers that are not errors.

rest-logged-out = Signed out.
rest-reset-sent = If an account exists for this address, a reset link has just been sent to it.
rest-password-changed = Password changed. Sign in with the new one.
