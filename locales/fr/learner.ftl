# Les pages de l'apprenant : en-tête, tableau de bord, mes formations,
# séances, prochaines sessions, catalogue.

## Le cadre de toutes les pages
# Le nom du site, après le titre de chaque onglet (« Catalogue · Formations »).
learner-site-name = Formations
learner-brand = 🎓 Formations
learner-nav = Navigation principale
learner-nav-dashboard = Tableau de bord
learner-nav-formations = Mes Formations
learner-nav-next = Prochaines sessions
learner-nav-catalogue = Catalogue
learner-nav-account = Mon compte
learner-nav-admin = Administration
learner-logout = Se déconnecter
learner-loading = Chargement…
learner-session-expired = Votre session a expiré.
learner-sign-in-again = Se reconnecter

## Les morceaux que plusieurs pages partagent
# Lu par les lecteurs d'écran seulement, après un lien qui ouvre un onglet.
learner-new-tab = (nouvel onglet)
learner-join-session = Rejoindre la session
learner-next-session = Prochaine session
learner-seance = Séance { $number }
learner-seance-titled = Séance { $number } — { $title }
learner-attended-to-date = { $attended } / { $held } { $held ->
    [one] séance passée
   *[other] séances passées
} · { $total } au programme
# Le taux de présence, déjà écrit avec sa virgule (« 33,3 »).
learner-rate = ({ $rate } %)

## Les durées et le compte à rebours ($h, $m, $s arrivent sur deux chiffres)
learner-duration-minutes = { $m } min
learner-duration-hours = { $h } h
learner-duration-hours-minutes = { $h } h { $m }
learner-countdown-days = dans { $d } j { $h } h { $m } min
learner-countdown-hours = dans { $h } h { $m } min
learner-countdown-minutes = dans { $m } min { $s } s
learner-countdown-live = En direct
learner-countdown-ended = Terminée

## Tableau de bord
learner-dashboard-title = Tableau de bord
learner-dashboard-hello = Bonjour, { $name }
learner-dashboard-glance = Mes formations en un coup d'œil
learner-widget-active = Formations Actives
learner-widget-completed = Formations Terminées
learner-widget-upcoming = Formations À Venir
learner-dashboard-no-next = Aucune session à venir.
learner-dashboard-new = Bienvenue ! Vous n'êtes inscrit à aucune formation pour le moment : choisissez-en une dans le catalogue et demandez votre inscription.

## Mes Formations
learner-formations-title = Mes Formations
learner-stats = Statistiques
learner-stat-total = Total Inscrit
learner-stat-active = En Cours
learner-stat-completed = Terminées
learner-stat-upcoming = À Venir
learner-filters = Filtres
learner-filter-all = Toutes
learner-filter-active = En cours
learner-filter-upcoming = À venir
learner-filter-completed = Terminées
learner-filter-cancelled = Annulées
learner-formations-empty = Vous n'êtes inscrit à aucune formation pour le moment.
learner-formations-discover = Découvrir le catalogue
learner-formations-filter-empty = Aucune formation dans ce filtre.
learner-formations-see-all = Voir toutes mes formations

## La carte d'une inscription
learner-fact-level = Niveau
learner-fact-platform = Plateforme
learner-fact-period = Période
learner-fact-schedule = Horaires
learner-fact-instructor = Formateur
learner-fact-attendance = Présence
learner-meeting-id = ID : { $id }
learner-meeting-code = Code : { $code }
learner-see-seances = Voir les séances
# Lu par les lecteurs d'écran seulement, après « Voir les séances ».
learner-see-seances-of = de { $name }

## Le lien de réunion, ou pourquoi il n'y en a pas
learner-link-upcoming = Le lien sera disponible au début de la formation.
learner-link-completed = Formation terminée : le lien n'est plus disponible.
learner-link-cancelled = Inscription annulée : pas de lien de session.
learner-link-none = Aucun lien de session pour le moment.

