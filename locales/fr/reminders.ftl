# Reminders of séances: the 24-hour e-mail, the learner's preferences, the
# unsubscribe link and the admin "Envois" page.

reminder-mail =
    .subject = Rappel : { $formation } — Séance { $number } : { $title }, { $when }
    .intro = La séance { $number } « { $title } » de la formation « { $formation } » commence { $when } (durée : { $duration }).
    .join = Le bouton pour rejoindre la séance vous attend sur la plateforme, sur la page de la séance.
    .calendar = L'invitation jointe l'ajoute à votre agenda.
    .button = Voir la séance
    .closing = Vous recevez ce rappel parce que vous êtes inscrit·e à cette formation. Pour choisir vos rappels : { $preferences }

reminders-channel-email = E-mail la veille (24 h avant chaque séance)

reminders-preferences-title = Rappels
reminders-preferences-link = Choisir les rappels de vos séances
reminders-preferences-intro = Choisissez comment la plateforme vous rappelle vos séances. Tous les rappels sont activés tant que vous ne les désactivez pas.
reminders-preferences-legend = Me rappeler mes séances par
reminders-preferences-submit = Enregistrer
reminders-preferences-saved = Vos choix de rappels sont enregistrés.
reminders-preferences-no-link = Les rappels ne contiennent jamais le lien de la réunion : il est sur la page de la séance, tant que votre inscription est active.

reminders-unsubscribe-title = Ne plus recevoir les rappels par e-mail
reminders-unsubscribe-question = Ne plus envoyer de rappels de séance par e-mail à { $email } ?
reminders-unsubscribe-submit = Me désabonner
reminders-unsubscribed = C'est fait : { $email } ne recevra plus de rappels par e-mail.
reminders-unsubscribed-short = Désabonnement enregistré.
reminders-unsubscribe-unknown = Ce lien de désabonnement n'est pas valable.
reminders-unsubscribe-failed = Le désabonnement n'a pas pu être enregistré : réessayez dans un instant.
reminders-unsubscribe-preferences = Gérer mes rappels

admin-nav-deliveries = Envois
reminders-admin-title = Envois
reminders-admin-filter = Filtrer par état
reminders-admin-all = Tous
reminders-admin-due = Prévu le
reminders-admin-channel = Canal
reminders-admin-learner = Apprenant
reminders-admin-seance = Séance
reminders-admin-state = État
reminders-admin-error = Dernière erreur
reminders-admin-actions = Actions
reminders-admin-empty = Aucun envoi.
reminders-admin-older = Envois plus anciens
reminders-admin-resend = Renvoyer
reminders-admin-sent-at = Envoyé :
reminders-admin-attempts = { $n ->
    [one] { $n } tentative
   *[other] { $n } tentatives
}
reminders-state-pending = En attente
reminders-state-sent = Envoyé
reminders-state-failed = En échec
reminders-state-expired = Expiré

admin-action-reminder-resend = Rappel renvoyé
admin-entity-reminder = rappel

error-a-reminder-not-resendable = Ce rappel ne peut pas être renvoyé : il est déjà parti ou en attente, ou sa séance a commencé ou changé d'horaire.
