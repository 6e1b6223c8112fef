# Ce que toutes les pages partagent.

lang-switch = Langue
