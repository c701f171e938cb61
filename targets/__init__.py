"""The read side: the progress engine over the warehouse and the catalogue, and every query the
dashboard and the briefing ask (plans, attention, places, institutions).

The engine's entry points, each returning a Polars frame (columns in each docstring):

    targets.progress.progress(as_of, db=, programme=, catalogue=)          one row per quota
    targets.timeline.yearly_progress(as_of, db=, programme=, catalogue=)   per quota and year
    targets.timeline.trajectory(as_of, db=, programme=, catalogue=)        per quota and month
    targets.places.region_progress(programme, as_of, level=, db=, …)       per city/county/town
    targets.institutions.institution_progress(year, db=)                   per institution
    targets.institutions.institution_programme_progress(year, db=, …)      … and programme
    targets.queries.*(con, …)                                              what the pages ask

The rules are in targets/status.py, which records each quota counts in targets/scope.py, the SQL
in targets/sql/ (one loader: targets.marts.sql). The quotas come from catalogue/, the records from
warehouse/. Errors are targets.exceptions.TargetsError (catalogue.exceptions.TargetsError).
"""
