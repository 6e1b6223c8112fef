# L'espace d'administration : ses pages, ses formulaires et le journal.

## Ce que les pages partagent

admin-brand = 🎓 Formations · Administration
admin-nav-label = Navigation de l'administration
admin-dashboard-title = Tableau de bord
admin-nav-requests = Demandes
admin-nav-audit = Journal
admin-nav-catalogue = Catalogue
admin-logout = Se déconnecter
admin-loading = Chargement…
admin-confirm = Je confirme
admin-filter = Filtrer
# Un filtre sans choix : « Tous » les niveaux, « Toutes » les plateformes.
admin-all-masculine = Tous
admin-all-feminine = Toutes
admin-save = Enregistrer
admin-export-csv = Exporter en CSV
admin-from = Du
admin-to = Au
admin-start-date = Date de début
admin-end-date = Date de fin
admin-total-sessions = Nombre de séances (facultatif)
admin-total-sessions-hint = Vide : les séances de la formation sur la période.
admin-learner = Apprenant
admin-formation = Formation
admin-title = Titre
admin-date-time = Date et heure
admin-duration-minutes = Durée (minutes)
admin-own-link = Lien de session propre (facultatif)
admin-recording-link-optional = Lien d'enregistrement (facultatif)
admin-recording = Enregistrement

## Tableau de bord

admin-dashboard-tab = Administration
admin-dashboard-active = En cours
admin-dashboard-upcoming = À venir
admin-dashboard-completed = Terminées
admin-dashboard-cancelled = Annulées
admin-dashboard-pending = { $count } demande(s) en attente de paiement
admin-dashboard-formations = { $count } formation(s) au catalogue
admin-dashboard-week = Séances de la semaine
admin-dashboard-date = Date
admin-dashboard-session = Séance
admin-dashboard-week-empty = Aucune séance cette semaine.

## Formations

admin-formations-title = Formations
admin-formation-new = Nouvelle formation
admin-formation-new-crumb = Nouvelle
admin-formation-create = Créer la formation
admin-formations-search = Rechercher
admin-formations-archived-filter = Inclure les archivées
admin-formations-caption = Liste des formations
admin-formations-enrolled = Inscrits
admin-formations-empty = Aucune formation ne correspond.
admin-formations-archived = Archivée

admin-formation-name = Nom
admin-formation-description = Description
admin-formation-level = Niveau
admin-formation-platform = Plateforme
admin-formation-link = Lien de session
admin-formation-link-hint = https:// sur zoom.us, meet.google.com, teams.microsoft.com ou teams.live.com selon la plateforme.
admin-formation-meeting-id = Identifiant de réunion (facultatif)
admin-formation-meeting-password = Mot de passe de réunion (facultatif)
admin-formation-instructor = Formateur
admin-formation-schedule = Planning
admin-formation-schedule-placeholder = Mar-Jeu, 19h-21h
admin-formation-timezone = Fuseau horaire
admin-formation-timezone-hint = Tapez quelques lettres d'une ville (Paris, Montreal…) et choisissez-la dans la liste.
admin-formation-zoom-min-presence = Présence minimale Zoom / feuille importée (%)
admin-formation-zoom-min-presence-hint = Part de la séance à laquelle un apprenant doit avoir assisté (selon Zoom ou la feuille de présence importée) pour être marqué présent. 50 par défaut.

admin-formation-tabs = Pages de la formation
admin-formation-sheet = Fiche
admin-formation-archived-notice = Cette formation est archivée : elle n'apparaît plus dans le catalogue. Ses inscriptions sont conservées.
admin-formation-reload = Recharger la version actuelle
admin-formation-restore-title = Restaurer
admin-formation-restore = Remettre au catalogue
admin-formation-archive-title = Archiver
admin-formation-archive-consequence = La formation quittera le catalogue ; ses inscriptions restent.
admin-formation-archive = Archiver la formation

## Séances

admin-sessions-title = Séances
admin-sessions-timezone = Heures dans le fuseau de la formation : { $timezone }. Les séances sont numérotées par date.
admin-sessions-created = { $count } séance(s) créée(s).
admin-sessions-caption = Séances de la formation
admin-sessions-number = N°
admin-sessions-duration = Durée
admin-sessions-actions = Actions
admin-sessions-empty = Aucune séance pour l'instant.
admin-sessions-minutes = { $minutes } min
admin-sessions-recorded = Oui
admin-sessions-edit = Modifier
admin-sessions-edit-label = Modifier la séance { $number }
admin-sessions-add-title = Ajouter une séance
admin-sessions-add = Ajouter la séance
admin-sessions-series-title = Générer une série
admin-sessions-series-name = Titre des séances
# La valeur de départ du titre d'une série (les séances s'appellent « Séance 1 », « Séance 2 »…).
admin-sessions-series-default = Séance
admin-sessions-days = Jours
admin-sessions-days-hint = Par exemple : mar, jeu (ou Mar-Jeu).
admin-sessions-start-time = Heure de début

