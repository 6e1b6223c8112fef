# What every page shares.

lang-switch = Language
lang-name-fr = Français
lang-name-en = English
