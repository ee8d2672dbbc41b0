"""Seeds a real MLflow tracking server through MLflow's own client, as a team would fill it:
an experiment with runs that carry their source commit and a logged dataset, a registered model
with two versions, and the alias `champion` on the second."""
import sys

import mlflow
import pandas as pd
from mlflow import MlflowClient

mlflow.set_tracking_uri(sys.argv[1])
client = MlflowClient()
experiment_id = client.create_experiment("taxi-duration")

data = pd.DataFrame({"trip_distance": [1.2, 3.4, 0.8], "duration": [7.0, 15.0, 5.0]})
dataset = mlflow.data.from_pandas(data, name="green-2024-01", targets="duration")
run_ids = []
for alpha in (0.1, 0.5):
    with mlflow.start_run(experiment_id=experiment_id,
                          tags={"mlflow.source.git.commit": "3f2a9c1d5e7b8a90c1d2e3f4a5b6c7d8e9f0a1b2"}) as run:
        mlflow.log_param("alpha", alpha)
        mlflow.log_metric("rmse", 5.0 + alpha)
        mlflow.log_input(dataset, context="training")
        run_ids.append(run.info.run_id)

client.create_registered_model("taxi-duration")
for run_id in run_ids:
    client.create_model_version("taxi-duration", f"runs:/{run_id}/model", run_id=run_id)
client.set_registered_model_alias("taxi-duration", "champion", "2")
print("seeded")