admin-session-title = Séance
admin-session-heading = Séance { $number } — { $title }
admin-session-timezone = Heure dans le fuseau de la formation : { $timezone }
admin-session-save = Enregistrer la séance
admin-session-recording-link = Lien de l'enregistrement
admin-session-recording-hint = Laisser vide pour le retirer.
admin-session-recording-save = Enregistrer le lien
admin-session-delete = Supprimer la séance
admin-session-delete-consequence = Ses présences seront supprimées ; les autres séances seront renumérotées.

## Inscriptions

admin-enrollments-title = Inscriptions
admin-enrollments-caption = Inscriptions de la formation
admin-enrollments-period = Période
admin-enrollments-status = Statut
admin-enrollments-attendance = Présences
admin-enrollments-action = Action
admin-enrollments-empty = Aucune inscription.
admin-enrollments-rate = { $attended }/{ $total } ({ $rate } %)
admin-enroll-title = Inscrire un utilisateur
admin-enroll-email = E-mail de l'apprenant
admin-enroll-submit = Inscrire
admin-enrollment-cancel = Annuler l'inscription
admin-enrollment-cancel-label = Annuler l'inscription de { $name }
admin-rename = Corriger le nom
admin-rename-name = Nom

## Présences

admin-attendance-title = Présences
admin-attendance-empty = Il faut des séances et des inscrits pour saisir des présences.
admin-attendance-grid = Grille des présences
admin-attendance-caption = Présences par apprenant et par séance
admin-attendance-session-short = S{ $number }
admin-attendance-rate-column = Taux
admin-attendance-locked = Séance à venir
admin-attendance-locked-session = Séance { $number } à venir
admin-attendance-mark = Marquer présent — { $name }, séance { $number }
admin-attendance-unmark = Retirer la présence — { $name }, séance { $number }
admin-attendance-rate = { $attended }/{ $total } · { $rate } %

## Demandes

admin-requests-title = Demandes en attente de paiement
admin-requests-tab = Demandes d'inscription
admin-requests-empty = Aucune demande en attente.
admin-request-asked = · demandé le
admin-request-confirm = Confirmer le paiement
admin-request-reject-title = Refuser
admin-request-reason = Motif du refus
admin-request-reject = Refuser la demande

## Journal des modifications

admin-audit-title = Journal des modifications
admin-audit-actor = Auteur
admin-audit-action = Action
admin-audit-none-match = Aucune modification ne correspond.
admin-audit-empty = Aucune modification enregistrée.
admin-audit-caption = Dernières modifications
admin-audit-date = Date
admin-audit-subject = Objet
admin-audit-before-after = Avant → après
admin-audit-formation = Formation : { $name }
admin-audit-session = Séance { $number } : { $title }
admin-audit-session-number = Séance { $number }
admin-audit-session-title = Séance : { $title }
admin-audit-learner = Apprenant : { $name } ({ $email })
admin-audit-learner-one = Apprenant : { $name }
# Entre le nom d'un champ et ses valeurs.
admin-audit-field-separator = {" "}:{" "}
admin-audit-hidden = {" "}: modifié (valeur masquée)
admin-audit-yes = oui
admin-audit-no = non
admin-audit-source-manual = manuelle
admin-audit-source-self = par l'apprenant
admin-audit-pages = Pages du journal
admin-audit-newest = ← Les plus récentes
admin-audit-older = Modifications plus anciennes →

admin-action-formation-create = Création de formation
admin-action-formation-update = Modification de formation
admin-action-formation-archive = Archivage de formation
admin-action-formation-restore = Restauration de formation
admin-action-session-create = Ajout de séance
admin-action-session-generate = Génération de séances
admin-action-session-update = Modification de séance
admin-action-session-recording = Enregistrement de séance
admin-action-session-delete = Suppression de séance
admin-action-enrollment-create = Inscription
admin-action-enrollment-cancel = Annulation d'inscription
admin-action-attendance-mark = Présence marquée
admin-action-attendance-unmark = Présence retirée
admin-action-request-confirm = Demande confirmée
admin-action-request-reject = Demande refusée
admin-action-user-rename = Nom corrigé
admin-action-certificate-issue = Certificat délivré
admin-action-certificate-revoke = Certificat révoqué
admin-action-certificate-reissue = Certificat redélivré

