"""The training pipeline: load a month of trips, build features, train and register."""
import pandas as pd
from prefect import flow, task

from duration.features import trip_features
from duration.train import train


@task(retries=2, retry_delay_seconds=30)
def load(month: str) -> pd.DataFrame:
    return pd.read_parquet(f"data/green_tripdata_{month}.parquet")


@flow(log_prints=True)
def training_flow(train_month: str = "2024-01", val_month: str = "2024-02"):
    df_train, df_val = load(train_month), load(val_month)
    train(
        [trip_features(r) for r in df_train.to_dict("records")], df_train["duration"],
        [trip_features(r) for r in df_val.to_dict("records")], df_val["duration"],
    )


if __name__ == "__main__":
    training_flow()
