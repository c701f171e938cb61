-- Judge the records of audit_windows (every record, or the batch's people: their rowid and
-- windows, etl/audit_windows.py) against the rules of their own programme (temp tables
-- audit_rules, audit_levels) and append them to `audit`. Parameters: the flag bits
-- ($over_yearly_limit …).
insert into audit by name
with

-- the scope's records with their windows (joined back by rowid: the windows carry no texts)
windowed as (
    select
        rec.batch_id, rec.source_sheet, rec.source_row, rec.id_number, rec.programme_id,
        rec.province, rec.city, rec.county, rec.town, rec.institution, rec.start_date,
        rec.end_date, rec.occupation, rec.level, rec.days, rec.certified, rec.employed,
        rec.employment_date, rec.category,
        win.yearly_n, win.repeat_n, win.before_end, win.next_start, win.shared
    from records as rec
    join audit_windows as win on rec.rowid = win.rid
),

judged as (
    select
        w.*,
        r.* exclude (programme_id),
        coalesce(w.days, date_diff('day', w.start_date, w.end_date) + 1) as days_n,
        year(w.start_date) - cast(substr(w.id_number, 7, 4) as integer)
            - case when strftime(w.start_date, '%m%d') < substr(w.id_number, 11, 4) then 1 else 0 end
            as age
    from windowed as w
    left join audit_rules as r on r.programme_id = w.programme_id
),

flagged as (
    select
        *,
        (case when yearly_n > yearly_limit then $over_yearly_limit else 0 end)
        | (case when repeat_n > 1 then $repeat_occupation_level else 0 end)
        | (case when cert_required and not certified then $no_certificate else 0 end)
        | (case when age > max_age then $over_age else 0 end)
        | (case when days_n > max_days then $too_long else 0 end)
        | (case when before_end >= start_date or next_start <= end_date
            then $overlapping_classes else 0 end)
        | (case when shared then $shared_phone else 0 end) as flags
    from judged
),

priced as (
    select
        f.*,
        (f.flags & coalesce(f.excl_mask, 0)) <> 0 as ineligible,
        least(f.days_n, coalesce(f.max_paid_days, f.days_n)) as paid_days,
        l.amount as level_amount,
        (f.end_date + to_months(coalesce(f.rest_months, 0)))::date as rest_window,
        (f.end_date + to_months(coalesce(f.grant_months, 0)))::date as grant_window
    from flagged as f
    left join audit_levels as l on l.programme_id = f.programme_id and l.level = f.level
),

based as (
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
    from priced
),

final as (
    select
        batch_id, source_sheet, source_row, id_number, programme_id, province, city, county,
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
    from based
)

select * from final
