-- Staging table stg_quota_scope: the quotas' scope (targets/scope.py), one row per quota ×
-- programme_id whose records it counts, passed as one bound list parameter and created as a
-- temporary table by targets.marts, so that the staging views can join it; dropped after each
-- mart, or replaced by the next scope in a marts.Session. Parameters: $scope (a list of
-- structs).
with

rows as (
    select unnest(
        $scope::struct(
            quota_id varchar,
            programme_id varchar,
            period_start date,
            period_end date,
            filtered boolean,
            employment_place varchar,
            category varchar,
            occupation varchar
        )[],
        recursive := true
    )
),

final as (
    select * from rows
)

select * from final
