# Ce que toutes les pages partagent.

lang-switch = Langue
lang-name-fr = Français
lang-name-en = English
