"""secoda-sync from Airflow: nightly, one task per warehouse, each in its own pod.

Copy to your DAGs folder. Two ways are shown; keep the one that fits your deployment:
- KubernetesPodOperator (needs apache-airflow-providers-cncf-kubernetes): the container image of
  config/Dockerfile, secrets from the Kubernetes Secret of config/kubernetes/base/cronjob.yaml.
- BashOperator: the jar installed on the workers, secrets from Airflow's environment.
The task fails when secoda-sync exits non-zero; the run summary is the last log line and is
pushed to XCom (do_xcom_push) so downstream tasks can read counts and schema changes.
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.operators.bash import BashOperator
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
from airflow.providers.cncf.kubernetes.secret import Secret

WAREHOUSES = ["analytics", "billing"]
USE_PODS = True  # False: BashOperator on the workers

with DAG(
    dag_id="secoda_sync",
    schedule="15 2 * * *",
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,  # never two syncs of a warehouse at once
    default_args={"retries": 1, "retry_delay": timedelta(minutes=10)},
    tags=["catalog", "secoda"],
) as dag:
    for name in WAREHOUSES:
        if USE_PODS:
            KubernetesPodOperator(
                task_id=f"sync_{name}",
                name=f"secoda-sync-{name}",
                image="ghcr.io/example/secoda-sync:0.1.0",
                arguments=[
                    "--spring.config.additional-location=file:/etc/secoda-sync/secoda-sync.yml",
                    f"--warehouse={name}",
                ],
                secrets=[
                    Secret("env", "SECODA_API_TOKEN", "secoda-sync", "SECODA_API_TOKEN"),
                    Secret("env", "ANALYTICS_DB_PASSWORD", "secoda-sync", "ANALYTICS_DB_PASSWORD"),
                    Secret("env", "SPRING_DATASOURCE_PASSWORD", "secoda-sync", "JOB_REPOSITORY_PASSWORD"),
                ],
                env_vars={
                    "SPRING_DATASOURCE_URL": "jdbc:postgresql://secoda-sync-db:5432/secoda_sync",
                    "SPRING_DATASOURCE_USERNAME": "secoda_sync",
                },
                get_logs=True,
                on_finish_action="delete_pod",
            )
        else:
            # Java 17 and the jar on the worker; SECODA_API_TOKEN and the passwords in the
            # worker's environment (never in a templated field: Airflow shows rendered templates).
            BashOperator(
                task_id=f"sync_{name}",
                bash_command=(
                    "java -jar /opt/secoda-sync/secoda-sync.jar"
                    " --spring.config.additional-location=file:/opt/secoda-sync/secoda-sync.yml"
                    f" --warehouse={name}"
                    f" --summary=/tmp/secoda-sync-{name}-{{{{ run_id }}}}.json"
                ),
                # The last line of output is the run summary JSON: it becomes this task's XCom value.
                do_xcom_push=True,
            )
