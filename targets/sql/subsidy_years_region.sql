-- The years (newest first) with audited trainings inside the region (subsidy_region_audit.sql,
-- prepended by targets.subsidy), for the 补贴审核 page's year choice.
,

final as (
    select distinct year(end_date) as year from region_audit
)

select * from final order by year desc
