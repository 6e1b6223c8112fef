# Les messages de la ligne de commande (sur la sortie d'erreur) ; les
# identifiants qu'elle écrit sur la sortie standard ne sont pas des mots.

cli-error = erreur : { $message }
cli-migrations-applied = migrations appliquées
cli-cannot-listen = impossible d'écouter sur { $addr } : { $reason }
cli-server-error = erreur du serveur : { $reason }
cli-stdin-unreadable = { $flag }: impossible de lire l'entrée standard : { $reason }
cli-stdin-empty = { $flag }: « - » le lit sur l'entrée standard, qui n'a donné qu'une ligne vide

cli-db-unsupported = DATABASE_URL « { $url } » n'est pas prise en charge : utilisez sqlite://chemin/vers/fichier.db ou postgres://utilisateur@serveur:5432/base
cli-db-connect = impossible d'ouvrir la base de données { $url } : { $reason }
cli-db-migrate = impossible de migrer la base de données { $url } : { $reason }

cli-demo-ready = données de démo prêtes
cli-demo-admin = admin :
cli-demo-learner = apprenant :
cli-demo-foreign = { $email } appartient déjà à un compte que la démo n'a pas créé : laissé tel quel

cli-mail-from-invalid = FORMATIONS_MAIL_FROM « { $from } » n'est pas une adresse comme Formations <no-reply@example.com>
cli-smtp-url-unusable = FORMATIONS_SMTP_URL « { $url } » n'est pas utilisable ({ $reason }) : utilisez smtp://utilisateur:motdepasse@serveur:587?tls=required, smtps://utilisateur:motdepasse@serveur:465 ou smtp://serveur:25
cli-mail-folder = impossible de créer le dossier des mails { $dir } : { $reason }

# Les réglages refusés au démarrage.
cli-config-url-not-url = { $variable } « { $value } » n'est pas une URL comme https://formations.example.org
cli-config-url-scheme = { $variable } « { $value } » doit être une URL http:// ou https:// avec un hôte
cli-config-url-credentials = { $variable } « { $value } » ne doit contenir ni nom d'utilisateur ni mot de passe
cli-config-url-origin = { $variable } « { $value } » doit être une origine seule (sans chemin, requête ni fragment)
cli-config-proxies = { $variable } : « { $value } » n'est ni une adresse ni une plage CIDR comme 10.0.0.0/8
cli-config-address = { $variable } « { $value } » n'est pas une adresse comme 127.0.0.1:3000
cli-config-boolean = { $variable } « { $value } » doit valoir true ou false
cli-config-hash-file = { $variable } : le fichier « { $value } » n'existe pas (il est écrit par la compilation)
cli-config-idle = { $variable } « { $value } » doit être un nombre de minutes de 1 à 43200
cli-config-session-cache = { $variable } « { $value } » doit être un nombre de secondes de 0 à 60
cli-config-vapid-subject = { $variable } « { $value } » doit être une adresse mailto: ou une URL https:// que les services de push peuvent contacter
cli-reminders-now = --now « { $value } » n'est pas un instant RFC 3339 (par exemple 2026-12-02T18:00:00Z)
cli-reminder-sent = { $channel } → { $to } : { $formation }, séance { $number } ({ $start })
cli-reminders-report = Rappels : { $queued } mis en file, { $sent } envoyés, { $failed } en échec, { $expired } expirés
cli-config-zoom-partial = { $variable } manque : les réunions Zoom automatiques demandent FORMATIONS_ZOOM_ACCOUNT_ID, FORMATIONS_ZOOM_CLIENT_ID et FORMATIONS_ZOOM_CLIENT_SECRET ensemble
