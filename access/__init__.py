"""Who may see what: accounts, roles and scopes, sign-in sessions, and the append-only audit log.

Application state lives in a small SQLite file beside the warehouse (`data/skilltrack.sqlite`,
access/store.py), never in the analytical warehouse that loads replace by an atomic swap. This
package reads the catalogue's region tree (a scope is a region of it) and nothing else of the
product: the read side (targets, dashboard) takes a `RegionScope` from here and binds it.
"""
