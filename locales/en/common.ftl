# What every page shares.

lang-switch = Language

# A post from another site (the origin check).
edge-cross-site = Request refused: it does not come from this site.
