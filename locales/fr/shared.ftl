# Les mots des apprenants et des administrateurs : statuts, plateformes, niveaux.
# (Les exports CSV et la ligne de commande gardent les libellés français du code.)

status-upcoming = À venir
status-active = En cours
status-completed = Terminée
status-cancelled = Annulée

status-request-pending = En attente de paiement
status-request-confirmed = Paiement confirmé
status-request-rejected = Refusée
status-request-withdrawn = Retirée

platform-zoom = Zoom
platform-google-meet = Google Meet
platform-teams = Microsoft Teams

level-beginner = Débutant
level-intermediate = Intermédiaire
level-advanced = Avancé
level-expert = Expert
