"""The dashboard's data layer: what the pages call. Filters, cached queries over the warehouse
and the progress engine, the "needs attention" rules, and loading uploaded files.

Pages hold no SQL and no rules; ui/ holds the pure chart builders and the strings.
"""
