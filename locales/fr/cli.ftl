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
