"""Real-name training ledgers (实名制台账) from CSV/XLSX/Parquet into the DuckDB warehouse."""
