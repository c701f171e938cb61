"""The synthetic demo warehouse: realistic ledgers for every quota of the catalogue.

demo.build.build_demo writes the ledgers and the sample files (demo.generate) and loads them with
the ETL (`python -m etl demo`). The demo may use etl, warehouse and catalogue; nothing but the
dashboard's first run and the ETL's `demo` command uses it.
"""