admin-entity-formation = formation
admin-entity-session = séance
admin-entity-enrollment = inscription
admin-entity-request = demande
admin-entity-user = utilisateur
admin-entity-certificate = certificat

admin-field-name = Nom
admin-field-description = Description
admin-field-level = Niveau
admin-field-platform = Plateforme
admin-field-meeting-link = Lien de réunion
admin-field-meeting-id = ID de réunion
admin-field-meeting-password = Mot de passe de réunion
admin-field-instructor-name = Formateur
admin-field-schedule-description = Planning
admin-field-timezone = Fuseau horaire
admin-field-zoom-min-presence = Présence minimale Zoom / feuille importée
admin-field-archived = Archivée
admin-field-version = Version
admin-field-number = Numéro
admin-field-title = Titre
admin-field-scheduled-date = Date et heure
admin-field-duration-minutes = Durée (minutes)
admin-field-recording-link = Enregistrement
admin-field-formation-id = Formation
admin-field-user-id = Apprenant
admin-field-enrollment-id = Inscription
admin-field-start-date = Début
admin-field-end-date = Fin
admin-field-total-sessions = Séances prévues
admin-field-status = Statut
admin-field-reason = Motif
admin-field-present = Présent
admin-field-source = Source
admin-field-weekdays = Jours
admin-field-start-time = Heure
admin-field-from = Du
admin-field-to = Au
admin-field-created = Séances créées

# La présence qui arrive toute seule : webhooks Zoom, feuilles de présence
# Google Meet et Microsoft Teams.
admin-presences-title = Présences automatiques
admin-import-title = Importer la feuille de présence
admin-import-hint = Le fichier exporté par Google Meet (rapport de présence) ou Microsoft Teams (rapport de participation, récent ou ancien format), en CSV. Les apprenants sont reconnus par leur e-mail, sinon par leur nom exact (signalé). Un aperçu s'affiche avant tout enregistrement.
admin-import-file = Fichier de présence
admin-import-preview = Prévisualiser
admin-import-error-line = Ligne { $line } : { $error }
admin-import-error-empty = Le fichier est vide ou ne contient aucun participant.
admin-import-error-encoding = Le fichier n'est ni en UTF-8 ni en UTF-16.
admin-import-error-unknown_layout = Ce fichier n'est pas un rapport de présence Google Meet ou Microsoft Teams reconnu.
admin-import-error-missing_column = Une colonne attendue manque (nom, e-mail ou durée).
admin-import-error-bad_duration = Durée illisible.
admin-import-error-bad_time = Heure illisible.
admin-import-error-bad_row = Ligne mal formée.
admin-import-error-too_large = Le fichier dépasse 5 Mo.
admin-import-preview-title = Aperçu de l'import
admin-import-summary = { $marked } participant(s) sur { $total } seront marqués présents (au moins { $min } % de la séance).
admin-import-attendee = Participant
admin-import-email = E-mail
admin-import-minutes = Minutes
admin-import-marked = Marqué présent
admin-import-by-name = { $name } (reconnu par le nom : à vérifier)
admin-import-no-learner = Non reconnu
admin-import-confirm = Confirmer l'import
admin-yes = Oui
admin-no = Non
admin-zoom-unknown-title = Participants non reconnus
admin-zoom-off = Les webhooks Zoom ne sont pas configurés (FORMATIONS_ZOOM_WEBHOOK_SECRET).
admin-zoom-unknown-empty = Aucun participant Zoom non reconnu pour cette séance.
admin-zoom-attach = Rattacher à un apprenant
admin-zoom-attach-label = Apprenant pour { $name }
admin-zoom-attach-button = Rattacher
admin-source-manual = manuel
admin-source-self = par l'apprenant
admin-source-zoom = Zoom
admin-source-import = import
admin-attendance-source = { $source }
admin-attendance-source-minutes = { $source } · { $minutes } min
admin-action-attendance-link = Participant Zoom rattaché
admin-action-attendance-import = Feuille de présence importée
admin-formation-zoom-auto = Créer les réunions Zoom automatiquement
admin-formation-zoom-auto-hint = Chaque séance reçoit sa propre réunion Zoom, créée, déplacée et supprimée avec elle ; le lien de la formation devient alors facultatif. Le serveur doit avoir les identifiants d'une application Zoom « Server-to-Server OAuth » (FORMATIONS_ZOOM_ACCOUNT_ID, FORMATIONS_ZOOM_CLIENT_ID, FORMATIONS_ZOOM_CLIENT_SECRET).
admin-field-zoom-auto = Réunions Zoom automatiques
admin-field-zoom-meeting-id = Réunion Zoom
admin-field-zoom-sync = Synchronisation Zoom
admin-action-session-zoom-meeting = Réunion Zoom créée
admin-action-session-zoom-retry = Synchronisation Zoom relancée
admin-sessions-zoom = Zoom
admin-sessions-zoom-done = synchronisée
admin-sessions-zoom-meeting = réunion { $id }
admin-sessions-zoom-pending = synchronisation Zoom : en attente
admin-sessions-zoom-pending-reason = synchronisation Zoom : en attente ({ $reason })
admin-sessions-zoom-failed = synchronisation Zoom : échouée ({ $reason })
admin-sessions-zoom-retry = Réessayer
admin-sessions-zoom-retry-label = Réessayer la synchronisation Zoom de la séance { $number }
admin-sessions-zoom-auto = Les réunions Zoom de ces séances sont créées, déplacées et supprimées automatiquement.
admin-sessions-zoom-off = Les réunions Zoom automatiques sont demandées, mais ce serveur n'a pas d'identifiants Zoom : définissez FORMATIONS_ZOOM_ACCOUNT_ID, FORMATIONS_ZOOM_CLIENT_ID et FORMATIONS_ZOOM_CLIENT_SECRET (application Zoom « Server-to-Server OAuth », voir le README) puis redémarrez ; d'ici là, les séances attendent.
admin-offer = Offre du catalogue
admin-offer-price = Prix (facultatif)
admin-offer-price-hint = Par exemple 450 ou 450,50 ; vide pour une formation gratuite.
admin-offer-currency = Devise
admin-offer-starts = Début annoncé (facultatif)
admin-offer-ends = Fin annoncée (facultatif)
admin-offer-seats = Places (facultatif)
admin-offer-seats-hint = Vide : sans limite.
admin-offer-payment = Instructions de paiement
admin-offer-payment-hint = Ce que l'apprenant lit après avoir demandé son inscription, par exemple les coordonnées bancaires pour un virement.
admin-field-price = Prix (centimes)
admin-field-currency = Devise
admin-field-starts-on = Début annoncé
admin-field-ends-on = Fin annoncée
admin-field-seats = Places
admin-field-payment-instructions = Instructions de paiement
admin-formation-draft = Brouillon
admin-formation-draft-notice = Cette formation n'apparaît pas dans le catalogue tant qu'elle n'est pas publiée.
admin-formation-publish = Publier
admin-formation-publish-empty = Publier sans séance
admin-formation-unpublish = Remettre en brouillon (retirer du catalogue)
admin-action-formation-publish = Publication de formation
admin-action-formation-unpublish = Formation remise en brouillon
admin-field-draft = Brouillon
admin-sessions-preview = Prévisualiser
admin-preview-title = Aperçu : { $count } { $count ->
    [one] séance
   *[other] séances
}
admin-preview-existing = { $count } date(s) déjà prévue(s) ignorée(s).
admin-preview-past = date passée
admin-preview-clash = chevauche { $with }
admin-preview-create = { $count ->
    [one] Créer cette séance
   *[other] Créer ces { $count } séances
}
admin-preview-cancel = Annuler

