"""Quotas of the policy documents as data (catalogue/*.toml) and the progress engine over them.

The engine's entry points, each returning a Polars frame (columns in each docstring):

    targets.progress.progress(as_of, db=, programme=, catalogue=)          one row per quota
    targets.timeline.yearly_progress(as_of, db=, programme=, catalogue=)   per quota and year
    targets.timeline.trajectory(as_of, db=, programme=, catalogue=)        per quota and month
    targets.places.region_progress(programme, as_of, level=, db=, …)       per city/county/town
    targets.institutions.institution_progress(year, db=)                   per institution
    targets.institutions.institution_programme_progress(year, db=, …)      … and programme
    targets.allocations.load_allocations(directory=, catalogue=)           town allocations

The rules are in targets/status.py, which records each quota counts in targets/scope.py, the SQL
in targets/sql/. Errors are targets.exceptions.TargetsError.
"""
