-- The people of one batch (and of every batch for the quotas to rebuild): per quota and bucket,
-- each person's first counted day, first certified and first employed day, and the place of the
-- first. Inputs: records (after dedupe_batch.sql), stage_people_scope (the people quotas' scope,
-- with `rebuild` set for quotas kept for another scope or not yet). Parameters: $batch_id.
with

scope as (
    select * from stage_people_scope
),

rebuilt as (
    select distinct programme_id from scope where rebuild
),

records as (  -- the batch's records, and every record of a programme some quota rebuilds
    select
        batch_id, programme_id, id_number, end_date, certified, employed, employment_date,
        city, county, town,
        employment_place, category, occupation
    from records
    where batch_id = $batch_id or programme_id in (select programme_id from rebuilt)
),

hits as (
    select
        s.quota_id,
        case when s.per_year then year(r.end_date) else 0 end as bucket,
        r.id_number, r.end_date, r.certified, r.employed, r.city, r.county, r.town,
        -- a placement counts once kept retention_months since its employment date
        case when s.retention_months > 0
            then (coalesce(r.employment_date, r.end_date) + to_months(s.retention_months))::date
            else r.end_date end as employed_day
    from records as r
    inner join scope as s
        on r.programme_id = s.programme_id
        and r.end_date between s.period_start and s.period_end
    where (r.batch_id = $batch_id or s.rebuild)
        and (s.employment_place is null or contains(r.employment_place, s.employment_place))
        and (s.category is null or contains(r.category, s.category))
        and (s.occupation is null or contains(r.occupation, s.occupation))
),

final as (
    select
        quota_id,
        bucket,
        id_number,
        min(end_date) as first_trained,
        min(end_date) filter (where certified) as first_certified,
        min(employed_day) filter (where employed) as first_employed,
        arg_min(city, end_date) as city,
        arg_min(county, end_date) as county,
        arg_min(town, end_date) as town
    from hits
    group by quota_id, bucket, id_number
)

select * from final
