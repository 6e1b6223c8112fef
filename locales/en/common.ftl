# What every page shares.

lang-switch = Language
