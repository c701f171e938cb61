"""The DuckDB warehouse file, at the bottom of the house.

warehouse.store: where the file is, read-only connections, the exclusive lock and the atomic swap
a load writes through, and the DDL (warehouse/sql/tables.sql). Nothing here imports another package
of the project. Errors are warehouse.exceptions.WarehouseError.
"""