## What an admin reads once an action is done (domain::admin::Flash).
flash-formation-created = Formation créée (brouillon : publiez-la quand elle est prête).
flash-formation-saved = Modifications enregistrées.
flash-formation-archived = Formation archivée.
flash-formation-restored = Formation restaurée.
flash-formation-published = Formation publiée : elle est au catalogue.
flash-formation-unpublished = Formation repassée en brouillon : elle n'est plus au catalogue.
flash-session-added = Séance ajoutée.
flash-series-created = Séances créées.
flash-session-saved = Séance enregistrée.
flash-session-deleted = Séance supprimée.
flash-recording-saved = Enregistrement de la séance mis à jour.
flash-zoom-retried = Synchronisation Zoom relancée.
flash-request-confirmed = Paiement confirmé : l'inscription est créée et l'apprenant prévenu.
flash-request-refused = Demande refusée : l'apprenant est prévenu.
flash-user-enrolled = Apprenant inscrit.
flash-enrollment-cancelled = Inscription annulée.
flash-learner-renamed = Nom de l'apprenant corrigé.
flash-certificate-issued = Certificat délivré.
flash-certificate-revoked = Certificat révoqué.
flash-certificate-reissued = Certificat délivré à nouveau.
flash-reminder-resent = Le rappel repartira au prochain passage (dans la minute).
flash-attendance-saved = Présence enregistrée.
flash-import-applied = Présences importées.

admin-pages = Pages de la liste
admin-page-first = ← Première page
admin-page-next = Page suivante →
admin-enrollments-search = Rechercher un apprenant (nom ou e-mail)
