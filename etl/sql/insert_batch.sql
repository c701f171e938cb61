-- Append one chunk of valid rows (registered as `incoming`) to `records`, with the hash of the
-- duplicate key (CONTRACT §2: id_number, programme_id, institution, occupation, start_date).
-- Duplicates are removed afterwards by dedupe_batch.sql. Parameters: $batch_id.
insert into records by name
with

incoming_rows as (
    select * from incoming
),

final as (
    select
        $batch_id as batch_id,
        *,
        hash(id_number, programme_id, coalesce(institution, ''), coalesce(occupation, ''),
            start_date) as key_hash
    from incoming_rows
)

select * from final
