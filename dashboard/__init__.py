"""The dashboard's Streamlit runtime: what the pages call. Cached calls of targets' queries and
engine (the rules live in targets/), the sidebar, the warehouse source, loading uploaded files.

Pages hold no SQL and no rules; ui/ holds the pure chart builders and the strings.
"""
