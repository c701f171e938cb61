-- Remove the rows of one batch that repeat a record already in the warehouse or earlier in the
-- same file. Only rows whose key hash occurs more than once are compared, and they are compared
-- exactly on the key's five fields. Earlier batches win; within the file, the earlier sheet
-- (position in $sheets, the workbook's order) and then the earlier row wins.
-- Parameters: $batch_id, $sheets.
delete from records
where rowid in (

    with

    shared as (  -- a semi-join: faster than a distinct list of the batch's hashes first
        select key_hash
        from records
        where key_hash in (select key_hash from records where batch_id = $batch_id)
        group by key_hash
        having count(*) > 1
    ),

    candidates as (
        select
            rowid as rid,
            batch_id,
            coalesce(list_position($sheets, source_sheet), 0) as sheet_order,
            source_row,
            id_number, programme_id, coalesce(institution, '') as institution,
            coalesce(occupation, '') as occupation, start_date
        from records
        where key_hash in (select key_hash from shared)
    ),

    ranked as (
        select
            rid,
            batch_id,
            row_number() over (
                partition by id_number, programme_id, institution, occupation, start_date
                order by batch_id = $batch_id, sheet_order, source_row
            ) as nth
        from candidates
    ),

    final as (
        select rid from ranked where nth > 1 and batch_id = $batch_id
    )

    select * from final
)
