# Account mails: sign-up, forgotten password, change of address. Each is
# written in its recipient's language.

mail-greeting = Hello { $name },
mail-copy-link = Or copy this address into your browser:
mail-signature = — Formations

mail-confirm =
    .subject = Confirm your e-mail address
    .intro = Welcome to Formations!
    .validity = To activate your account, confirm your address with this link, valid for { $hours } hours and usable only once:
    .button = Confirm my address
    .closing = If you did not create an account, ignore this message: no account will be activated.

mail-reset =
    .subject = Reset your password
    .intro = Someone asked to reset the password of your Formations account.
    .validity = To choose a new password, follow this link, valid for { $minutes } minutes and usable only once:
    .button = Choose a new password
    .closing = If you did not ask for this, ignore this message: your password does not change.

mail-existing =
    .subject = You already have a Formations account
    .intro = Someone (perhaps you) tried to create a Formations account or to use this address for one, but you already have an account with it: just sign in.
    .validity = Forgot your password? Choose a new one with this link, valid for { $minutes } minutes:
    .button = Choose a new password
    .closing = If you did not ask for this, ignore this message: nothing changes.

mail-email-change =
    .subject = Confirm your new e-mail address
    .intro = You asked to use this address for your Formations account.
    .validity = It will replace the old one as soon as you follow this link, valid for { $hours } hours:
    .button = Confirm this address
    .closing = If you did not ask for this, ignore this message: nothing will change.

request-confirmed-mail =
    .subject = Enrollment confirmed: { $formation }
    .intro = Your payment is confirmed: you are enrolled in the training "{ $formation }".
    .body = Your enrollment runs from { $start } to { $end }. The link of each session waits for you in "My trainings" during that period.
    .button = See my trainings
    .closing = See you in the sessions!

request-rejected-mail =
    .subject = Enrollment request declined: { $formation }
    .intro = Your request to enrol in the training "{ $formation }" was not accepted.
    .body = Reason: { $reason }
    .button = See the training
    .closing = You can ask again from the catalogue.
