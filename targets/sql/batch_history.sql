-- The batch ledger, newest first, with the plans each batch's loaded records belong to
-- (from the loads' per-batch places, summary_batches).
-- `plan_map` (programme_id → plan) is registered by targets.queries from the catalogue.
-- A user with a region sees the batches with records inside it ($own: or loaded for a region
-- inside it, from the dashboard), `loaded` counting their records inside it; a batch's
-- other counts (rows, duplicates, rejected, skipped, reasons) only where the batch is one of
-- $own, since the file may hold other regions' rows. Every region ($everything): every batch.
-- Parameters: $everything, $own (batch ids), $scope_province, $scope_city, $scope_county,
-- $scope_town.
with

batches as (
    select * from batches
),

summary as (
    select batch_id, programme_id, trained
    from summary_batches
    where ($scope_province::varchar is null or province = $scope_province)
        and ($scope_city::varchar is null or city = $scope_city)
        and ($scope_county::varchar is null or county = $scope_county)
        and ($scope_town::varchar is null or town = $scope_town)
),

own as (
    select unnest($own::varchar[]) as batch_id
),

plans_of as (
    select s.batch_id, list(distinct p.plan order by p.plan) as plans, sum(s.trained) as loaded
    from summary as s
    inner join plan_map as p on s.programme_id = p.programme_id
    group by s.batch_id
),

visible as (
    select
        b.*,
        $everything or b.batch_id in (select batch_id from own) as whole,
        p.plans,
        p.loaded as loaded_here
    from batches as b
    left join plans_of as p on b.batch_id = p.batch_id
    where $everything
        or p.batch_id is not null
        or b.batch_id in (select batch_id from own)
),

final as (
    select
        batch_id, file_name,
        case when whole then rows end as rows,
        case when $everything then loaded else coalesce(loaded_here, 0) end as loaded,
        case when whole then duplicates end as duplicates,
        case when whole then rejected end as rejected,
        case when whole then skipped end as skipped,
        case when whole then reasons::varchar end as reasons,
        duplicate_of, loaded_at,
        coalesce(plans, []::varchar[]) as plans
    from visible
    order by loaded_at desc
)

select * from final
