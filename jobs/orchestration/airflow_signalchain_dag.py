"""Airflow DAG for the Signalchain nightly job.

One task per night: spark-submit of the Signalchain jar with the logical date as --run-date.
Exit codes (README): 0 success; 2 usage/configuration; 3 data-quality gate; 4 input missing;
1 unexpected. A rerun of a night replaces that night's rows atomically, so retries are safe.

Backfill: `airflow dags backfill signalchain_nightly -s 2026-10-01 -e 2026-10-31` runs one task
per date (catchup), or run the job once with `run --from 2026-10-01 --to 2026-10-31`, which
skips dates that already SUCCEEDED (add --force to redo them).

Set the Airflow Variables signalchain_jar (the path of jobs/target/signalchain-jobs-submit.jar,
which bundles Delta) and signalchain_conf, and a Spark connection `spark_signalchain` pointing at
the cluster (spark://…, yarn, k8s://…).
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.models import Variable
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

with DAG(
    dag_id="signalchain_nightly",
    description="Customer signal management: KPIs, driver analysis, priorities per journey step",
    schedule="0 3 * * *",          # 03:00, after the nightly exports
    start_date=datetime(2026, 10, 1),
    catchup=True,                   # missed nights are run in date order
    max_active_runs=2,              # runs for different dates may overlap safely
    default_args={
        "retries": 2,
        "retry_delay": timedelta(minutes=15),
    },
    tags=["signalchain"],
) as dag:
    SparkSubmitOperator(
        task_id="signalchain_run",
        conn_id="spark_signalchain",
        application="{{ var.value.signalchain_jar }}",
        java_class="io.signalchain.cli.SignalchainCli",
        application_args=[
            "run",
            "--conf", "{{ var.value.signalchain_conf }}",
            "--run-date", "{{ ds }}",
        ],
        conf={"spark.sql.shuffle.partitions": "64"},
    )
