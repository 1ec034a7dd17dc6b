"""`wirebrief batch`: the briefing pipeline on Apache Spark, for inputs one machine cannot brief.

- `inputs`: which files and URIs a run reads, and how a record is assigned to a partition;
- `output`: the Parquet layout (schema, manifest, per-partition files) and reading it back;
- `partition`: what one Spark task does (brief its records with `brief_stream`, write its files);
- `spark`: the driver (session, RDDs, resume, summary); the only module that imports PySpark.

Everything but `spark` runs without PySpark, so the output can be read and tested anywhere.
"""
