-- Staging table stg_region: the signed-in user's scope (catalogue.region_scope.RegionScope), one row
-- of the levels it sets (null = any), passed as bound parameters and created as a temporary
-- table by targets.marts, so that the staging views can keep only the records inside it. A
-- record is inside when each level set equals the record's own cell.
-- Parameters: $scope_province, $scope_city, $scope_county, $scope_town.
with

final as (
    select
        $scope_province::varchar as province,
        $scope_city::varchar as city,
        $scope_county::varchar as county,
        $scope_town::varchar as town
)

select * from final
