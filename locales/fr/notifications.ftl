# Notifications: the in-app notice 15 minutes before a séance (bell, page,
# live toast) and the Web Push notification 1 hour before.

reminders-channel-in-app = Notification dans l'app (15 min avant chaque séance)
reminders-channel-push = Notification push (1 h avant chaque séance, sur les navigateurs abonnés ci-dessous)

notice-seance-soon-title = { $formation } — Séance { $number }
notice-seance-soon = La séance « { $title } » commence dans { $lead }

notifications-title = Notifications
notifications-bell = { $n ->
    [0] Notifications, aucune non lue
    [one] Notifications, { $n } non lue
   *[other] Notifications, { $n } non lues
}
notifications-empty = Aucune notification pour l'instant.
notifications-unread-count = { $n ->
    [0] Tout est lu.
    [one] { $n } notification non lue.
   *[other] { $n } notifications non lues.
}
notifications-mark-all = Tout marquer comme lu
notifications-mark-read = Marquer comme lu
notifications-unread = Non lue
notifications-open = Voir la séance
notifications-older = Notifications plus anciennes
notifications-toast-join = Rejoindre
notifications-toast-close = Fermer

push-title = Notifications push sur ce navigateur
push-switch = Recevoir les notifications
push-state-on = Ce navigateur reçoit les notifications push de vos séances.
push-state-off = Ce navigateur ne reçoit pas encore les notifications push.
push-state-denied = Les notifications sont bloquées pour ce site dans votre navigateur : autorisez-les dans ses réglages, puis réessayez.
push-state-unsupported = Ce navigateur ne sait pas recevoir de notifications push.
push-state-failed = L'abonnement n'a pas abouti : réessayez dans un instant.
push-needs-script = Activer les notifications push demande JavaScript.

