"""Trains the duration model and logs it to the team's MLflow tracking server."""
import os

import mlflow
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LinearRegression
from sklearn.metrics import root_mean_squared_error
from sklearn.pipeline import make_pipeline

mlflow.set_tracking_uri(os.environ.get("MLFLOW_TRACKING_URI", "http://127.0.0.1:5000"))
mlflow.set_experiment("taxi-duration")


def train(train_dicts, y_train, val_dicts, y_val):
    with mlflow.start_run():
        pipeline = make_pipeline(DictVectorizer(), LinearRegression())
        pipeline.fit(train_dicts, y_train)
        rmse = root_mean_squared_error(y_val, pipeline.predict(val_dicts))
        mlflow.log_metric("rmse", rmse)
        mlflow.sklearn.log_model(pipeline, "model", registered_model_name="taxi-duration")
    return pipeline