## Les séances d'une inscription
learner-back = ← Mes Formations
learner-attendance-label = Présence :
learner-seances = Séances
learner-seances-empty = Aucune séance n'est encore planifiée.
learner-phase-past = Passée
learner-phase-live = En direct
learner-phase-upcoming = À venir
learner-present = ✓ Présent
learner-absent = Absent
learner-recording = Voir l'enregistrement
learner-recording-of = de la séance { $number } (nouvel onglet)
learner-join = Rejoindre
learner-join-of = la séance { $number } (nouvel onglet)
learner-mark = Marquer ma présence
learner-mark-of = à la séance { $number }

## Prochaines sessions
learner-next-title = Prochaines sessions
learner-next-empty = Aucune session à venir dans vos formations.

## Catalogue
learner-catalogue-title = Catalogue des formations
learner-catalogue-tab = Catalogue
learner-catalogue-empty = Aucune formation n'est proposée pour le moment.
learner-requests = Mes demandes
learner-requests-empty = Vous n'avez fait aucune demande.
learner-request-reason = Motif : { $reason }
learner-enrolled-as = Inscrit : { $status }
learner-request = Demander l'inscription
learner-request-for = Demander l'inscription à { $name }

calendar-title = Mon agenda
calendar-intro = Abonnez votre agenda à vos séances : elles y apparaissent et s'y mettent à jour toutes seules, avec un rappel 15 minutes avant. Le lien de la réunion n'y figure jamais : il est sur la page de la séance, tant que votre inscription est active.
calendar-url = Adresse de votre agenda (iCalendar)
calendar-subscribe-app = S'abonner dans mon application d'agenda
calendar-subscribe-google = S'abonner dans Google Agenda
calendar-subscribe-outlook = S'abonner dans Outlook
calendar-private = Cette adresse est personnelle : qui la connaît voit vos séances. Si vous l'avez partagée par erreur, régénérez-la ; l'ancienne cessera de fonctionner.
calendar-regenerate = Régénérer
calendar-regenerated = Nouvelle adresse créée : l'ancienne ne fonctionne plus. Abonnez votre agenda à celle-ci.
calendar-add = Ajouter à mon agenda
calendar-add-google = Google Agenda
calendar-name = { $org } — mes séances
calendar-summary = { $formation } — Séance { $number } : { $title }
calendar-description = Page de la séance (le bouton pour la rejoindre y est, tant que votre inscription est active) : { $url }
learner-next-clash = En même temps qu'une autre de vos sessions : { $others }

## The public catalogue
catalogue-search = Rechercher
catalogue-any = Tous
catalogue-month = Mois des séances
catalogue-filter = Filtrer
catalogue-none-found = Aucune formation ne correspond à ces critères.
catalogue-clear = Voir toutes les formations
catalogue-signup-to-request = S'inscrire pour demander une place
catalogue-login-to-request = Déjà un compte ? Se connecter
catalogue-login = Se connecter
catalogue-signup = Créer un compte
catalogue-back = ← Catalogue
catalogue-sessions = Séances à venir
catalogue-no-sessions = Les dates des séances ne sont pas encore publiées.
catalogue-request-sent = Votre demande d'inscription est enregistrée : elle est « En attente de paiement » jusqu'à ce qu'un administrateur confirme votre paiement.
learner-request-withdraw = Retirer ma demande
learner-request-withdraw-for = Retirer ma demande pour { $name }
learner-request-withdrawn = Votre demande est retirée.
learner-requests-open = Mes demandes en cours
catalogue-price = Prix
catalogue-free = Gratuit
catalogue-places = Places
catalogue-seats = { $total } places
catalogue-seats-left = { $left } { $left ->
    [one] place restante
   *[other] places restantes
} sur { $total }
catalogue-seats-full = Complet
catalogue-payment = Comment payer
catalogue-payment-none = L'organisme vous indiquera comment régler votre inscription.
