# Les erreurs : une entrée par clé stable (`code` des réponses JSON).

error-unauthorized = Vous devez être connecté.
error-credentials = E-mail ou mot de passe incorrect.
error-forbidden = Accès réservé aux administrateurs.
error-unconfirmed = Votre adresse e-mail n'est pas encore confirmée : suivez le lien reçu par mail, ou demandez un nouveau lien.
error-not_found = Page introuvable.
error-method_not_allowed = Méthode non autorisée pour cette adresse.
error-internal = Une erreur interne est survenue. Réessayez dans un instant.
error-busy = Le serveur est très sollicité. Réessayez dans quelques secondes.
error-transport = Le serveur est injoignable : { $detail }

error-a-name = Le nom est obligatoire (200 caractères au plus).
error-a-instructor = Le nom du formateur est obligatoire (200 caractères au plus).
error-a-schedule = Le planning est obligatoire (ex. : Mar-Jeu, 19h-21h).
error-a-description = La description ne doit pas dépasser 5 000 caractères.
error-a-meeting-id = L'identifiant de réunion ne doit pas dépasser 200 caractères.
error-a-meeting-password = Le mot de passe de réunion ne doit pas dépasser 200 caractères.
error-a-link-long = Le lien de session ne doit pas dépasser 2 000 caractères.
error-a-level = Choisissez un niveau.
error-a-platform = Choisissez une plateforme.
error-a-link-https = Le lien de session doit être une URL commençant par https://.
error-a-link-zoom = Un lien Zoom doit être sur zoom.us (ou l'un de ses sous-domaines).
error-a-link-meet = Un lien Google Meet doit être sur meet.google.com.
error-a-link-teams = Un lien Teams doit être sur teams.microsoft.com ou teams.live.com.
error-a-timezone = Fuseau horaire inconnu (nom IANA, ex. : Europe/Paris).
error-a-zoom-min = La présence minimale Zoom / feuille importée est un pourcentage entier de 0 à 100.
error-a-zoom-auto = Les réunions Zoom automatiques ne sont possibles que pour une formation sur Zoom.
error-a-zoom-not-failed = La synchronisation Zoom de cette séance n'a pas échoué : elle est faite ou en cours.
error-a-stale = Cette formation a été modifiée entre-temps par un autre administrateur. Rechargez la page pour voir la version actuelle, puis refaites votre modification.
error-a-title = Le titre est obligatoire (200 caractères au plus).
error-a-at = Date et heure invalides (AAAA-MM-JJ HH:MM).
error-a-duration = La durée doit être un nombre de minutes entre 1 et 1440.
error-a-number = Le numéro de séance doit être 1 ou plus.
error-a-recording = Le lien d'enregistrement doit être une URL commençant par https://.
error-a-weekdays = Indiquez au moins un jour de la semaine (ex. : mar, jeu).
error-a-time = Heure invalide (ex. : 19:00 ou 19h).
error-a-from = Date de début de la série invalide (AAAA-MM-JJ).
error-a-to = Date de fin de la série invalide (AAAA-MM-JJ).
error-a-to-before = La fin de la série doit être postérieure ou égale à son début.
error-a-series-empty = Aucune nouvelle séance sur cette période pour ces jours.
error-a-series-long = Une série compte au plus 200 séances.
error-a-start = Date de début invalide (AAAA-MM-JJ).
error-a-end = Date de fin invalide (AAAA-MM-JJ).
error-a-end-before = La date de fin doit être postérieure ou égale à la date de début.
error-a-total = Le nombre de séances doit être un entier positif ou nul.
error-a-email = Aucun compte n'a cet e-mail.
error-a-at-missing = La date et l'heure sont obligatoires.
error-a-time-missing = L'heure de début est obligatoire.
error-a-duration-missing = La durée est obligatoire (en minutes).
error-a-from-missing = La date de début de la série est obligatoire.
error-a-to-missing = La date de fin de la série est obligatoire.
error-a-start-missing = La date de début est obligatoire.
error-a-end-missing = La date de fin est obligatoire.
error-a-offer-start-missing = La date de début est obligatoire quand une date de fin est donnée.
error-a-offer-end-missing = La date de fin est obligatoire quand une date de début est donnée.
error-a-email-missing = L'e-mail est obligatoire.
error-a-enrolled = Cet utilisateur est déjà inscrit à cette formation.
error-a-confirm = Cochez « Je confirme » pour valider cette action.
error-a-reason = Indiquez le motif du refus (500 caractères au plus).
error-a-decided = Cette demande a déjà été traitée.
error-a-pending = Vous avez déjà une demande en attente pour cette formation.
error-a-already = Vous êtes déjà inscrit à cette formation.
error-a-archived = Cette formation est archivée.
error-a-not-enrolled = Cet apprenant n'est pas inscrit à cette formation.
error-a-not-started = Cette séance n'a pas encore eu lieu : la présence se marque au plus tôt 15 minutes avant son début.
error-attend_status = La présence ne peut être marquée que pendant la formation.
error-attend_period = Cette séance ne fait pas partie de votre période d'inscription.
error-attend_window = La présence se marque de 15 minutes avant le début jusqu'à 24 heures après la fin de la séance.
error-email = Adresse e-mail invalide.
error-name = Le nom est obligatoire.
error-name_long = Le nom ne doit pas dépasser 100 caractères.
error-password = Le mot de passe doit contenir au moins { $min } caractères.
error-password_long = Le mot de passe ne doit pas dépasser 128 caractères.
error-email_taken = Un compte existe déjà avec cet e-mail.
error-email_same = C'est déjà l'adresse de votre compte.
error-email_in_use = Cette adresse est déjà celle d'un autre compte.
error-current_password = Le mot de passe actuel est incorrect.
error-link = Ce lien n'est plus valable : il a déjà servi ou a expiré. Demandez-en un nouveau.
error-before = `before` doit être l'identifiant positif d'une entrée du journal.
error-invalid = Certaines valeurs sont invalides.
error-conflict = Cette action n'est plus possible.
error-throttled = Trop de tentatives. Réessayez dans quelques minutes.
error-login_locked = Trop de tentatives de connexion pour ce compte. Réessayez { $delay }.
error-address_locked = Trop de tentatives de connexion depuis votre adresse réseau. Réessayez { $delay }.
error-signups = Trop d'inscriptions depuis votre adresse réseau. Réessayez { $delay }.

error-required = Ce champ est obligatoire.
error-too_long = Ce champ ne doit pas dépasser { $max } caractères.
error-not_https = Ce lien doit être une URL commençant par https://.
error-not_a_date = « { $value } » n'est pas une date de la forme AAAA-MM-JJ.
error-not_a_datetime = « { $value } » n'est pas une date et heure RFC 3339 avec décalage, ex. 2024-01-22T19:00:00+01:00.
error-unknown_level = Niveau inconnu « { $value } » (attendu : beginner, intermediate, advanced ou expert).
error-unknown_platform = Plateforme inconnue « { $value } » (attendu : zoom, google_meet ou teams).
error-unknown_timezone = Fuseau horaire inconnu « { $value } » (attendu : un nom IANA comme Europe/Paris).
error-unknown_status = Statut inconnu « { $value } » (attendu : upcoming, active, completed ou cancelled).
error-no_user = Aucun compte n'a l'e-mail { $email }.
error-no_formation = Aucune formation n'a l'identifiant { $id }.
error-limit = limit doit être un entier entre 1 et { $max }.
error-malformed = Requête invalide : { $detail }

# « Réessayez dans 45 secondes », « dans 2 minutes ».
delay-seconds = dans { $n ->
    [one] { $n } seconde
   *[other] { $n } secondes
}
delay-minutes = dans { $n ->
    [one] { $n } minute
   *[other] { $n } minutes
}
error-push_endpoint = L'adresse du service de push doit être en https://.
error-push_keys = Les clés de l'abonnement push ne sont pas valables.
error-streams = Trop de pages reçoivent déjà vos notifications en direct : fermez-en une et réessayez { $delay }.
error-import_applied = Cette feuille de présence est déjà importée.
error-a-price = Le prix est un montant comme 450 ou 450,50 (laissez vide pour une formation gratuite).
error-a-currency = Choisissez une devise de la liste.
error-a-offer-start = La date de début est obligatoire quand la date de fin est donnée (format AAAA-MM-JJ).
error-a-offer-end = La date de fin est obligatoire quand la date de début est donnée (format AAAA-MM-JJ).
error-a-offer-end-before = La date de fin doit suivre la date de début.
error-a-seats = Le nombre de places est un entier de 1 à 100 000 (laissez vide pour ne pas le limiter).
error-a-payment-long = Les instructions de paiement font au plus 2 000 caractères.
error-request-not-pending = Cette demande n'est plus en attente : elle a déjà été traitée ou retirée.
error-a-publish-empty = Cette formation n'a encore aucune séance : cochez « Publier sans séance » pour la publier quand même.
