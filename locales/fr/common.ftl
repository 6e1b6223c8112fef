# Ce que toutes les pages partagent.

lang-switch = Langue

# Un envoi venu d'un autre site (vérification de l'origine).
edge-cross-site = Requête refusée : elle ne provient pas de ce site.
