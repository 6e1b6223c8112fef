# Ce que toutes les pages partagent.

lang-switch = Langue

# La page ne répond plus : une partie n'a pas pu être téléchargée (réseau
# coupé, nouvelle version en ligne) ou une erreur l'a arrêtée.
app-crash = Cette page n'a pas pu se charger entièrement. Vérifiez votre connexion, puis rechargez-la.
app-crash-reload = Recharger

# Un envoi venu d'un autre site (vérification de l'origine).
edge-cross-site = Requête refusée : elle ne provient pas de ce site.
