# What every page shares.

lang-switch = Language

# The page stopped answering: a part of it could not be downloaded (network
# lost, a new release online) or an error stopped it.
app-crash = This page could not load completely. Check your connection, then reload it.
app-crash-reload = Reload

# A post from another site (the origin check).
edge-cross-site = Request refused: it does not come from this site.
