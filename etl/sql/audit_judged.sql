-- The judged records: each record of the temp view `audit_scope` (every record, or the records of
-- the people a load touches, with `rid`, its row id; the money reads only those of the programmes
-- that pay anything, in place of the scope) against the rules of its own
-- programme (temp tables audit_rules, audit_levels): its flags and its money by part.
-- The flags that need a person's other trainings or other people's phones come from the temp
-- table audit_window_flags (rid, wflags: only the rows that have one, etl/audit_windows.py); the
-- others are the record's own. The flag bits are the one row of the temp table audit_bits.
-- Used as the first CTEs of the statements that sum it (etl/audit.py).
judged_scope as (
    select
        s.rid, s.batch_id, s.source_sheet, s.source_row, s.id_number, s.programme_id,
        s.province, s.city, s.county, s.town, s.institution, s.start_date, s.end_date,
        s.level, s.certified, s.employed, s.employment_date, s.category,
        coalesce(s.days, date_diff('day', s.start_date, s.end_date) + 1) as days_n,
        coalesce(w.wflags, 0) as wflags
    from @scope as s
    left join audit_window_flags as w on w.rid = s.rid
),

judged_rules as (
    select
        j.*,
        r.* exclude (programme_id),
        case when r.max_age is not null then
            year(j.start_date) - try_cast(substr(j.id_number, 7, 4) as integer)
            - case when strftime(j.start_date, '%m%d') < substr(j.id_number, 11, 4) then 1 else 0 end
        end as age
    from judged_scope as j
    left join audit_rules as r on r.programme_id = j.programme_id
),

judged_flags as (
    select
        j.*,
        j.wflags
        | (case when j.cert_required and not j.certified then b.no_certificate else 0 end)
        | (case when j.age > j.max_age then b.over_age else 0 end)
        | (case when j.days_n > j.max_days then b.too_long else 0 end) as flags
    from judged_rules as j
    cross join audit_bits as b
),

judged_priced as (
    select
        f.*,
        (f.flags & coalesce(f.excl_mask, 0)) <> 0 as ineligible,
        least(f.days_n, coalesce(f.max_paid_days, f.days_n)) as paid_days,
        l.amount as level_amount,
        case when f.rest_months is null then f.end_date
            else (f.end_date + to_months(f.rest_months))::date end as rest_window,
        case when f.grant_months is null then f.end_date
            else (f.end_date + to_months(f.grant_months))::date end as grant_window
    from judged_flags as f
    left join audit_levels as l on l.programme_id = f.programme_id and l.level = f.level
),

judged_based as (
    select
        *,
        case when ineligible then 0.0 else coalesce(
            level_amount,
            per_person,
            rate * least(paid_days, coalesce(after_days, paid_days))
                + coalesce(later_rate, rate) * greatest(paid_days - coalesce(after_days, paid_days), 0),
            0.0
        ) end as base,
        employed and (employment_date is null or employment_date <= rest_window) as rest_in_time,
        employed and (employment_date is null or employment_date <= grant_window) as grant_in_time,
        greatest(coalesce(employment_date, end_date), end_date) as employed_on
    from judged_priced
),

judged as (
    select
        rid, batch_id, source_sheet, source_row, id_number, programme_id, province, city, county,
        town, institution, start_date, end_date, flags, ineligible,
        base * coalesce(first_share, 1.0) as first_amount,
        base - base * coalesce(first_share, 1.0) as rest_amount,
        case when base > 0 and coalesce(first_share, 1.0) < 1 then rest_on end as rest_condition,
        case rest_on
            when 'employment' then case when rest_in_time then employed_on end
            when 'certificate' then case when certified then end_date end
        end as rest_paid,
        case when rest_on = 'employment' and not rest_in_time then rest_window end as rest_lapses,
        case when not ineligible and list_contains(grant_categories, category)
            then grant_amount else 0.0 end as grant_amount,
        case when grant_in_time then employed_on end as grant_paid,
        case when not grant_in_time then grant_window end as grant_lapses
    from judged_based
)
